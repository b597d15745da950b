import { Button, Select, Space, Table, Typography } from 'antd';
import type { UnknownListValue } from '../../../../shared/excel/rows';
import { useSettingsStore } from '../settings/store';
import { useImportStore, type ListDecision } from './store';

const encode = (d: ListDecision | undefined): string =>
  !d || d.action === 'keep' ? 'keep' : d.action === 'add' ? 'add' : `map:${d.to}`;
const decode = (v: string): ListDecision =>
  v === 'keep' ? { action: 'keep' } : v === 'add' ? { action: 'add' } : { action: 'map', to: v.slice(4) };

export function ValuesStep() {
  const { unknown, decisions, decide, confirmValues, back } = useImportStore();
  const settings = useSettingsStore((s) => s.settings);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        以下取值不在设置的列表中。可以对应到已有的值、添加到设置，或按原文导入。
      </Typography.Text>
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
      <Space>
        <Button onClick={back}>上一步</Button>
        <Button type="primary" onClick={() => void confirmValues()}>
          下一步：预览
        </Button>
      </Space>
    </Space>
  );
}
