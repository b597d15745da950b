/**
 * Backups from the renderer's side (SPEC §7): the page encodes the database
 * and hands the bytes to the desktop shell, which keeps the files. In the
 * browser edition there is no shell: a backup is a download, a restore an
 * upload, and the automatic ones are not possible.
 */
import type { BackupInfo } from '../../../../shared/contract';
import {
  decodeRestorable,
  encodeSnapshot,
  SNAPSHOT_EXTENSION,
  type BackupReason,
  type Snapshot,
} from '../../../../shared/backup/snapshot';
import { services } from '../../app/services';
import { describeError } from '../../components/errors';

export const AUTO_BACKUP_INTERVAL_MS = 10 * 60_000;

export const BACKUP_FILTERS = [{ name: '招商台账备份', extensions: [SNAPSHOT_EXTENSION] }];

export type BackupOutcome =
  { kind: 'written'; info: BackupInfo } | { kind: 'downloaded'; name: string } | { kind: 'skipped' };

function downloadName(createdAt: string): string {
  return `招商台账备份-${createdAt.slice(0, 19).replace(/[:T]/g, '-')}.${SNAPSHOT_EXTENSION}`;
}

/**
 * Writes a snapshot now. In the browser only a backup the user asked for
 * (or the one before a restore) is offered as a download.
 */
export async function backupNow(reason: BackupReason): Promise<BackupOutcome> {
  const { platform, repos } = services();
  const snapshot = await repos.snapshots.export(reason);
  const data = encodeSnapshot(snapshot);
  if (platform.backups) return { kind: 'written', info: await platform.backups.write(data) };
  if (reason !== 'manual' && reason !== 'before-restore') return { kind: 'skipped' };
  const name = downloadName(snapshot.header.createdAt);
  const r = await platform.saveFile({ defaultName: name, filters: BACKUP_FILTERS, data });
  return r.saved ? { kind: 'downloaded', name } : { kind: 'skipped' };
}

/** The backup before an import, merge or restore: if it fails, the operation does not start. */
export async function backupBefore(
  reason: 'before-import' | 'before-merge' | 'before-restore',
): Promise<void> {
  try {
    await backupNow(reason);
  } catch (error) {
    const what = { 'before-import': '导入', 'before-merge': '合并', 'before-restore': '恢复' }[reason];
    throw new Error(`操作前的备份失败，未执行${what}：${describeError(error)}`, { cause: error });
  }
}

export async function listBackups(): Promise<BackupInfo[] | null> {
  const host = services().platform.backups;
  return host ? host.list() : null;
}

export async function readBackup(name: string): Promise<Snapshot> {
  const host = services().platform.backups;
  if (!host) throw new Error('浏览器版没有自动备份');
  return decodeOrThrow(await host.read(name));
}

export function decodeOrThrow(data: Uint8Array): Snapshot {
  const r = decodeRestorable(data);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Asks for a backup file (browser edition, or any file the user keeps). */
export async function openBackupFile(): Promise<Snapshot | null> {
  const r = await services().platform.openFile({ filters: BACKUP_FILTERS, maxBytes: 200 * 1024 * 1024 });
  if (!r.ok) {
    if (r.reason === 'cancelled') return null;
    throw new Error(r.message ?? '无法读取文件');
  }
  return decodeOrThrow(r.data);
}

/** Backs up the current state, then replaces everything with the snapshot. */
export async function restoreSnapshot(snapshot: Snapshot): Promise<void> {
  await backupBefore('before-restore');
  await services().repos.snapshots.restore(snapshot);
}

export function currentCounts(): Promise<Record<string, number>> {
  return services().repos.snapshots.counts();
}

export function isLedgerEmpty(): Promise<boolean> {
  return services().repos.snapshots.isEmpty();
}

export interface AutoBackupDeps {
  /** Called when the ledger changed; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
  write(): Promise<unknown>;
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  intervalMs?: number;
}

/**
 * After a change, a snapshot at most every `intervalMs`: the first change
 * after a quiet spell is backed up at once, later ones wait for the interval
 * to pass. A failed write is tried again one interval later.
 */
export function startAutoBackup(deps: AutoBackupDeps): () => void {
  const interval = deps.intervalMs ?? AUTO_BACKUP_INTERVAL_MS;
  let last = -Infinity;
  let timer: unknown;
  let running = false;
  let dirty = false;

  async function run(): Promise<void> {
    timer = undefined;
    running = true;
    dirty = false;
    last = deps.now();
    try {
      await deps.write();
    } catch {
      // Tried again one interval later.
      dirty = true;
    } finally {
      running = false;
      if (dirty) schedule();
    }
  }

  function schedule(): void {
    dirty = true;
    if (timer !== undefined || running) return;
    const wait = Math.max(0, last + interval - deps.now());
    timer = deps.setTimer(() => void run(), wait);
  }

  const off = deps.onChange(schedule);
  return () => {
    off();
    if (timer !== undefined) deps.clearTimer(timer);
  };
}

/** Wires automatic and on-quit backups for the desktop edition. */
export function installBackupTriggers(): () => void {
  const { platform, db } = services();
  const host = platform.backups;
  if (!host) return () => {};
  const stopAuto = startAutoBackup({
    onChange: (listener) => {
      // Every write adds a change-log entry, so watching that table sees every change.
      const hook = () => {
        queueMicrotask(listener);
      };
      db.changes.hook('creating', hook);
      return () => db.changes.hook('creating').unsubscribe(hook);
    },
    write: () => backupNow('auto'),
    now: () => Date.now(),
    setTimer: (fn, ms) => window.setTimeout(fn, ms),
    clearTimer: (h) => window.clearTimeout(h as number),
  });
  const stopQuit = host.onRequest(() => {
    void backupNow('quit').catch(() => undefined);
  });
  return () => {
    stopAuto();
    stopQuit();
  };
}
