/**
 * Finds the header of a sheet kept by people, not machines: title rows and a
 * 单位：万元 line above it, sometimes two header rows under merged cells
 * (投资额 over 协议 | 一期), then the data.
 */
import { unitFromHeader, type Unit } from '../domain/money';
import { toHalfWidth } from '../domain/text';
import { IMPORT_KINDS, matchHeader, normalizeHeader, type ImportKind } from './synonyms';
import type { Cell } from './workbook';

export interface ColumnHeader {
  index: number;
  /** The header text shown to the user (parent / child for two-row headers). */
  text: string;
  /** The field the header names, if any. */
  field: string | null;
  /** Unit named in the header itself (协议投资额（亿元）). */
  unit: Unit | null;
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
    // 投资额 / 协议 is 协议投资额: try the child, then child+parent, then parent+child.
    const field =
      matchHeader(kind, c) ??
      matchHeader(kind, normalizeHeader(c) + normalizeHeader(p)) ??
      matchHeader(kind, normalizeHeader(p) + normalizeHeader(c));
    out.push({ index, text: `${p} / ${c}`, field, unit });
  }
  // The same parent matched by all its children would map one field twice; keep the first.
  return out;
}

function looksLikeHeaderRow(row: Cell[]): boolean {
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
    const single = oneRow(kind, row);
    const s1 = scoreOf(single);
    if (s1 === 0 && !looksLikeHeaderRow(row)) continue;
    let candidate = { score: s1, headerRow: r, headerRows: 1, columns: single };
    const next = rows[r + 1];
    if (next && looksLikeHeaderRow(next) && looksLikeHeaderRow(row)) {
      const double = twoRows(kind, row, next);
      const s2 = scoreOf(double);
      if (s2 > s1) candidate = { score: s2, headerRow: r, headerRows: 2, columns: double };
    }
    if (candidate.score >= 2 && (!best || candidate.score > best.score)) best = candidate;
  }
  if (!best) return null;
  // One field per column: a later column naming an already-taken field is left unmapped.
  const taken = new Set<string>();
  const columns = best.columns.map((c) => {
    if (!c.field) return c;
    if (taken.has(c.field)) return { ...c, field: null };
    taken.add(c.field);
    return c;
  });
  return {
    headerRow: best.headerRow,
    headerRows: best.headerRows,
    dataStart: best.headerRow + best.headerRows,
    columns: columns.filter((c) => c.text !== '' || c.field !== null),
    sheetUnit: unitAbove(rows, best.headerRow),
  };
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
