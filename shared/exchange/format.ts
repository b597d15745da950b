/**
 * The exchange file 交换文件 (SPEC §6): one JSON document carrying what one
 * copy changed, to be merged into another. Versioned so later releases can
 * still read files written by older ones.
 */
import { z } from 'zod';
import { KIND_LABELS } from '../domain/fields';
import { err, ok, type Result } from '../domain/result';
import { checkRecord, describeProblems, recordName, type GateProblem } from '../gate/gate';
import { changeEntrySchema, dateTimeSchema, idSchema } from '../gate/schemas';
import { MERGE_KINDS, type Dataset, type MergeKind } from './merge';

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

/** Far beyond a real ledger; a file with more is refused before its records are read. */
export const MAX_FILE_RECORDS = 500_000;
/**
 * How far ahead of this copy's clock a timestamp in a file may be. Laptops'
 * clocks drift by seconds or minutes; a record from further in the future
 * would win every later merge (newer `updatedAt` wins), so the file is
 * refused until the other laptop's clock is put right.
 */
export const MAX_CLOCK_SKEW_MS = 60 * 60_000;

/** Record kinds exchange files carry since v2 of the database (targets, funds, problems). */
const LATER_KINDS: ReadonlySet<string> = new Set(['target', 'fundReport', 'problem']);

const identity = z.strictObject({ id: idSchema, name: z.string().max(80) });
const rows = z.array(z.unknown()).max(MAX_FILE_RECORDS);

const fileSchema = z.object({
  format: z.literal(EXCHANGE_FORMAT),
  version: z.number().int(),
  source: identity,
  target: identity.optional(),
  exportedAt: dateTimeSchema,
  since: dateTimeSchema.optional(),
  records: z.strictObject(
    Object.fromEntries(
      // Kinds added after the first release are absent from older files: none of them.
      MERGE_KINDS.map((k) => [k, LATER_KINDS.has(k) ? rows.default([]) : rows]),
    ) as Record<MergeKind, typeof rows>,
  ),
  changes: rows,
});

const FILE_PART_LABELS: Record<string, string> = {
  source: '来源电脑',
  target: '目标电脑',
  exportedAt: '导出时间',
  since: '上次交换时间',
  records: '记录',
  changes: '变更记录',
  version: '版本',
};

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
    const path = r.error.issues[0]?.path ?? [];
    const part = FILE_PART_LABELS[String(path[0])] ?? '结构';
    const kind =
      path[0] === 'records' && typeof path[1] === 'string'
        ? `中的${KIND_LABELS[path[1] as MergeKind] ?? path[1]}`
        : '';
    return err(`交换文件不完整或已损坏（${part}${kind}部分有误），未合并任何内容。请让对方重新导出交换文件`);
  }
  const file = r.data;
  const problems: GateProblem[] = [];
  for (const kind of MERGE_KINDS) {
    file.records[kind].forEach((row, i) => {
      if (problems.length >= 5) return;
      const c = checkRecord(kind, row, i);
      if (!c.ok) problems.push(...c.problems.slice(0, 5 - problems.length));
    });
  }
  if (problems.length) return err(`交换文件中有不合格的记录，未合并任何内容：${describeProblems(problems)}`);
  for (const [i, row] of file.changes.entries()) {
    const c = changeEntrySchema.safeParse(row);
    if (!c.success) {
      const field = c.error.issues[0]?.path[0];
      return err(
        `交换文件中的第 ${i + 1} 条变更记录有误${field === undefined ? '' : `（${String(field)}）`}，未合并任何内容。请让对方重新导出交换文件`,
      );
    }
  }
  // Every record passed checkRecord and every change changeEntrySchema above, one by one;
  // the file's own schema only shapes the arrays, so the compiler cannot see that.
  const checked = { records: file.records, changes: file.changes } as unknown as Pick<
    ExchangeFile,
    'records' | 'changes'
  >;
  return ok({ ...file, format: EXCHANGE_FORMAT, version: EXCHANGE_VERSION, ...checked });
}

/**
 * The clock-skew rule: a file holding a timestamp more than
 * MAX_CLOCK_SKEW_MS after `now` (this copy's clock) is refused, naming the
 * first such record.
 */
export function checkClockSkew(file: ExchangeFile, now: Date): Result<true> {
  const limit = new Date(now.getTime() + MAX_CLOCK_SKEW_MS).toISOString();
  const ahead = (t: string | undefined) => t !== undefined && t > limit;
  const advice = '。可能是对方电脑的系统时间不对：请对方校正时间后重新导出交换文件';
  if (ahead(file.exportedAt)) return err(`交换文件的导出时间（${file.exportedAt}）晚于本机时间${advice}`);
  for (const kind of MERGE_KINDS) {
    for (const r of file.records[kind]) {
      const at = [r.updatedAt, r.createdAt, r.deletedAt].find(ahead);
      if (at) {
        const where = `${KIND_LABELS[kind]}「${recordName(kind, r)}」`;
        return err(`交换文件中${where}的修改时间（${at}）晚于本机时间，未合并任何内容${advice}`);
      }
    }
  }
  const change = file.changes.find((c) => ahead(c.at));
  if (change) return err(`交换文件中有变更记录的时间（${change.at}）晚于本机时间，未合并任何内容${advice}`);
  return ok(true);
}

/** File name like `交换文件-张三-20260501-1030.zsjh`. */
export function exchangeFileName(source: CopyIdentity, at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}`;
  const who = source.name.replace(/[\\/:*?"<>|\s]+/g, '') || source.id.slice(0, 8);
  return `交换文件-${who}-${stamp}.${EXCHANGE_EXTENSION}`;
}
