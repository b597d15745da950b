import { App as AntApp, Button, DatePicker, Form, Input, Modal, Select, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { StageChange } from '../../../shared/domain/records';
import { describeError } from '../components/errors';
import { Writable } from '../features/sync/Writable';

interface Values {
  to: string;
  date: Dayjs;
  uscc?: string;
  registeredDate?: Dayjs;
}

interface Props<S extends string> {
  title: string;
  buttonLabel: string;
  targets: S[];
  labels: Record<S, string>;
  /** Targets that also ask for the USCC and the registration date. */
  needsRegistration?: (to: S) => boolean;
  onChange(to: S, date: string, extra: { uscc?: string; registeredDate?: string }): Promise<unknown>;
  /** What else the move does (e.g. ticks the stage's milestone), shown before it is confirmed. */
  note?: (to: S) => string | undefined;
  disabled?: boolean;
}

/** Button and dialog that move a record to its next stage or status, with the date it happened. */
export function StageChangeButton<S extends string>(props: Props<S>) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const to = Form.useWatch('to', form) as S | undefined;
  const { message } = AntApp.useApp();

  async function save() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await props.onChange(v.to as S, v.date.format('YYYY-MM-DD'), {
        uscc: v.uscc,
        registeredDate: v.registeredDate?.format('YYYY-MM-DD'),
      });
      message.success(`已变更为「${props.labels[v.to as S]}」`);
      setOpen(false);
    } catch (error) {
      const fieldErrors = (error as { fieldErrors?: Record<string, string> }).fieldErrors ?? {};
      const shown = Object.entries(fieldErrors).filter(([k]) => k === 'uscc' || k === 'registeredDate') as [
        keyof Values,
        string,
      ][];
      if (shown.length) form.setFields(shown.map(([name, msg]) => ({ name, errors: [msg] })));
      message.error(describeError(error));
    }
  }

  return (
    <>
      <Writable>
        <Button
          type="primary"
          disabled={props.disabled || props.targets.length === 0}
          onClick={() => setOpen(true)}
        >
          {props.buttonLabel}
        </Button>
      </Writable>
      <Modal
        title={props.title}
        open={open}
        onOk={save}
        onCancel={() => setOpen(false)}
        okText="确定"
        cancelText="取消"
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ date: dayjs() }} preserve={false}>
          <Form.Item name="to" label="变更为" rules={[{ required: true, message: '请选择' }]}>
            <Select options={props.targets.map((t) => ({ value: t, label: props.labels[t] }))} />
          </Form.Item>
          <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
          </Form.Item>
          {to && props.note?.(to) && (
            <Typography.Paragraph type="secondary">{props.note(to)}</Typography.Paragraph>
          )}
          {to && props.needsRegistration?.(to) && (
            <>
              <Form.Item name="uscc" label="统一社会信用代码">
                <Input maxLength={24} placeholder="18位，已有则可不填" />
              </Form.Item>
              <Form.Item name="registeredDate" label="注册日期">
                <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}

/** Dated history of stages or statuses, oldest first. */
export function StageTimeline<S extends string>({
  history,
  labels,
}: {
  history: StageChange<S>[];
  labels: Record<S, string>;
}) {
  return (
    <Timeline
      items={history.map((h, i) => ({
        key: `${h.stage}-${i}`,
        color: i === history.length - 1 ? 'red' : 'gray',
        content: (
          <span>
            <b>{labels[h.stage]}</b>
            {'\u3000'}
            {h.date}
            <span style={{ color: '#999' }}>
              {'\u3000'}
              {h.by || '（未设置用户名）'} 记录于 {new Date(h.at).toLocaleString('zh-CN')}
            </span>
          </span>
        ),
      }))}
    />
  );
}
