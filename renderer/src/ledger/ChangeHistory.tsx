import { Card, Empty, Table, Tag, Typography } from 'antd';
import { fieldLabel } from '../../../shared/domain/fields';
import type { ChangeEntry, FieldChange, RecordKind } from '../../../shared/domain/records';
import { useSettingsStore } from '../features/settings/store';
import { ACTION_LABELS, formatChangeValue, type FormatContext } from './format';
import { useHistory, useRefNames } from './hooks';

function causeText(entry: ChangeEntry): string {
  switch (entry.cause.type) {
    case 'import':
      return `导入批次 ${entry.cause.batchId.slice(0, 8)}${entry.sourceRow ? `，第${entry.sourceRow}行` : ''}`;
    case 'undo-import':
      return `撤销导入 ${entry.cause.batchId.slice(0, 8)}`;
    case 'merge':
      return `合并 ${entry.cause.file}`;
    case 'sample':
      return '示例数据';
    default:
      return '编辑';
  }
}

/** Ids of deals and contacts the entries mention, so only their names are read. */
function referencedIds(entries: ChangeEntry[] | undefined): { deals: string[]; contacts: string[] } {
  const deals: string[] = [];
  const contacts: string[] = [];
  for (const e of entries ?? []) {
    for (const c of e.changes) {
      const values = [c.old, c.new]
        .flatMap((v) => (Array.isArray(v) ? v : [v]))
        .filter((v): v is string => typeof v === 'string');
      if (c.field === 'contactIds') contacts.push(...values);
      else if (c.field === 'dealId') deals.push(...values);
    }
  }
  return { deals, contacts };
}

/** The record's trace (过程痕迹): who changed what, when, and why. */
export function ChangeHistory({ kind, recordId }: { kind: RecordKind; recordId: string }) {
  const entries = useHistory(recordId);
  const refs = useRefNames(referencedIds(entries));
  const unit = useSettingsStore((st) => st.settings.amountUnit);
  const ctx: FormatContext = { unit, ...refs };
  const show = (field: string, value: unknown) => formatChangeValue(kind, field, value, ctx) || '（空）';
  return (
    <Card title="变更记录" size="small">
      {entries && entries.length === 0 ? (
        <Empty description="暂无变更记录" />
      ) : (
        <Table<ChangeEntry>
          rowKey="id"
          size="small"
          loading={!entries}
          dataSource={entries}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            {
              title: '时间',
              dataIndex: 'at',
              width: 170,
              render: (at: string) => new Date(at).toLocaleString('zh-CN'),
            },
            {
              title: '操作',
              dataIndex: 'action',
              width: 70,
              render: (a: string) => <Tag>{ACTION_LABELS[a] ?? a}</Tag>,
            },
            { title: '操作人', dataIndex: 'by', width: 90, render: (by: string) => by || '（未设置用户名）' },
            {
              title: '变更内容',
              dataIndex: 'changes',
              render: (changes: FieldChange[]) => (
                <div>
                  {changes.map((c) => (
                    <div key={c.field}>
                      <Typography.Text strong>{fieldLabel(kind, c.field)}</Typography.Text>：
                      <Typography.Text
                        type="secondary"
                        delete={!!formatChangeValue(kind, c.field, c.old, ctx)}
                      >
                        {show(c.field, c.old)}
                      </Typography.Text>{' '}
                      → {show(c.field, c.new)}
                    </div>
                  ))}
                </div>
              ),
            },
            { title: '来源', key: 'cause', width: 120, render: (_: unknown, e: ChangeEntry) => causeText(e) },
          ]}
        />
      )}
    </Card>
  );
}
