import { Alert, App as AntApp, AutoComplete, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import type { FieldSpec } from '../../../../shared/domain/fields';
import { parseAmount, toUnit, UNIT_LABELS } from '../../../../shared/domain/money';
import { validateField } from '../../../../shared/domain/validate';
import type { Settings } from '../../../../shared/settings';
import { describeError } from '../../components/errors';
import { useSettingsStore } from '../settings/store';
import { createRecord, updateRecord } from './actions';
import { fieldValue, type RecordOf } from '../../../../shared/domain/records';
import { useDeals, useEvents } from './hooks';
import { KINDS, type LedgerKind } from './kinds';

type FormValues = Record<string, unknown>;

function toFormValue(spec: FieldSpec, value: unknown, settings: Settings): unknown {
  if (value === undefined || value === null) return undefined;
  if (spec.type === 'amount') return String(toUnit(value as number, settings.amountUnit));
  if (spec.type === 'date') return dayjs(value as string);
  if (spec.type === 'int' || spec.type === 'decimal') return String(value);
  return value;
}

function fromFormValue(spec: FieldSpec, value: unknown, settings: Settings): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  if (spec.type === 'amount') {
    const r = parseAmount(value, settings.amountUnit);
    return r.ok ? (r.value ?? undefined) : value;
  }
  if (spec.type === 'date') return dayjs.isDayjs(value) ? (value as Dayjs).format('YYYY-MM-DD') : value;
  return value;
}

/** Form.Item hands its child `id`, `value` and `onChange`; they are passed on to the control. */
type ControlProps = { id?: string; value?: never; onChange?: never; 'aria-invalid'?: boolean };

/** Reads the events only when the form has an event field. */
function EventSelect(control: ControlProps) {
  const events = useEvents();
  return (
    <Select
      {...control}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      options={events.map((e) => ({ value: e.id, label: e.name }))}
      placeholder="选择活动"
    />
  );
}

/** Reads the deals only when the form has a deal field. */
function DealSelect(control: ControlProps) {
  const deals = useDeals();
  return (
    <Select
      {...control}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      options={deals.map((d) => ({ value: d.id, label: d.name }))}
      placeholder="选择签约项目"
    />
  );
}

function FieldInput({ spec, settings, ...control }: { spec: FieldSpec; settings: Settings } & ControlProps) {
  switch (spec.type) {
    case 'longtext':
      return <Input.TextArea {...control} rows={3} maxLength={spec.maxLength} showCount />;
    case 'amount':
      return (
        <Input
          {...control}
          suffix={UNIT_LABELS[settings.amountUnit]}
          placeholder="如 3000万、1.2亿"
          inputMode="decimal"
        />
      );
    case 'date':
      return (
        <DatePicker {...control} format="YYYY-MM-DD" style={{ width: '100%' }} placeholder="选择或输入日期" />
      );
    case 'enum':
      return (
        <Select
          {...control}
          allowClear
          options={spec.options?.map((o) => ({ value: o.value, label: o.label }))}
        />
      );
    case 'list':
      return (
        <Select
          {...control}
          allowClear
          showSearch
          options={(spec.listKey ? settings[spec.listKey] : []).map((v) => ({ value: v, label: v }))}
        />
      );
    case 'tags':
      return <Select {...control} mode="tags" tokenSeparators={[',', '，', '、']} placeholder="输入后回车" />;
    case 'eventRef':
      return <EventSelect {...control} />;
    case 'dealRef':
      return <DealSelect {...control} />;
    default:
      if (spec.suggestions) {
        return <AutoComplete {...control} allowClear options={spec.suggestions.map((v) => ({ value: v }))} />;
      }
      return <Input {...control} maxLength={spec.maxLength} />;
  }
}

interface Props<K extends LedgerKind> {
  kind: K;
  record?: RecordOf<K>;
  open: boolean;
  onClose(saved?: RecordOf<K>): void;
  /** Fields left out of this form (e.g. those changed by dedicated actions). */
  omit?: string[];
}

/** Create or edit form built from the kind's field specs; messages per field. */
export function RecordForm<K extends LedgerKind>({ kind, record, open, onClose, omit = [] }: Props<K>) {
  const info = KINDS[kind];
  const settings = useSettingsStore((s) => s.settings);
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  /** A storage failure stays visible in the form, beside the input it did not save. */
  const [failure, setFailure] = useState<string>();
  const specs = useMemo(() => info.fields.filter((f) => !f.readOnly && !omit.includes(f.key)), [info, omit]);

  const initialValues = useMemo(() => {
    const values: FormValues = {};
    for (const spec of specs)
      values[spec.key] = toFormValue(spec, record ? fieldValue(record, spec.key) : undefined, settings);
    return values;
  }, [specs, record, settings]);

  async function submit() {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const input: FormValues = {};
    for (const spec of specs) input[spec.key] = fromFormValue(spec, values[spec.key], settings);
    setSaving(true);
    setFailure(undefined);
    try {
      const saved = record ? await updateRecord(kind, record.id, input) : await createRecord(kind, input);
      message.success(record ? '已保存修改' : `已新建${info.noun}`);
      onClose(saved);
    } catch (error) {
      const fieldErrors = (error as { fieldErrors?: Record<string, string> }).fieldErrors;
      if (fieldErrors && Object.keys(fieldErrors).length) {
        form.setFields(Object.entries(fieldErrors).map(([name, msg]) => ({ name, errors: [msg] })));
      } else {
        setFailure(describeError(error));
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      title={record ? `编辑${info.noun}` : `新建${info.noun}`}
      open={open}
      onOk={submit}
      onCancel={() => {
        setFailure(undefined);
        onClose();
      }}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      width={760}
      destroyOnHidden
      maskClosable={false}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initialValues}
        preserve={false}
        style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}
      >
        {specs.map((spec) => (
          <Form.Item
            key={spec.key}
            name={spec.key}
            label={spec.label}
            required={spec.required}
            style={spec.type === 'longtext' ? { gridColumn: '1 / span 2' } : undefined}
            rules={[
              {
                validator: async (_rule, value) => {
                  const r = validateField(spec, fromFormValue(spec, value, settings));
                  if (!r.ok) throw new Error(r.error);
                },
              },
            ]}
          >
            <FieldInput spec={spec} settings={settings} />
          </Form.Item>
        ))}
      </Form>
      {failure && (
        <Alert type="error" showIcon title="未保存" description={`${failure}（填写的内容仍在表单中）`} />
      )}
    </Modal>
  );
}
