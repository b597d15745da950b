/**
 * Backup snapshot files (SPEC §7): the whole database as JSON. The first line
 * is a small header (when, why, how many rows per table) so a backup can be
 * listed without reading the data; the rest is the tables.
 */
import { z } from 'zod';
import { err, ok, type Result } from '../domain/result';

export const SNAPSHOT_FORMAT = 'zhaoshang-ledger-backup';
export const SNAPSHOT_VERSION = 1;
export const SNAPSHOT_EXTENSION = 'zsbak';
/** The header line is never longer than this; main reads only this much to list a backup. */
export const MAX_HEADER_BYTES = 16 * 1024;

export const BACKUP_REASONS = [
  'auto',
  'quit',
  'manual',
  'before-import',
  'before-merge',
  'before-restore',
  'before-upgrade',
] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export const BACKUP_REASON_LABELS: Record<BackupReason, string> = {
  auto: '自动备份',
  quit: '退出时备份',
  manual: '手动备份',
  'before-import': '导入前备份',
  'before-merge': '合并前备份',
  'before-restore': '恢复前备份',
  'before-upgrade': '升级前备份',
};

/** Table name → label, for showing what a backup holds. */
export const TABLE_LABELS: Record<string, string> = {
  deals: '签约项目',
  contacts: '客商',
  companies: '企业注册',
  events: '活动',
  followUps: '跟进记录',
  changes: '变更记录',
  importBatches: '导入批次',
  targets: '目标任务',
  fundReports: '到位资金/完成投资',
  problems: '问题台账',
};

export const snapshotHeaderSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.number().int().min(1),
  createdAt: z.string().min(10).max(40),
  reason: z.enum(BACKUP_REASONS),
  dbVersion: z.number().min(0),
  counts: z.record(z.string().max(64), z.number().int().min(0)),
});
export type SnapshotHeader = z.infer<typeof snapshotHeaderSchema>;

export type SnapshotTables = Record<string, unknown[]>;

export interface Snapshot {
  header: SnapshotHeader;
  tables: SnapshotTables;
}

export function encodeSnapshot(snapshot: Snapshot): Uint8Array<ArrayBuffer> {
  const header = JSON.stringify(snapshot.header);
  return new TextEncoder().encode(`${header}\n${JSON.stringify({ tables: snapshot.tables })}`);
}

function headerEnd(data: Uint8Array): number {
  const limit = Math.min(data.byteLength, MAX_HEADER_BYTES);
  for (let i = 0; i < limit; i++) if (data[i] === 0x0a) return i;
  return -1;
}

/** Reads only the header line. */
export function decodeSnapshotHeader(data: Uint8Array): Result<SnapshotHeader> {
  const end = headerEnd(data);
  if (end < 0) return err('不是招商台账的备份文件');
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(0, end)));
  } catch {
    return err('不是招商台账的备份文件');
  }
  if ((parsed as { format?: unknown } | null)?.format !== SNAPSHOT_FORMAT)
    return err('不是招商台账的备份文件');
  const r = snapshotHeaderSchema.safeParse(parsed);
  if (!r.success) return err('备份文件的头部已损坏');
  if (r.data.version > SNAPSHOT_VERSION) return err('备份由更新版本的程序写入，请先升级本程序');
  return ok(r.data);
}

export function decodeSnapshot(data: Uint8Array): Result<Snapshot> {
  const header = decodeSnapshotHeader(data);
  if (!header.ok) return header;
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(headerEnd(data) + 1)));
  } catch {
    return err('备份文件不完整或已损坏，无法读取');
  }
  const tables = (body as { tables?: unknown } | null)?.tables;
  if (!tables || typeof tables !== 'object' || Array.isArray(tables)) return err('备份文件不完整或已损坏');
  for (const [name, rows] of Object.entries(tables)) {
    if (!Array.isArray(rows)) return err(`备份文件中的表「${name}」已损坏`);
    if (header.value.counts[name] !== undefined && header.value.counts[name] !== rows.length) {
      return err(`备份文件中的表「${TABLE_LABELS[name] ?? name}」条数与记录不符，文件可能不完整`);
    }
  }
  return ok({ header: header.value, tables: tables as SnapshotTables });
}

/** Backup file name: sortable by time, safe on every file system. */
export function snapshotFileName(createdAt: string, reason: BackupReason): string {
  const stamp = createdAt.replace(/[:.]/g, '-');
  return `ledger-${stamp}-${reason}.${SNAPSHOT_EXTENSION}`;
}

export const SNAPSHOT_NAME_RE = /^ledger-[0-9TZ-]{10,30}-[a-z-]{3,20}\.zsbak$/;
