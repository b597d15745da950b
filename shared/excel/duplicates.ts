/**
 * Duplicates by the natural keys of SPEC §2, within the file and against the
 * database. A deal signed again at a later event is the same deal (same
 * name and investor), so it is counted once.
 */
import { isBackwards, isOffPath, statusLabel, type RowProgress } from './facts';
import type { ContactCell } from './places';
import { normalizeName, type ImportRow, type Problem } from './rows';
import { ID_FIELD, type ImportKind } from './synonyms';

/** Natural keys of a record, strongest first; a match on any one is a match. */
export function naturalKeys(kind: ImportKind, r: Record<string, unknown>): string[] {
  const s = (k: string) => (typeof r[k] === 'string' && r[k] ? normalizeName(r[k] as string) : '');
  switch (kind) {
    case 'deal':
      return s('name') && s('investor') ? [`n:${s('name')}|${s('investor')}`] : [];
    case 'contact':
      // Mobile when there is one; else name + company.
      if (s('mobile')) return [`m:${s('mobile')}`];
      return s('name') ? [`n:${s('name')}|${s('company')}`] : [];
    case 'company':
      if (s('uscc')) return [`u:${s('uscc')}`, `n:${s('name')}`];
      return s('name') ? [`n:${s('name')}`] : [];
    case 'event':
      return s('name') ? [`n:${s('name')}|${s('startDate')}`] : [];
  }
}

export interface ExistingRecord {
  id: string;
  name: string;
  deletedAt?: string;
  [k: string]: unknown;
}

export interface RowMatch {
  /** Excel row number of the row this one repeats (the one that counts). */
  duplicateOf?: number;
  /** The stored record this row matches (by id, then natural key). */
  match?: { id: string; name: string; by: 'id' | 'key'; signedDate?: string; status?: string };
}

const dateOf = (r: Record<string, unknown>): string =>
  typeof r.signedDate === 'string' ? r.signedDate : '9999-99-99';

/**
 * For each row (same order): the row it repeats and the stored record it
 * matches. Among repeats of one deal the earliest signing counts (SPEC §2.1:
 * signed once, at the first event); otherwise the first row in the file.
 */
export function findMatches(
  kind: ImportKind,
  rows: readonly ImportRow[],
  existing: readonly ExistingRecord[],
): RowMatch[] {
  const live = existing.filter((e) => !e.deletedAt);
  const byId = new Map(live.map((e) => [e.id, e]));
  const byKey = new Map<string, ExistingRecord>();
  for (const e of live) for (const k of naturalKeys(kind, e)) if (!byKey.has(k)) byKey.set(k, e);
  const order = rows.map((_, i) => i);
  if (kind === 'deal')
    order.sort((a, b) => {
      const da = dateOf(rows[a]!.input);
      const db = dateOf(rows[b]!.input);
      return da < db ? -1 : da > db ? 1 : a - b;
    });
  const seen = new Map<string, number>();
  const out: RowMatch[] = rows.map(() => ({}));
  for (const i of order) {
    const row = rows[i]!;
    const keys = naturalKeys(kind, row.input);
    const first = keys.map((k) => seen.get(k)).find((n) => n !== undefined);
    if (first !== undefined) out[i]!.duplicateOf = first;
    for (const k of keys) if (!seen.has(k)) seen.set(k, row.rowNumber);
  }
  rows.forEach((row, i) => {
    const id = row.input[ID_FIELD];
    const byRecordId = typeof id === 'string' ? byId.get(id) : undefined;
    const hit =
      byRecordId ??
      naturalKeys(kind, row.input)
        .map((k) => byKey.get(k))
        .find(Boolean);
    if (!hit) return;
    const match: NonNullable<RowMatch['match']> = {
      id: hit.id,
      name: hit.name,
      by: byRecordId ? 'id' : 'key',
    };
    if (typeof hit.signedDate === 'string') match.signedDate = hit.signedDate;
    const status = kind === 'company' ? hit.status : kind === 'deal' ? hit.stage : undefined;
    if (typeof status === 'string') match.status = status;
    out[i]!.match = match;
  });
  return out;
}

export type ImportMode = 'create' | 'upsert' | 'skip';

export const MODE_LABELS: Record<ImportMode, string> = {
  create: '仅新建',
  upsert: '新建并更新匹配记录',
  skip: '跳过匹配记录',
};

export type RowAction = 'create' | 'update' | 'skip';

export interface PlannedRow {
  rowNumber: number;
  action: RowAction;
  /** Why the row is skipped or what it updates, for the preview. */
  note?: string;
  targetId?: string;
  /** Fields of the row not written on update (a re-signing keeps the first signing). */
  keepFields?: string[];
  problems: Problem[];
}

