import { App, Button, Card, Popconfirm, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { KIND_LABELS } from '../../../../shared/domain/fields';
import type { ImportBatch, RecordKind } from '../../../../shared/domain/records';
import { MODE_LABELS, type ImportMode } from '../../../../shared/excel/duplicates';
import { describeError } from '../../components/errors';
import { useImportBatches } from './hooks';
import { useImportStore } from './store';

export function HistoryCard() {
  const batches = useImportBatches();
  const undo = useImportStore((s) => s.undo);
  const { message } = App.useApp();
  return (
    <Card size="small" title="导入记录">
      <Table<ImportBatch>
        size="small"
        rowKey="id"
        loading={batches === undefined}
        dataSource={batches ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: '还没有导入过' }}
        columns={[
          {
            title: '时间',
            dataIndex: 'createdAt',
            width: 150,
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
          },
          { title: '文件', dataIndex: 'fileName', ellipsis: true },
          { title: '类型', dataIndex: 'recordKind', width: 90, render: (k: RecordKind) => KIND_LABELS[k] },
          {
            title: '方式',
            dataIndex: 'mode',
            width: 150,
            render: (m?: string) => (m ? (MODE_LABELS[m as ImportMode] ?? m) : ''),
          },
          { title: '新建', dataIndex: 'created', width: 60 },
          { title: '更新', dataIndex: 'updated', width: 60 },
          { title: '跳过', dataIndex: 'skipped', width: 60 },
          { title: '操作人', dataIndex: 'createdBy', width: 90 },
          {
            title: '状态',
            key: 'state',
            width: 170,
            render: (_, b) =>
              b.undoneAt ? (
                <Tag>已撤销 {dayjs(b.undoneAt).format('MM-DD HH:mm')}</Tag>
              ) : (
                <Popconfirm
                  title="撤销这次导入？"
                  description="新建的记录将被删除（可在已删除中找回），更新的记录恢复为导入前的内容。"
                  okText="撤销"
                  cancelText="取消"
                  onConfirm={async () => {
                    try {
                      message.success(await undo(b.id));
                    } catch (e) {
                      message.error(describeError(e));
                    }
                  }}
                >
                  <Button size="small" danger>
                    撤销
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Card>
  );
}
