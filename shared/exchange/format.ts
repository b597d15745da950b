/**
 * The exchange file 交换文件 (SPEC §6): one JSON document carrying what one
 * copy changed, to be merged into another. Versioned so later releases can
 * still read files written by older ones.
 */
import { z } from 'zod';
import type { ChangeEntry } from '../domain/records';
import { err, ok, type Result } from '../domain/result';
import { MERGE_KINDS, type Dataset, type RecordSets } from './merge';

export const EXCHANGE_FORMAT = 'zhaoshang-ledger-exchange';
export const EXCHANGE_VERSION = 1;
export const EXCHANGE_EXTENSION = 'zsjh';

export interface CopyIdentity {
  id: string;
  name: string;
}

export interface ExchangeFile extends Dataset {
  format: typeof EXCHANGE_FORMAT;
  version: typeof EXCHANGE_VERSION;
  source: CopyIdentity;
  exportedAt: string;
  /** The copy the file was made for, when it holds only changes since the last exchange with it. */
  target?: CopyIdentity;
  since?: string;
}

/** Record kinds exchange files carry since v2 of the database (targets, funds, problems). */
const LATER_KINDS: ReadonlySet<string> = new Set(['target', 'fundReport', 'problem']);

const iso = z.string().min(10).max(40);
const record = z.looseObject({
  id: z.string().min(1).max(64),
  createdAt: iso,
  updatedAt: iso,
  createdBy: z.string().max(80),
  updatedBy: z.string().max(80),
  deletedAt: iso.optional(),
});
const change = z.looseObject({
  id: z.string().min(1).max(64),
  recordKind: z.enum(MERGE_KINDS),
  recordId: z.string().min(1).max(64),
  action: z.string().max(20),
  changes: z.array(z.looseObject({ field: z.string() })),
  by: z.string().max(80),
  at: iso,
  cause: z.looseObject({ type: z.string() }),
});
const identity = z.object({ id: z.string().min(1).max(64), name: z.string().max(80) });

const fileSchema = z.object({
  format: z.literal(EXCHANGE_FORMAT),
  version: z.number().int(),
  source: identity,
  target: identity.optional(),
  exportedAt: iso,
  since: iso.optional(),
  records: z.object(
    Object.fromEntries(
      // Kinds added after the first release are absent from older files: none of them.
      MERGE_KINDS.map((k) => [k, LATER_KINDS.has(k) ? z.array(record).default([]) : z.array(record)]),
    ) as Record<(typeof MERGE_KINDS)[number], z.ZodArray<typeof record>>,
  ),
  changes: z.array(change),
});

export function encodeExchangeFile(file: ExchangeFile): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify(file));
}

/** Reads an exchange file; a clear Chinese message when it is not one this version can merge. */
export function decodeExchangeFile(data: Uint8Array): Result<ExchangeFile> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
  } catch {
    return err('不是有效的交换文件（无法读取内容）');
  }
  if ((parsed as { format?: unknown } | null)?.format !== EXCHANGE_FORMAT)
    return err('不是招商台账的交换文件');
  const version = (parsed as { version?: unknown }).version;
  if (typeof version === 'number' && version > EXCHANGE_VERSION) {
    return err('交换文件由更新版本的程序导出，请先升级本程序');
  }
  const r = fileSchema.safeParse(parsed);
  if (!r.success) {
    const issue = r.error.issues[0];
    return err(`交换文件内容不完整或已损坏（${issue?.path.join('.') ?? ''}）`);
  }
  const data2 = r.data;
  return ok({
    ...data2,
    format: EXCHANGE_FORMAT,
    version: EXCHANGE_VERSION,
    records: data2.records as unknown as RecordSets,
    changes: data2.changes as unknown as ChangeEntry[],
  });
}

/** File name like `交换文件-张三-20260501-1030.zsjh`. */
export function exchangeFileName(source: CopyIdentity, at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}`;
  const who = source.name.replace(/[\\/:*?"<>|\s]+/g, '') || source.id.slice(0, 8);
  return `交换文件-${who}-${stamp}.${EXCHANGE_EXTENSION}`;
}
