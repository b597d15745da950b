import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Descriptions,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { fieldLabel, KIND_LABELS } from '../../../../shared/domain/fields';
import type { CopyIdentity } from '../../../../shared/exchange/format';
import { MERGE_KINDS, totalSummary, type Conflict } from '../../../../shared/exchange/merge';
import { useAction } from '../../components/useAction';
import { formatChangeValue } from '../../ledger/format';
import { useRefNames } from '../../ledger/hooks';
import { useSettingsStore } from '../settings/store';
import { fieldValue } from '../../../../shared/domain/records';
import { useOpenedExchange } from './store';
import { syncController, useSyncStore } from '../sync/store';
import type { ConflictChoice as SyncConflictChoice } from '../../../../shared/sync/session';
import {
  applyExchange,
  exportExchange,
  identity,
  peers,
  previewExchange,
  renameCopy,
  conflictKey,
  diffRecords,
  type ConflictChoice,
  type ImportPreview,
  type PeerState,
} from './actions';

const ALL = '__all__';

function when(iso?: string): string {
  return iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '从未';
}

function recordName(c: Conflict): string {
  const name = fieldValue(c.incoming, 'name') ?? fieldValue(c.incoming, 'summary');
  return typeof name === 'string' ? name : c.id;
}

/**
 * One record changed on both sides, field by field: for an exchange file
 * (choose, then merge) and for a team server sync conflict (settled at once
 * with the buttons in `extra`), so both reviews read the same.
 */
export function ConflictRow({
  conflict,
  choice,
  onChoose,
  other = '对方',
  extra,
}: {
  conflict: Conflict;
  choice?: ConflictChoice;
  onChoose?(c: ConflictChoice): void;
  /** What the incoming side is called: 对方 (another laptop's file) or 服务器. */
  other?: string;
  extra?: React.ReactNode;
}) {
  const refs = useRefNames();
  const unit = useSettingsStore((s) => s.settings.amountUnit);
  const ctx = { unit, ...refs };
  const diffs = diffRecords(conflict.local, conflict.incoming);
  const show = (field: string, v: unknown) => formatChangeValue(conflict.kind, field, v, ctx) || '（空）';
  return (
    <Card
      size="small"
      className="exchange-conflict"
      title={`${KIND_LABELS[conflict.kind]}：${recordName(conflict)}`}
      extra={
        extra ?? (
          <Radio.Group value={choice} onChange={(e) => onChoose?.(e.target.value as ConflictChoice)}>
            <Radio value="local">保留本机版本{conflict.winner === 'local' ? '（较新）' : ''}</Radio>
            <Radio value="incoming">
              采用{other}版本{conflict.winner === 'incoming' ? '（较新）' : ''}
            </Radio>
          </Radio.Group>
        )
      }
    >
      <Table
        size="small"
        pagination={false}
        rowKey="field"
        dataSource={diffs}
        columns={[
          {
            title: '字段',
            dataIndex: 'field',
            width: 140,
            render: (f: string) => fieldLabel(conflict.kind, f),
          },
          {
            title: `本机（${conflict.local.updatedBy || '—'}，${when(conflict.local.updatedAt)}）`,
            render: (_, d) => show(d.field, d.old),
          },
          {
            title: `${other}（${conflict.incoming.updatedBy || '—'}，${when(conflict.incoming.updatedAt)}）`,
            render: (_, d) => show(d.field, d.new),
          },
        ]}
      />
    </Card>
  );
}

