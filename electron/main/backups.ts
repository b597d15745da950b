/**
 * Backup snapshots (SPEC §7), kept in <userData>/backups, outside Chromium's
 * own folders so a damaged profile cannot take them along. The renderer
 * encodes the database; main checks the header, writes the file by temp file
 * and rename, and prunes old ones by the retention policy.
 */
import { open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupInfo, WriteBackupArgs } from '../../shared/contract';
import {
  decodeSnapshotHeader,
  MAX_HEADER_BYTES,
  SNAPSHOT_NAME_RE,
  snapshotFileName,
  type BackupReason,
} from '../../shared/backup/snapshot';
import { writeFileAtomic } from './files';

export interface RetentionPolicy {
  /** Every backup of the last this-many days (today = 1) is kept. */
  keepAllDays: number;
  /** Beyond those, the newest backup of each day is kept for this many days. */
  dailyDays: number;
  /**
   * Most backups one day keeps, even among the recent days: the newest ones
   * stay. Without it a day of many imports and merges (each backs up first)
   * would pile up files without bound.
   */
  maxPerDay: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { keepAllDays: 1, dailyDays: 30, maxPerDay: 20 };

/** The local calendar day of a timestamp, as YYYY-MM-DD. */
export function localDay(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function dayIndex(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
}

/**
 * Names of the backups the policy lets go. Backups of the last `keepAllDays`
 * days stay, at most `maxPerDay` (the newest) of each; of older days within
 * `dailyDays` the newest stays; the rest go.
 * Timestamps in the future (a clock set back) are kept: better one too many.
 */
export function backupsToPrune(
  backups: readonly Pick<BackupInfo, 'name' | 'createdAt'>[],
  now: Date,
  policy: RetentionPolicy = DEFAULT_RETENTION,
  dayOf: (iso: string | Date) => string = localDay,
): string[] {
  const today = dayIndex(dayOf(now));
  const byDay = new Map<string, Pick<BackupInfo, 'name' | 'createdAt'>[]>();
  for (const b of backups) {
    const day = dayOf(b.createdAt);
    const list = byDay.get(day);
    if (list) list.push(b);
    else byDay.set(day, [b]);
  }
  // Rank within its day, newest first (0 = the newest of that day).
  const rank = new Map<Pick<BackupInfo, 'name' | 'createdAt'>, number>();
  for (const list of byDay.values()) {
    list
      .slice()
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
      .forEach((b, i) => rank.set(b, i));
  }
  const cap = Math.max(1, policy.maxPerDay);
  const prune: string[] = [];
  for (const b of backups) {
    const age = today - dayIndex(dayOf(b.createdAt));
    const r = rank.get(b)!;
    if (Number.isNaN(age)) continue;
    if (age < policy.keepAllDays && r < cap) continue;
    if (age < policy.dailyDays && r === 0) continue;
    prune.push(b.name);
  }
  return prune;
}

export interface BackupServiceDeps {
  dir: () => string;
  now: () => Date;
  policy?: RetentionPolicy;
  dayOf?: (iso: string | Date) => string;
}

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(MAX_HEADER_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, MAX_HEADER_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export function createBackupService(deps: BackupServiceDeps) {
  const policy = deps.policy ?? DEFAULT_RETENTION;
  const listeners = new Set<(info: BackupInfo) => void>();

  async function info(name: string): Promise<BackupInfo | undefined> {
    const path = join(deps.dir(), name);
    try {
      const header = decodeSnapshotHeader(await readHead(path));
      if (!header.ok) return undefined;
      const { size } = await stat(path);
      return {
        name,
        createdAt: header.value.createdAt,
        reason: header.value.reason,
        size,
        counts: header.value.counts,
      };
    } catch {
      return undefined;
    }
  }

  /** Backups newest first; files that are not readable backups are left alone and not listed. */
  async function list(): Promise<BackupInfo[]> {
    let names: string[];
    try {
      names = await readdir(deps.dir());
    } catch {
      return [];
    }
    const infos = await Promise.all(names.filter((n) => SNAPSHOT_NAME_RE.test(n)).map(info));
    return infos
      .filter((i): i is BackupInfo => !!i)
      .sort((a, b) =>
        a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.name < b.name ? 1 : -1,
      );
  }

  async function prune(): Promise<string[]> {
    const all = await list();
    const names = backupsToPrune(all, deps.now(), policy, deps.dayOf);
    for (const name of names) await rm(join(deps.dir(), name), { force: true });
    return names;
  }

  async function write(args: WriteBackupArgs): Promise<BackupInfo> {
    const header = decodeSnapshotHeader(args.data);
    if (!header.ok) throw new Error(header.error);
    await mkdir(deps.dir(), { recursive: true });
    // Named by main's clock so names stay unique and sortable whatever the page sends.
    let name = snapshotFileName(deps.now().toISOString(), header.value.reason);
    for (let i = 2; SNAPSHOT_NAME_RE.test(name) && (await exists(join(deps.dir(), name))); i++) {
      name = snapshotFileName(new Date(deps.now().getTime() + i).toISOString(), header.value.reason);
    }
    await writeFileAtomic(join(deps.dir(), name), args.data);
    const written: BackupInfo = {
      name,
      createdAt: header.value.createdAt,
      reason: header.value.reason,
      size: args.data.byteLength,
      counts: header.value.counts,
    };
    // A failed prune must not turn a written backup into an error.
    await prune().catch(() => undefined);
    for (const l of listeners) l(written);
    return written;
  }

  async function read(name: string): Promise<Uint8Array> {
    if (!SNAPSHOT_NAME_RE.test(name)) throw new Error('备份文件名无效');
    const data = await readFile(join(deps.dir(), name));
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }

  function onWritten(listener: (info: BackupInfo) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  return { write, list, read, prune, onWritten };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export interface CloseGuardDeps {
  /** Sends the snapshot request to the page; false when there is no page to ask. */
  requestSnapshot: () => boolean;
  /** Closes for real (the guard lets this one through). */
  proceed: () => void;
  timeoutMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/**
 * Holds the window's close until the page has written its last snapshot, or
 * until the timeout: a page that hangs must not keep the app from closing.
 */
export function createCloseGuard(deps: CloseGuardDeps) {
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let state: 'open' | 'waiting' | 'done' = 'open';
  let timer: unknown;

  function finish(): void {
    if (state === 'done') return;
    if (timer !== undefined) clearTimer(timer);
    state = 'done';
    deps.proceed();
  }

  return {
    /** Call from the window's `close` event; returns true when the close must wait. */
    onClose(event: { preventDefault(): void }): boolean {
      if (state === 'done') return false;
      event.preventDefault();
      if (state === 'waiting') return true;
      if (!deps.requestSnapshot()) {
        // Deferred so the close that was just prevented is not re-entered.
        state = 'waiting';
        setTimer(finish, 0);
        return true;
      }
      state = 'waiting';
      timer = setTimer(finish, deps.timeoutMs ?? 15_000);
      return true;
    },
    onSnapshotWritten(reason: BackupReason): void {
      if (state === 'waiting' && reason === 'quit') finish();
    },
    /** A close after a cancelled quit starts over. */
    reset(): void {
      state = 'open';
    },
  };
}
