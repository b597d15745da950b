/**
 * Finds the header of a sheet kept by people, not machines: title rows and a
 * 单位：万元 line above it, sometimes two header rows under merged cells
 * (投资额 over 协议 | 一期), then the data.
 */
import { parseDate } from '../domain/dates';
import { unitFromHeader, type Unit } from '../domain/money';
import { toHalfWidth } from '../domain/text';
import {
  IMPORT_KINDS,
  importFields,
  matchExact,
  matchHeader,
  matchWithin,
  normalizeHeader,
  type ImportKind,
} from './synonyms';
import type { Cell } from './workbook';

export interface ColumnHeader {
  index: number;
  /** The header text shown to the user (parent / child for two-row headers). */
  text: string;
  /** The field the header names, if any. */
  field: string | null;
  /** Unit named in the header itself (协议投资额（亿元）). */
  unit: Unit | null;
  /** Why the column was left unmapped although its header names a field (another column holds it). */
  note?: string;
}

export interface SheetLayout {
  /** Index into the grid rows (Excel row number − 1) of the first header row. */
  headerRow: number;
  /** 1 or 2 header rows. */
  headerRows: number;
  /** First data row index. */
  dataStart: number;
  columns: ColumnHeader[];
  /** Unit from a line above the header (单位：万元), for amount columns without their own. */
  sheetUnit: Unit | null;
  /** Lines above the header that are notes about the sheet (所属片组：… 填报人：…, 截至…). */
  notes: string[];
  /** The sheet's as-of date from such a note (填报时间：2017-10-31, 截至2017年10月31日). */
  asOf?: string;
}

const SCAN_ROWS = 40;

export const cellText = (c: Cell | undefined): string =>
  c === null || c === undefined ? '' : String(c).trim();

function scoreOf(columns: ColumnHeader[]): number {
  return new Set(columns.map((c) => c.field).filter(Boolean)).size;
}

function oneRow(kind: ImportKind, row: Cell[]): ColumnHeader[] {
  return row.map((cell, index) => {
    const text = cellText(cell);
    return {
      index,
      text,
      field: text ? matchHeader(kind, text) : null,
      unit: text ? unitFromHeader(text) : null,
    };
  });
}

function twoRows(kind: ImportKind, parent: Cell[], child: Cell[]): ColumnHeader[] {
  const width = Math.max(parent.length, child.length);
  const out: ColumnHeader[] = [];
  for (let index = 0; index < width; index++) {
    const p = cellText(parent[index]);
    const c = cellText(child[index]);
    const unit = unitFromHeader(c) ?? unitFromHeader(p);
    if (!c || !p || p === c) {
      const text = c || p;
      out.push({ index, text, field: text ? matchHeader(kind, text) : null, unit });
      continue;
    }
    // Parent and child: the combined text first (投资方 / 名称 is 投资方名称, 投资额 / 协议 is
    // 协议投资额), then the child alone, then the parent alone; exact names before contained ones.
    const np = normalizeHeader(p);
    const nc = normalizeHeader(c);
    const field =
      matchExact(kind, np + nc) ??
      matchExact(kind, nc + np) ??
      matchExact(kind, c) ??
      matchWithin(kind, nc + np) ??
      matchWithin(kind, np + nc) ??
      matchWithin(kind, c) ??
      matchHeader(kind, p);
    out.push({ index, text: `${p} / ${c}`, field, unit });
  }
  return out;
}

const NOTE_LABEL =
  /^(所属片组|所属组团|片组|组团|填报人|填报单位|填报时间|填报日期|填表人|填表日期|制表人?|制表日期|统计时间|统计日期|报送单位|报送时间|单位)[:：]/;
const AS_OF = /(截至|截止|统计至|数据截至)\s*(\d{4}\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}\s*日?)/;
const DATED_LABEL =
  /(填报时间|填报日期|填表日期|制表日期|统计时间|统计日期|报送时间)[:：]\s*(\d{4}\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}\s*日?)/;

/** A line about the sheet rather than a header: 所属片组：… 填报人：… 填报时间：…, or 截至2017年10月31日. */
export function isNoteRow(row: Cell[]): boolean {
  const filled = row.map((c) => toHalfWidth(cellText(c)).replace(/\s+/g, '')).filter(Boolean);
  if (filled.length === 0) return false;
  const joined = filled.join(' ');
  if (AS_OF.test(joined) && filled.length <= 3) return true;
  return (
    filled.every((t) => NOTE_LABEL.test(t) || /^[^:：]{1,8}[:：]/.test(t)) &&
    filled.some((t) => NOTE_LABEL.test(t))
  );
}

