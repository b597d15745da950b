import { App as AntApp, Alert, Button, Card, Descriptions, Modal, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { BackupInfo } from '../../../../shared/contract';
import { BACKUP_REASON_LABELS, TABLE_LABELS, type Snapshot } from '../../../../shared/backup/snapshot';
import { describeError } from '../../components/errors';
import { useAction } from '../../components/useAction';
import {
  backupNow,
  currentCounts,
  isLedgerEmpty,
  listBackups,
  openBackupFile,
  readBackup,
  restoreSnapshot,
} from './service';

export function when(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { hour12: false });
}

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function countsText(counts: Record<string, number>): string {
  return Object.entries(TABLE_LABELS)
    .filter(([table]) => counts[table] !== undefined)
    .map(([table, label]) => `${label} ${counts[table]}`)
    .join('，');
}

/** Shows what a backup holds next to what is there now, and restores only on confirmation. */
export function RestoreDialog({
  snapshot,
  onClose,
}: {
  snapshot: Snapshot;
  onClose(restored: boolean): void;
}) {
  const { message } = AntApp.useApp();
  const [now, setNow] = useState<Record<string, number>>();
  const { busy, error, run } = useAction();
  useEffect(() => {
    void currentCounts().then(setNow);
  }, []);
  const rows = Object.entries(TABLE_LABELS).map(([table, label]) => ({
    table,
    label,
    // Read from the body: the header only claims (and decodeSnapshot refused a file where the two differ).
    backup: snapshot.tables[table]?.length ?? 0,
    current: now?.[table] ?? 0,
  }));

  const restore = () =>
    run(async () => {
      await restoreSnapshot(snapshot);
      message.success('已从备份恢复');
      onClose(true);
    });

  return (
    <Modal
      open
      title="从备份恢复"
      okText="恢复"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      onOk={restore}
      confirmLoading={busy}
      onCancel={() => onClose(false)}
      maskClosable={false}
      width={640}
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label="备份时间">{when(snapshot.header.createdAt)}</Descriptions.Item>
        <Descriptions.Item label="类型">{BACKUP_REASON_LABELS[snapshot.header.reason]}</Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        pagination={false}
        rowKey="table"
        dataSource={rows}
        columns={[
          { title: '内容', dataIndex: 'label' },
          { title: '备份中', dataIndex: 'backup' },
          { title: '当前', dataIndex: 'current' },
        ]}
      />
      <Alert
        style={{ marginTop: 12 }}
        type="warning"
        showIcon
        title="恢复会用备份替换当前全部数据。恢复前会先备份当前数据。"
      />
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={error} />}
    </Modal>
  );
}

export function BackupsPage() {
  const { message } = AntApp.useApp();
  const [list, setList] = useState<BackupInfo[] | null>();
  const [restoring, setRestoring] = useState<Snapshot>();
  const { busy, error, setError, run } = useAction();

  const reload = useCallback(() => {
    void listBackups().then(setList, (e: unknown) => setError(describeError(e)));
  }, [setError]);
  useEffect(reload, [reload]);

  const desktop = list !== null;
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          备份与恢复
        </Typography.Title>
      }
    >
      <Typography.Paragraph type="secondary">
        {desktop
          ? '桌面版自动备份：修改后（至多每 10 分钟一次）、退出时，以及每次导入、合并、恢复和升级之前。保留今天的全部备份和最近 30 天每天一份。'
          : '浏览器版无法自动写入备份文件：请定期下载备份，恢复时选择备份文件。'}
      </Typography.Paragraph>
      <Space style={{ marginBottom: 16 }}>
        <Button
          type="primary"
          loading={busy}
          onClick={() =>
            void run(async () => {
              const r = await backupNow('manual');
              if (r.kind === 'written') message.success(`已备份：${r.info.name}`);
              if (r.kind === 'downloaded') message.success(`已下载备份：${r.name}`);
              reload();
            })
          }
        >
          {desktop ? '立即备份' : '下载备份'}
        </Button>
        <Button
          loading={busy}
          onClick={() =>
            void run(async () => {
              const s = await openBackupFile();
              if (s) setRestoring(s);
            })
          }
        >
          从文件恢复…
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {desktop && (
        <Table
          size="small"
          rowKey="name"
          loading={list === undefined}
          dataSource={list ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: '备份时间', dataIndex: 'createdAt', render: when, width: 180 },
            {
              title: '类型',
              dataIndex: 'reason',
              render: (r: BackupInfo['reason']) => BACKUP_REASON_LABELS[r],
              width: 110,
            },
            { title: '内容', dataIndex: 'counts', render: countsText },
            { title: '大小', dataIndex: 'size', render: size, width: 90 },
            {
              title: '',
              width: 80,
              render: (_, b) => (
                <Button
                  size="small"
                  onClick={() => void run(async () => setRestoring(await readBackup(b.name)))}
                >
                  恢复
                </Button>
              ),
            },
          ]}
        />
      )}
      {restoring && (
        <RestoreDialog
          snapshot={restoring}
          onClose={() => {
            setRestoring(undefined);
            reload();
          }}
        />
      )}
    </Card>
  );
}

/** On a start with an empty ledger, offers the newest backup (desktop edition). */
export function StartupRestoreOffer() {
  const [offer, setOffer] = useState<BackupInfo[]>();
  const [restoring, setRestoring] = useState<Snapshot>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    void (async () => {
      const backups = await listBackups().catch(() => null);
      if (!backups?.length) return;
      if (live && (await isLedgerEmpty())) setOffer(backups);
    })();
    return () => {
      live = false;
    };
  }, []);
  if (restoring) return <RestoreDialog snapshot={restoring} onClose={() => setRestoring(undefined)} />;
  if (!offer) return null;
  const newest = offer[0]!;
  return (
    <Modal
      open
      title="台账是空的"
      okText="查看并恢复"
      cancelText="暂不恢复"
      onCancel={() => setOffer(undefined)}
      onOk={async () => {
        try {
          setRestoring(await readBackup(newest.name));
          setOffer(undefined);
        } catch (e) {
          setError(describeError(e));
        }
      }}
    >
      <Typography.Paragraph>
        本机没有任何记录，但找到 {offer.length} 个备份。最近一个：{when(newest.createdAt)}（
        {BACKUP_REASON_LABELS[newest.reason]}），
        {countsText(newest.counts)}。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
