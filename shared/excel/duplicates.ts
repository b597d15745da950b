/**
 * Duplicates by the natural keys of SPEC §2, within the file and against the
 * database. A deal signed again at a later event is the same deal (same
 * name and investor), so it is counted once.
 */
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
  /** Excel row number of the earlier row this one repeats. */
  duplicateOf?: number;
  /** The stored record this row matches (by id, then natural key). */
  match?: { id: string; name: string; by: 'id' | 'key' };
}

/** For each row (same order): the earlier row it repeats and the stored record it matches. */
export function findMatches(
  kind: ImportKind,
  rows: readonly ImportRow[],
  existing: readonly ExistingRecord[],
): RowMatch[] {
  const live = existing.filter((e) => !e.deletedAt);
  const byId = new Map(live.map((e) => [e.id, e]));
  const byKey = new Map<string, ExistingRecord>();
  for (const e of live) for (const k of naturalKeys(kind, e)) if (!byKey.has(k)) byKey.set(k, e);
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const out: RowMatch = {};
    const keys = naturalKeys(kind, row.input);
    for (const k of keys) {
      const first = seen.get(k);
      if (first !== undefined) {
        out.duplicateOf = first;
        break;
      }
    }
    for (const k of keys) if (!seen.has(k)) seen.set(k, row.rowNumber);
    const id = row.input[ID_FIELD];
    const hit = typeof id === 'string' ? byId.get(id) : undefined;
    if (hit) out.match = { id: hit.id, name: hit.name, by: 'id' };
    else {
      for (const k of keys) {
        const e = byKey.get(k);
        if (e) {
          out.match = { id: e.id, name: e.name, by: 'key' };
          break;
        }
      }
    }
    return out;
  });
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
      if (mode === 'upsert')
        return { ...base, action: 'update', targetId: m.match.id, note: `更新「${m.match.name}」` };
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
