/**
 * Backup snapshot files (SPEC §7): the whole database as JSON. The first line
 * is a small header (when, why, how many rows per table) so a backup can be
 * listed without reading the data; the rest is the tables.
 */
import { z } from 'zod';
import type { RecordKind } from '../domain/records';
import { err, ok, type Result } from '../domain/result';
import { checkRecord, describeProblems } from '../gate/gate';
import {
  changeEntrySchema,
  dateTimeSchema,
  importBatchSchema,
  importChunkSchema,
  metaRowSchema,
} from '../gate/schemas';

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
  createdAt: dateTimeSchema,
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

/** Every table the format has; a backup missing one is incomplete. */
export const SNAPSHOT_TABLES = [...Object.keys(TABLE_LABELS), 'meta'] as const;

export const RECORD_TABLE_KINDS: Record<string, RecordKind> = {
  deals: 'deal',
  contacts: 'contact',
  companies: 'company',
  events: 'event',
  followUps: 'followUp',
};

const OTHER_ROW_SCHEMAS: Record<string, z.ZodType> = {
  changes: changeEntrySchema,
  importBatches: importBatchSchema,
  meta: metaRowSchema,
};

const isChunkShaped = (row: unknown): boolean =>
  !!row && typeof row === 'object' && Object.prototype.hasOwnProperty.call(row, 'recordIds');

const label = (table: string) => (table === 'meta' ? '状态信息' : (TABLE_LABELS[table] ?? table));
const REFUSED = '，未恢复任何内容';

/**
 * A snapshot's own completeness (SPEC §7): every table of the format is
 * there, with the row count the header claims, and every row passes its
 * schema (the gate's, for records). Records are checked against each other
 * by the gate's checkBatch when restored.
 */
export function checkSnapshot(snapshot: Snapshot): Result<true> {
  const { header, tables } = snapshot;
  const has = (name: string) => Object.prototype.hasOwnProperty.call(tables, name);
  for (const name of SNAPSHOT_TABLES) {
    if (!has(name) || !Array.isArray(tables[name]))
      return err(`备份文件不完整：缺少「${label(name)}」表${REFUSED}。请换一个备份文件`);
    const claimed = Object.prototype.hasOwnProperty.call(header.counts, name)
      ? header.counts[name]
      : undefined;
    if (claimed === undefined)
      return err(`备份文件的头部缺少「${label(name)}」的条数，文件可能已损坏${REFUSED}`);
    if (claimed !== tables[name]!.length) {
      return err(
        `备份文件不完整：「${label(name)}」应有 ${claimed} 条，实际只有 ${tables[name]!.length} 条${REFUSED}。请换一个备份文件`,
      );
    }
  }
  for (const name of Object.keys(tables)) {
    const rows = tables[name]!;
    const kind = Object.prototype.hasOwnProperty.call(RECORD_TABLE_KINDS, name)
      ? RECORD_TABLE_KINDS[name]
      : undefined;
    if (kind) {
      for (let i = 0; i < rows.length; i++) {
        const r = checkRecord(kind, rows[i], i);
        if (!r.ok) return err(`备份文件中的记录有误：${describeProblems(r.problems, 2)}${REFUSED}`);
      }
      continue;
    }
    const schema = Object.prototype.hasOwnProperty.call(OTHER_ROW_SCHEMAS, name)
      ? OTHER_ROW_SCHEMAS[name]
      : undefined;
    if (!schema) continue; // An unknown table: the restore refuses it by name.
    const keys = new Set<string>();
    for (let i = 0; i < rows.length; i++) {
      // The change log holds entries and, since version 7, import chunks standing for many.
      const r = (name === 'changes' && isChunkShaped(rows[i]) ? importChunkSchema : schema).safeParse(
        rows[i],
      );
      if (!r.success) {
        const field = r.error.issues[0]?.path[0];
        const where = field === undefined ? '' : `（${String(field)}）`;
        return err(`备份文件中「${label(name)}」的第 ${i + 1} 条有误${where}${REFUSED}`);
      }
      const key = (r.data as { id?: string; key?: string }).id ?? (r.data as { key: string }).key;
      if (keys.has(key)) return err(`备份文件中「${label(name)}」的第 ${i + 1} 条与前面的编号重复${REFUSED}`);
      keys.add(key);
    }
  }
  return ok(true);
}

/**
 * Reads a backup: the header, and a body whose tables are exactly those the
 * header counts, each with that many rows. The rows themselves are checked
 * by checkSnapshot before a restore (decodeRestorable).
 */
export function decodeSnapshot(data: Uint8Array): Result<Snapshot> {
  const header = decodeSnapshotHeader(data);
  if (!header.ok) return header;
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(headerEnd(data) + 1)));
  } catch {
    return err('备份文件不完整或已损坏（内容无法读取，可能只复制了一部分）' + REFUSED);
  }
  const tables = (body as { tables?: unknown } | null)?.tables;
  if (!tables || typeof tables !== 'object' || Array.isArray(tables))
    return err('备份文件不完整或已损坏' + REFUSED);
  const counts = header.value.counts;
  const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  for (const name of Object.keys(counts)) {
    if (!own(tables, name))
      return err(`备份文件不完整：缺少「${label(name)}」表${REFUSED}。请换一个备份文件`);
  }
  for (const [name, rows] of Object.entries(tables)) {
    if (!Array.isArray(rows)) return err(`备份文件中的表「${label(name)}」已损坏${REFUSED}`);
    if (!own(counts, name) || counts[name] !== rows.length) {
      return err(`备份文件中的表「${label(name)}」条数与记录不符，文件可能不完整${REFUSED}`);
    }
  }
  return ok({ header: header.value, tables: tables as SnapshotTables });
}

/** A backup read and ready to restore: decoded, complete, and every row as its schema says. */
export function decodeRestorable(data: Uint8Array): Result<Snapshot> {
  const decoded = decodeSnapshot(data);
  if (!decoded.ok) return decoded;
  const checked = checkSnapshot(decoded.value);
  return checked.ok ? decoded : checked;
}

/** Backup file name: sortable by time, safe on every file system. */
export function snapshotFileName(createdAt: string, reason: BackupReason): string {
  const stamp = createdAt.replace(/[:.]/g, '-');
  return `ledger-${stamp}-${reason}.${SNAPSHOT_EXTENSION}`;
}

export const SNAPSHOT_NAME_RE = /^ledger-[0-9TZ-]{10,30}-[a-z-]{3,20}\.zsbak$/;
