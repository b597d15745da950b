import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, UndoOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Popconfirm,
  Result,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { navigate } from '../app/router';
import { describeError } from '../components/errors';
import { useSettingsStore } from '../features/settings/store';
import { deleteRecord, restoreRecord } from './actions';
import { ChangeHistory } from './ChangeHistory';
import { formatFieldValue } from './format';
import { fieldValue, type RecordOf } from '../../../shared/domain/records';
import { useRecord, useRefNames } from './hooks';
import { KINDS, type LedgerKind } from './kinds';
import { RecordForm } from './RecordForm';
import { useCanWrite } from '../features/sync/store';

interface Props<K extends LedgerKind> {
  kind: K;
  id: string;
  /** Tags beside the title (stage, status). */
  tags?(record: RecordOf<K>): ReactNode;
  /** Kind-specific sections: timelines, linked records, follow-ups. */
  children?(record: RecordOf<K>): ReactNode;
}

/** A record's page: its fields, edit/delete/restore, its sections and its history. */
export function RecordDetail<K extends LedgerKind>({ kind, id, tags, children }: Props<K>) {
  const info = KINDS[kind];
  const record = useRecord(kind, id);
  const unit = useSettingsStore((s) => s.settings.amountUnit);
  const dealId = record ? fieldValue(record, 'dealId') : undefined;
  const refs = useRefNames({ deals: [typeof dealId === 'string' ? dealId : undefined] });
  const fmt = useMemo(() => ({ unit, ...refs }), [unit, refs]);
  const [editing, setEditing] = useState(false);
  const canWrite = useCanWrite();
  const { message } = AntApp.useApp();

  if (record === undefined) return <Spin />;
  if (record === null) {
    return (
      <Result
        status="404"
        title={`找不到该${info.noun}`}
        extra={<Button onClick={() => navigate(info.section)}>返回列表</Button>}
      />
    );
  }

  async function act(fn: () => Promise<unknown>, done: string) {
    try {
      await fn();
      message.success(done);
    } catch (error) {
      message.error(describeError(error));
    }
  }

  const deleted = !!record.deletedAt;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              onClick={() => navigate(info.section)}
              aria-label="返回"
            />
            <Typography.Title level={4} style={{ margin: 0 }}>
              {String(record.name)}
            </Typography.Title>
            {tags?.(record)}
            {deleted && <Tag color="default">已删除</Tag>}
          </Space>
        }
        extra={
          !canWrite ? null : deleted ? (
            <Button icon={<UndoOutlined />} onClick={() => act(() => restoreRecord(kind, id), '已恢复')}>
              恢复
            </Button>
          ) : (
            <Space>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                编辑
              </Button>
              <Popconfirm
                title={`删除这条${info.noun}？`}
                description="删除后可以恢复"
                okText="删除"
                cancelText="取消"
                onConfirm={() => act(() => deleteRecord(kind, id), '已删除')}
              >
                <Button danger icon={<DeleteOutlined />}>
                  删除
                </Button>
              </Popconfirm>
            </Space>
          )
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={info.fields.map((spec) => ({
            key: spec.key,
            label: spec.label,
            span: spec.type === 'longtext' ? ('filled' as const) : undefined,
            children: (
              <span style={{ whiteSpace: 'pre-wrap' }}>
                {formatFieldValue(spec, fieldValue(record, spec.key), fmt) || '—'}
              </span>
            ),
          }))}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          创建：{new Date(record.createdAt).toLocaleString('zh-CN')} {record.createdBy}
          {'\u3000'}更新：
          {new Date(record.updatedAt).toLocaleString('zh-CN')} {record.updatedBy}
        </Typography.Text>
      </Card>
      {children?.(record)}
      <ChangeHistory kind={kind} recordId={id} />
      <RecordForm kind={kind} record={record} open={editing} onClose={() => setEditing(false)} />
    </Space>
  );
}