/**
 * What each row will do under a mode. Repeats within the file are skipped
 * (the first occurrence counts); rows with errors, or that the user skipped,
 * are skipped. Kinds whose natural key must stay unique (a contact's mobile,
 * a company's USCC) cannot create a second record in 仅新建 mode.
 */
export function planRows(
  kind: ImportKind,
  rows: readonly ImportRow[],
  matches: readonly RowMatch[],
  mode: ImportMode,
  skipped: ReadonlySet<number>,
): PlannedRow[] {
  return rows.map((row, i) => {
    const m = matches[i] ?? {};
    const problems = [...row.problems];
    const base = { rowNumber: row.rowNumber, problems };
    if (m.duplicateOf !== undefined) {
      problems.push({ level: 'warning', message: `与第 ${m.duplicateOf} 行是同一条记录，只导入一次` });
    }
    if (m.match) {
      const how = m.match.by === 'id' ? '记录编号相同' : '关键信息相同';
      problems.push({ level: 'warning', message: `已有记录「${m.match.name}」（${how}）` });
    }
    if (skipped.has(row.rowNumber)) return { ...base, action: 'skip', note: '已跳过' };
    if (problems.some((p) => p.level === 'error')) return { ...base, action: 'skip', note: '有错误' };
    if (m.duplicateOf !== undefined)
      return { ...base, action: 'skip', note: `重复（第 ${m.duplicateOf} 行）` };
    if (m.match) {
      if (mode === 'upsert') {
        const update: PlannedRow = {
          ...base,
          action: 'update',
          targetId: m.match.id,
          note: `更新「${m.match.name}」`,
        };
        const signed = row.input.signedDate;
        if (
          kind === 'deal' &&
          m.match.signedDate &&
          typeof signed === 'string' &&
          signed > m.match.signedDate
        ) {
          update.keepFields = ['signedDate', 'eventId'];
          problems.push({
            level: 'warning',
            message: `已于 ${m.match.signedDate} 签约：再次签约不改变首次签约日期和活动`,
          });
        }
        const to = row.progress?.status;
        if (to && m.match.status && to !== m.match.status) {
          if (isOffPath(kind, m.match.status))
            problems.push({
              level: 'warning',
              message: `已有记录为「${statusLabel(kind, m.match.status)}」：导入不改变其${kind === 'company' ? '状态' : '阶段'}`,
            });
          else if (isBackwards(kind, m.match.status, to))
            problems.push({
              level: 'warning',
              message: `表中为「${statusLabel(kind, to)}」，已有记录已是「${statusLabel(kind, m.match.status)}」：不会倒退，保持「${statusLabel(kind, m.match.status)}」`,
            });
          else update.note += `：${statusLabel(kind, m.match.status)} → ${statusLabel(kind, to)}`;
        }
        return update;
      }
      if (mode === 'skip') return { ...base, action: 'skip', note: '已有记录，跳过' };
      const unique =
        (kind === 'contact' && row.input.mobile) ||
        (kind === 'company' && row.input.uscc) ||
        m.match.by === 'id';
      if (unique) return { ...base, action: 'skip', note: '已有记录，仅新建模式不能重复' };
    }
    return { ...base, action: 'create', note: '新建' };
  });
}

/** One row as the import repository writes it. */
export interface ImportWriteRow {
  rowNumber: number;
  action: 'create' | 'update';
  input: Record<string, unknown>;
  targetId?: string;
  /** The status or stage the row says the record has reached, with dated steps. */
  progress?: RowProgress;
  /** A contact to create or link (natural key: mobile). */
  contact?: ContactCell;
}

/** The rows a plan writes, in file order; skipped rows write nothing. */
export function writeRows(rows: readonly ImportRow[], plan: readonly PlannedRow[]): ImportWriteRow[] {
  return plan.flatMap((p, i) => {
    if (p.action === 'skip') return [];
    const row = rows[i]!;
    const w: ImportWriteRow = { rowNumber: p.rowNumber, action: p.action, input: writeInput(row, p) };
    if (p.targetId) w.targetId = p.targetId;
    if (row.progress) w.progress = row.progress;
    if (row.contact) w.contact = row.contact;
    return [w];
  });
}

/** What a planned row writes: its input without the fields it must keep. */
export function writeInput(row: ImportRow, plan: PlannedRow): Record<string, unknown> {
  if (!plan.keepFields?.length) return row.input;
  const input = { ...row.input };
  for (const f of plan.keepFields) delete input[f];
  return input;
}