function noteDate(text: string): string | undefined {
  const t = toHalfWidth(text);
  const m = DATED_LABEL.exec(t) ?? AS_OF.exec(t);
  if (!m) return undefined;
  const r = parseDate(m[2]!.replace(/\s+/g, ''));
  return r.ok && r.value ? r.value : undefined;
}

function looksLikeHeaderRow(row: Cell[]): boolean {
  if (isNoteRow(row)) return false;
  const filled = row.filter((c) => cellText(c) !== '');
  return filled.length > 0 && filled.every((c) => typeof c === 'string' && !/^\d[\d.,\-/]*$/.test(c.trim()));
}

function unitAbove(rows: Cell[][], headerRow: number): Unit | null {
  for (let r = headerRow - 1; r >= 0; r--) {
    for (const cell of rows[r] ?? []) {
      const t = toHalfWidth(cellText(cell));
      if (!t) continue;
      if (/单位/.test(t) || /^\(\s*(万元|亿元|元|万|亿)\s*\)$/.test(t)) {
        const u = unitFromHeader(t);
        if (u) return u;
      }
    }
  }
  return null;
}

/** Layout of `rows` read as `kind`, or null when no row looks like a header for it. */
export function detectLayout(rows: Cell[][], kind: ImportKind): SheetLayout | null {
  let best: { score: number; headerRow: number; headerRows: number; columns: ColumnHeader[] } | null = null;
  const last = Math.min(rows.length, SCAN_ROWS);
  for (let r = 0; r < last; r++) {
    const row = rows[r] ?? [];
    if (isNoteRow(row)) continue;
    const single = oneRow(kind, row);
    const s1 = scoreOf(single);
    if (s1 === 0 && !looksLikeHeaderRow(row)) continue;
    let candidate = { score: s1, headerRow: r, headerRows: 1, columns: single };
    const next = rows[r + 1];
    if (next && looksLikeHeaderRow(next) && looksLikeHeaderRow(row)) {
      const double = twoRows(kind, row, next);
      const s2 = scoreOf(double);
      // A header merged down over both rows repeats its text in the second: that row is header too,
      // even when its children (面积（亩） under 用地) name nothing new.
      const mergedDown = row.some((c, i) => cellText(c) !== '' && cellText(c) === cellText(next[i]));
      if (s2 > s1 || (s2 === s1 && mergedDown))
        candidate = { score: s2, headerRow: r, headerRows: 2, columns: double };
    }
    if (candidate.score >= 2 && (!best || candidate.score > best.score)) best = candidate;
  }
  if (!best) return null;
  // One field per column: a later column naming an already-taken field is left unmapped, and says so.
  const taken = new Map<string, ColumnHeader>();
  const columns = best.columns.map((c) => {
    if (!c.field) return c;
    const holder = taken.get(c.field);
    if (holder) {
      const label = importFields(kind).find((f) => f.key === c.field)?.label ?? c.field;
      return { ...c, field: null, note: `表头像「${label}」，但该字段已由「${holder.text}」列对应，请确认` };
    }
    taken.set(c.field, c);
    return c;
  });
  const notes: string[] = [];
  let asOf: string | undefined;
  for (let r = 0; r < best.headerRow; r++) {
    const row = rows[r] ?? [];
    const text = row.map(cellText).filter(Boolean).join(' ');
    if (!text) continue;
    // The unit line is shown as the sheet's unit already.
    if (isNoteRow(row) && !/^单位[:：]/.test(toHalfWidth(text))) notes.push(text);
    asOf ??= noteDate(text);
  }
  const layout: SheetLayout = {
    headerRow: best.headerRow,
    headerRows: best.headerRows,
    dataStart: best.headerRow + best.headerRows,
    columns: columns.filter((c) => c.text !== '' || c.field !== null),
    sheetUnit: unitAbove(rows, best.headerRow),
    notes,
  };
  if (asOf) layout.asOf = asOf;
  return layout;
}

/** The record kind whose headers the sheet matches best (deals on a tie). */
export function guessKind(rows: Cell[][]): ImportKind {
  let bestKind: ImportKind = 'deal';
  let bestScore = 0;
  for (const kind of IMPORT_KINDS) {
    const layout = detectLayout(rows, kind);
    const score = layout ? scoreOf(layout.columns) : 0;
    if (score > bestScore) {
      bestScore = score;
      bestKind = kind;
    }
  }
  return bestKind;
}
