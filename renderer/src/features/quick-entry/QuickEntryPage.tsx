import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Select, Space, Statistic, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, type KeyboardEvent } from 'react';
import { formatAmount, parseAmount, UNIT_LABELS } from '../../../../shared/domain/money';
import { useEvents } from '../../ledger/hooks';
import { useSettingsStore } from '../settings/store';
import { quickEntrySelectors, useQuickEntry, type QuickField } from './store';

const LABELS: Record<QuickField, string> = {
  name: '项目名称',
  investor: '投资方',
  amount: '协议投资额',
  industry: '行业',
  team: '招商组团',
  eventId: '签约活动',
  contactName: '客商姓名',
  mobile: '手机',
  notes: '备注',
};

const fieldId = (f: QuickField) => `quick-${f}`;
const NONE = '__none__';

/** Enter in a dropdown that is open or being searched picks the option; anywhere else it saves. */
function isOpenSelect(target: EventTarget): boolean {
  const el = target as HTMLInputElement;
  if (el.getAttribute?.('role') !== 'combobox') return false;
  return el.getAttribute('aria-expanded') === 'true' || el.value !== '';
}

export function QuickEntryPage() {
  const settings = useSettingsStore((s) => s.settings);
  const events = useEvents();
  const { draft, saving, saved, error, fieldErrors, round, set, init, save } = useQuickEntry();
  const currentEvent = events.find((e) => e.id === settings.currentEventId);
  const tally = useLiveQuery(
    () => quickEntrySelectors.tallyToday(settings.currentEventId),
    [settings.currentEventId, round],
  );

  useEffect(() => {
    init({ eventId: settings.currentEventId ?? '' });
  }, [init, settings.currentEventId]);

  useEffect(() => {
    document.getElementById(fieldId('name'))?.focus();
  }, [round]);

  const amount = parseAmount(draft.amount, settings.amountUnit);

  async function submit() {
    await save(quickEntrySelectors.repository(), settings);
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing || isOpenSelect(e.target)) return;
    e.preventDefault();
    void submit();
  }

  // A hint (the amount as read) is `extra`, not `help`: help leaves with an
  // animation, and a hint that outlived its value showed "= 5,000万元" under
  // an emptied field. An error replaces the hint while it stands.
  const item = (f: QuickField, control: React.ReactNode, hint?: React.ReactNode) => (
    <Form.Item
      label={LABELS[f]}
      htmlFor={fieldId(f)}
      required={f === 'name' || f === 'investor'}
      validateStatus={fieldErrors[f] ? 'error' : undefined}
      help={fieldErrors[f]}
      extra={fieldErrors[f] ? undefined : hint}
    >
      {control}
    </Form.Item>
  );
  const text = (f: QuickField, extra: Record<string, unknown> = {}) => (
    <Input
      id={fieldId(f)}
      value={draft[f]}
      onChange={(e) => set(f, e.target.value)}
      autoComplete="off"
      {...extra}
    />
  );
  const choice = (f: QuickField, options: { value: string; label: string }[], placeholder: string) => (
    <Select
      id={fieldId(f)}
      value={draft[f] || undefined}
      onChange={(v) => set(f, v === NONE ? '' : ((v as string | undefined) ?? ''))}
      // No clear button: it would sit in the Tab order between fields. 「不填」 clears instead.
      options={[...options, { value: NONE, label: '（不填）' }]}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder}
    />
  );

  return (
    <div
      style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 300px', gap: 16, alignItems: 'start' }}
    >
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            快速登记
          </Typography.Title>
        }
      >
        <Typography.Paragraph type="secondary">
          按 Tab 依次填写，回车保存并开始下一条。签约日期为今天，阶段为已签约。
        </Typography.Paragraph>
        <div onKeyDown={onKeyDown}>
          {/* A new form for each entry: nothing of the last one (an error outline, a hint) survives its save. */}
          <Form key={round} layout="vertical" component="div">
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
              {item('name', text('name', { maxLength: 100 }))}
              {item('investor', text('investor', { maxLength: 100 }))}
              {item(
                'amount',
                text('amount', {
                  suffix: UNIT_LABELS[settings.amountUnit],
                  placeholder: '如 3亿、5000万',
                  inputMode: 'decimal',
                }),
                amount.ok && amount.value
                  ? `= ${formatAmount(amount.value, settings.amountUnit)}`
                  : undefined,
              )}
              {item(
                'industry',
                choice(
                  'industry',
                  settings.industries.map((v) => ({ value: v, label: v })),
                  '选择行业',
                ),
              )}
              {item(
                'team',
                choice(
                  'team',
                  settings.teams.map((v) => ({ value: v, label: v })),
                  '选择招商组团',
                ),
              )}
              {item(
                'eventId',
                choice(
                  'eventId',
                  events.map((e) => ({ value: e.id, label: e.name })),
                  '选择签约活动',
                ),
              )}
              {item('contactName', text('contactName', { maxLength: 40 }))}
              {item('mobile', text('mobile', { inputMode: 'tel', placeholder: '已有客商只填手机即可关联' }))}
            </div>
            {item('notes', text('notes', { maxLength: 2000 }))}
          </Form>
          <Space>
            <Button type="primary" onClick={() => void submit()} loading={saving}>
              保存（回车）
            </Button>
          </Space>
        </div>
        <div style={{ marginTop: 16 }} aria-live="polite">
          {error && (
            <Alert
              type="error"
              showIcon
              title="未保存"
              description={`${error}（已填写的内容仍保留在表单中）`}
            />
          )}
          {!error && saved && (
            <Alert
              type="success"
              showIcon
              icon={<CheckCircleFilled />}
              title={`已保存：${saved.deal.name}`}
              description={
                saved.contact
                  ? `${saved.contactCreated ? '新建客商' : '关联已有客商'}「${saved.contact.name}」`
                  : undefined
              }
            />
          )}
        </div>
      </Card>
      <Card title="今日登记">
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {currentEvent ? `当前活动：${currentEvent.name}` : '未设置当前活动（统计今天全部签约）'}
        </Typography.Paragraph>
        <Statistic title="签约项目（个）" value={tally?.count ?? 0} />
        <Statistic
          style={{ marginTop: 12 }}
          title="协议投资额合计"
          value={formatAmount(tally?.sum ?? 0, settings.amountUnit)}
        />
      </Card>
    </div>
  );
}