function MergeReview({ preview, onClose }: { preview: ImportPreview; onClose(done: boolean): void }) {
  const { message } = AntApp.useApp();
  const [choices, setChoices] = useState<Record<string, ConflictChoice>>(() =>
    Object.fromEntries(preview.plan.conflicts.map((c) => [conflictKey(c), c.winner])),
  );
  const { busy, error, run } = useAction();
  const { summary, conflicts, newChanges } = preview.plan;
  const total = totalSummary(summary);
  const rows = MERGE_KINDS.map((k) => ({ kind: KIND_LABELS[k], ...summary[k] }));

  const merge = () =>
    run(async () => {
      await applyExchange(preview, choices);
      message.success(`已合并「${preview.fileName}」`);
      onClose(true);
    });

  return (
    <Modal
      open
      title="合并交换文件"
      width={900}
      okText="合并"
      cancelText="取消"
      onOk={merge}
      confirmLoading={busy}
      onCancel={() => onClose(false)}
      maskClosable={false}
    >
      <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="文件">{preview.fileName}</Descriptions.Item>
        <Descriptions.Item label="来自">{preview.file.source.name}</Descriptions.Item>
        <Descriptions.Item label="导出时间">{when(preview.file.exportedAt)}</Descriptions.Item>
        <Descriptions.Item label="上次从该电脑合并">{when(preview.since)}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph>
        合并前不写入任何内容。将新增 {total.new} 条、更新 {total.updated} 条、删除 {total.deleted} 条，
        变更记录 {newChanges.length} 条；两边都修改过的记录 {total.conflicts} 条。合并前会自动备份。
      </Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        rowKey="kind"
        dataSource={rows}
        columns={[
          { title: '类别', dataIndex: 'kind' },
          { title: '新增', dataIndex: 'new' },
          { title: '更新', dataIndex: 'updated' },
          { title: '删除', dataIndex: 'deleted' },
          { title: '冲突', dataIndex: 'conflicts' },
        ]}
      />
      {conflicts.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            两边都修改过的记录（请核对）
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            默认保留较新的版本；也可以改用另一版本。
          </Typography.Paragraph>
          <Space direction="vertical" style={{ width: '100%' }}>
            {conflicts.map((c) => (
              <ConflictRow
                key={conflictKey(c)}
                conflict={c}
                choice={choices[conflictKey(c)] ?? c.winner}
                onChoose={(v) => setChoices((s) => ({ ...s, [conflictKey(c)]: v }))}
              />
            ))}
          </Space>
        </>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}

/** The team server's sync conflicts, each listed once, settled one by one; a changed choice is pushed. */
function SyncConflicts() {
  const conflicts = useSyncStore((s) => s.conflicts);
  const { busy, error, run } = useAction();
  const { message } = AntApp.useApp();
  if (!conflicts.length) return null;
  const settle = (changeId: string, choice: SyncConflictChoice) =>
    void run(async () => {
      await syncController().resolveConflict(changeId, choice);
      message.success(choice === 'local' ? '已保留本机版本，将同步到服务器' : '已采用服务器版本');
    });
  return (
    <Card title={`团队服务器同步冲突（${conflicts.length}）`} className="sync-conflicts">
      <Typography.Paragraph type="secondary">
        以下记录在本机和服务器上都被修改过，已保留较新的版本。请逐条核对：保留本机或采用服务器的版本。
      </Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        {conflicts.map((c) => (
          <ConflictRow
            key={c.changeId}
            other="服务器"
            conflict={{
              kind: c.kind,
              id: c.id,
              local: c.local,
              incoming: c.server,
              winner: c.winner === 'server' ? 'incoming' : 'local',
            }}
            extra={
              <Space>
                <Button size="small" disabled={busy} onClick={() => settle(c.changeId, 'local')}>
                  保留本机{c.winner === 'local' ? '（较新）' : ''}
                </Button>
                <Button size="small" disabled={busy} onClick={() => settle(c.changeId, 'server')}>
                  采用服务器{c.winner === 'server' ? '（较新）' : ''}
                </Button>
              </Space>
            }
          />
        ))}
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Card>
  );
}

export function ExchangePage() {
  const { message } = AntApp.useApp();
  const [self, setSelf] = useState<CopyIdentity>();
  const [name, setName] = useState('');
  const [known, setKnown] = useState<PeerState[]>([]);
  const [target, setTarget] = useState(ALL);
  const [picked, setPicked] = useState<ImportPreview>();
  // A file the system opened with the app shows until the user picks another or is done with it.
  const opened = useOpenedExchange((st) => st.pending);
  const preview = picked ?? opened ?? undefined;
  const setPreview = (p: ImportPreview | undefined) => {
    useOpenedExchange.getState().take();
    setPicked(p);
  };
  const { busy, error, run } = useAction();
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    void Promise.all([identity(), peers()]).then(([me, others]) => {
      if (!live) return;
      setSelf(me);
      setName(me.name);
      setKnown(others);
    });
    return () => {
      live = false;
    };
  }, [tick]);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            交换文件
          </Typography.Title>
        }
      >
        <Typography.Paragraph type="secondary">
          展会期间多台电脑各自登记，回到办公室后互相导出、导入交换文件即可合并：按编号合并，较新的修改为准，删除会同步，两边都改过的记录列出供核对。
        </Typography.Paragraph>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="本机名称">
            <Space.Compact>
              <Input
                aria-label="本机名称"
                value={name}
                onChange={(e) => setName(e.target.value)}
                maxLength={40}
                style={{ width: 220 }}
              />
              <Button
                onClick={() =>
                  void run(async () => {
                    await renameCopy(name);
                    message.success('本机名称已保存');
                    setTick((t) => t + 1);
                  })
                }
              >
                保存名称
              </Button>
            </Space.Compact>
          </Descriptions.Item>
          <Descriptions.Item label="本机编号">
            <Typography.Text type="secondary" copyable>
              {self?.id}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <SyncConflicts />
      <Card title="导出交换文件">
        <Space wrap>
          <Select
            aria-label="导出范围"
            value={target}
            onChange={setTarget}
            style={{ width: 360 }}
            options={[
              { value: ALL, label: '全部记录' },
              ...known.map((p) => ({
                value: p.id,
                label: `发给「${p.name}」：上次导出（${when(p.lastExportAt)}）后的变更`,
              })),
            ]}
          />
          <Button
            type="primary"
            loading={busy}
            onClick={() =>
              void run(async () => {
                const r = await exportExchange(target === ALL ? undefined : target);
                if (r.saved) message.success(`已导出交换文件（${r.records} 条记录）`);
                setTick((t) => t + 1);
              })
            }
          >
            导出交换文件
          </Button>
        </Space>
      </Card>
      <Card title="合并交换文件">
        <Space direction="vertical">
          <Button
            loading={busy}
            onClick={() =>
              void run(async () => {
                const p = await previewExchange();
                if (p) setPreview(p);
              })
            }
          >
            选择交换文件…
          </Button>
          {known.length > 0 && (
            <Table
              size="small"
              pagination={false}
              rowKey="id"
              dataSource={known}
              columns={[
                { title: '其他电脑', dataIndex: 'name' },
                { title: '上次合并其文件', dataIndex: 'lastImportAt', render: (v?: string) => when(v) },
                { title: '上次导出给它', dataIndex: 'lastExportAt', render: (v?: string) => when(v) },
              ]}
            />
          )}
        </Space>
      </Card>
      {error && <Alert type="error" showIcon title={error} />}
      {preview && (
        <MergeReview
          preview={preview}
          onClose={() => {
            setPreview(undefined);
            setTick((t) => t + 1);
          }}
        />
      )}
    </Space>
  );
}
