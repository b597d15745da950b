import { Button, Select, Space, Table, Typography } from 'antd';
import type { UnknownEvent, UnknownListValue } from '../../../../shared/excel/rows';
import { useSettingsStore } from '../settings/store';
import { useImportStore, type ListDecision } from './store';

const encode = (d: ListDecision | undefined): string =>
  !d || d.action === 'keep' ? 'keep' : d.action === 'add' ? 'add' : `map:${d.to}`;
const decode = (v: string): ListDecision =>
  v === 'keep' ? { action: 'keep' } : v === 'add' ? { action: 'add' } : { action: 'map', to: v.slice(4) };

const range = (u: UnknownEvent): string =>
  !u.from ? '（表中没有日期）' : u.from === u.to ? u.from : `${u.from} 至 ${u.to}`;

function EventsTable() {
  const { unknownEvents, eventDecisions, decideEvent, createAllEvents, refs } = useImportStore();
  const events = refs.events;
  if (unknownEvents.length === 0) return null;
  const value = (u: UnknownEvent): string => {
    const d = eventDecisions[u.value];
    return !d || d.action === 'leave' ? 'leave' : d.action === 'create' ? 'create' : `map:${d.to}`;
  };
  const creating = unknownEvents.filter((u) => eventDecisions[u.value]?.action === 'create').length;
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text strong>签约活动</Typography.Text>
        <Typography.Text type="secondary">
          以下 {unknownEvents.length}{' '}
          个活动名称在台账中没有找到：可以随本次导入新建（日期取自这些行的签约日期）、对应到已有活动，或有意不关联。
        </Typography.Text>
        <Button size="small" onClick={createAllEvents} disabled={creating === unknownEvents.length}>
          全部新建
        </Button>
      </Space>
      <Table<UnknownEvent>
        size="small"
        pagination={false}
        rowKey="value"
        dataSource={unknownEvents}
        columns={[
          { title: '表格中的活动名称', dataIndex: 'value', width: 240 },
          { title: '行数', dataIndex: 'count', width: 70 },
          { title: '这些行的签约日期', key: 'range', width: 200, render: (_, u) => range(u) },
          { title: '所在行', key: 'rows', width: 140, render: (_, u) => u.rows.slice(0, 8).join('、') },
          {
            title: '处理',
            key: 'decision',
            render: (_, u) => (
              <Select
                aria-label={`活动「${u.value}」处理`}
                style={{ width: 280 }}
                value={value(u)}
                onChange={(v: string) =>
                  decideEvent(u.value, v === 'create' || v === 'leave' ? v : { map: v.slice(4) })
                }
                options={[
                  { value: 'create', label: '新建该活动' },
                  { value: 'leave', label: '不关联（有意留空）' },
                  ...events.map((e) => ({ value: `map:${e.id}`, label: `对应为：${e.name}` })),
                ]}
              />
            ),
          },
        ]}
      />
    </Space>
  );
}

export function ValuesStep() {
  const { unknown, decisions, decide, confirmValues, back, addAllListValues } = useImportStore();
  const settings = useSettingsStore((s) => s.settings);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <EventsTable />
      {unknown.length ? (
        <Space wrap>
          <Typography.Text strong>列表值</Typography.Text>
          <Typography.Text type="secondary">
            以下取值不在设置的列表中（组团、行业、园区）。可以对应到已有的值、添加到设置，或按原文导入。
          </Typography.Text>
          <Button size="small" onClick={addAllListValues}>
            全部添加到设置
          </Button>
        </Space>
      ) : null}
      {unknown.length ? (
        <Table<UnknownListValue>
          size="small"
          pagination={false}
          rowKey={(u) => `${u.field}|${u.value}`}
          dataSource={unknown}
          columns={[
            { title: '字段', dataIndex: 'label', width: 120 },
            { title: '表格中的值', dataIndex: 'value', width: 200 },
            { title: '行数', dataIndex: 'count', width: 70 },
            { title: '所在行', key: 'rows', width: 160, render: (_, u) => u.rows.join('、') },
            {
              title: '处理',
              key: 'decision',
              render: (_, u) => (
                <Select
                  aria-label={`${u.label}「${u.value}」处理`}
                  style={{ width: 260 }}
                  value={encode(decisions[`${u.field}\u241f${u.value}`])}
                  onChange={(v: string) => decide(u.field, u.value, decode(v))}
                  options={[
                    { value: 'keep', label: '按原文导入' },
                    { value: 'add', label: `添加到设置的列表` },
                    ...settings[u.listKey].map((v) => ({ value: `map:${v}`, label: `对应为：${v}` })),
                  ]}
                />
              ),
            },
          ]}
        />
      ) : null}
      <Space>
        <Button onClick={back}>上一步</Button>
        <Button type="primary" onClick={() => void confirmValues()}>
          下一步：预览
        </Button>
      </Space>
    </Space>
  );
}
