/** The user's column mapping: which field each column fills, and in which unit amounts are. */
import type { Unit } from '../domain/money';
import type { SheetLayout } from './header';
import type { ImportKind } from './synonyms';

export interface ColumnMapping {
  index: number;
  header: string;
  /** null: 跳过 (the column is not imported). */
  field: string | null;
  /** For amount fields: the unit of plain numbers in this column. */
  unit: Unit;
  /** Where the unit came from, so the page can say 未注明单位. */
  unitSource: 'header' | 'sheet' | 'default' | 'user';
  /** Why a column whose header names a field was left unmapped (another column holds the field). */
  note?: string;
}

/** Plain numbers in ledgers without a stated unit are almost always 万元. */
export const DEFAULT_AMOUNT_UNIT: Unit = 'wan';

export function autoMapping(layout: SheetLayout): ColumnMapping[] {
  return layout.columns.map((c) => {
    const m: ColumnMapping = {
      index: c.index,
      header: c.text,
      field: c.field,
      unit: c.unit ?? layout.sheetUnit ?? DEFAULT_AMOUNT_UNIT,
      unitSource: c.unit ? 'header' : layout.sheetUnit ? 'sheet' : 'default',
    };
    if (c.note) m.note = c.note;
    return m;
  });
}

/** Key under which a mapping is remembered: the same kind and the same header texts. */
export function headerSetKey(kind: ImportKind, headers: readonly string[]): string {
  return `${kind}|${headers.map((h) => h.replace(/\s+/g, '')).join('\u241f')}`;
}

/** A remembered mapping applies only when it covers exactly these columns. */
export function applyRemembered(current: ColumnMapping[], remembered: unknown): ColumnMapping[] {
  if (!Array.isArray(remembered) || remembered.length !== current.length) return current;
  return current.map((c, i) => {
    const r = remembered[i] as Partial<ColumnMapping> | undefined;
    if (!r || r.index !== c.index) return c;
    const unit = r.unit === 'yuan' || r.unit === 'wan' || r.unit === 'yi' ? r.unit : c.unit;
    return {
      ...c,
      field: typeof r.field === 'string' || r.field === null ? r.field : c.field,
      unit,
      unitSource: r.unitSource ?? c.unitSource,
    };
  });
}

/** Fields mapped by more than one column; the page refuses to go on until each is mapped once. */
export function duplicateFields(mapping: readonly ColumnMapping[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const m of mapping) {
    if (!m.field) continue;
    if (seen.has(m.field)) dup.add(m.field);
    seen.add(m.field);
  }
  return [...dup];
}
