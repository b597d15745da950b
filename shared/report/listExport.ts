/**
 * A list view as a file (SPEC §5 "any list view exports what it shows"): the
 * rows in the order shown, the visible columns, to .xlsx or .csv.
 *
 * CSV is UTF-8 with a BOM (Excel and WPS read Chinese correctly only with it),
 * CRLF line ends and RFC 4180 quoting. Text a spreadsheet would take for a
 * formula gets a leading `'`.
 */
import ExcelJS from 'exceljs';
import type { FieldSpec } from '../domain/fields';
import { fieldValue } from '../domain/records';
import { UNIT_LABELS } from '../domain/money';
import { isFormulaLike } from '../domain/text';
import type { AmountUnit } from '../settings';
import { dayText } from './period';
import { addListSheet, workbookBytes, type CellKind, type CellValue, type SheetColumn } from './sheet';
import { fieldCell, fieldColumn, type RefNames, type ValueContext } from './values';

/** A column that is not a stored field (e.g. the computed light). */
export interface ExtraColumn<R> {
  header: string;
  kind: CellKind;
  value(row: R): CellValue;
}

export interface ListExport<R extends object = object> {
  /** The list's name: sheet name, title and file name. */
  title: string;
  /** Visible columns, in order. */
  fields: readonly FieldSpec[];
  extra?: readonly ExtraColumn<R>[];
  /** The rows as shown: filtered, searched and sorted. */
  rows: readonly R[];
  unit: AmountUnit;
  refs: RefNames;
  /** What the list was narrowed by, e.g. `搜索：鞋业；行业：鞋业`. */
  note?: string;
  today: string;
}

function table<R extends object>(spec: ListExport<R>): { columns: SheetColumn[]; rows: CellValue[][] } {
  const ctx: ValueContext = { unit: spec.unit, refs: spec.refs };
  const extra = spec.extra ?? [];
  const columns: SheetColumn[] = [
    ...spec.fields.map((f) => fieldColumn(f, spec.unit)),
    ...extra.map((e) => ({ header: e.header, kind: e.kind, maxWidth: 40 })),
  ];
  const rows = spec.rows.map((r) => [
    ...spec.fields.map((f) => fieldCell(f, fieldValue(r, f.key), ctx)),
    ...extra.map((e) => e.value(r)),
  ]);
  return { columns, rows };
}

// Excel's rules for sheet names: at most 31 characters, none of []:*?/\.
function sheetName(title: string): string {
  return (
    Array.from(title.replace(/[[\]:*?/\\]/g, '_'))
      .slice(0, 31)
      .join('') || '导出'
  );
}

export async function listToXlsx<R extends object>(spec: ListExport<R>): Promise<Uint8Array<ArrayBuffer>> {
  const { columns, rows } = table(spec);
  const wb = new ExcelJS.Workbook();
  wb.title = spec.title;
  const parts = [`导出日期：${dayText(spec.today)}`, `共${rows.length}条`];
  if (spec.fields.some((f) => f.type === 'amount')) parts.push(`单位：${UNIT_LABELS[spec.unit]}`);
  if (spec.note) parts.push(spec.note);
  addListSheet(wb, {
    name: sheetName(spec.title),
    title: spec.title,
    subtitle: parts.join('\u3000'),
    columns: [{ header: '序号', kind: 'index', minWidth: 4 }, ...columns],
    rows: rows.map((r, i) => [i + 1, ...r]),
  });
  return workbookBytes(wb);
}

/** A text value made safe for CSV: formula-like text gets `'`, then RFC 4180 quoting. */
export function csvField(value: string): string {
  const text = isFormulaLike(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvCell(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  // Numbers are ours (amounts, counts), never user text: written plainly.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return csvField(value);
}

export const CSV_BOM = '\uFEFF';

export function listToCsvText<R extends object>(spec: ListExport<R>): string {
  const { columns, rows } = table(spec);
  const lines = [
    columns.map((c) => csvField(c.header)).join(','),
    ...rows.map((r) => r.map(csvCell).join(',')),
  ];
  return CSV_BOM + lines.join('\r\n') + '\r\n';
}

export function listToCsv<R extends object>(spec: ListExport<R>): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(listToCsvText(spec));
}

/** `签约项目_20171031.xlsx` */
export function listFileName(title: string, today: string, ext: 'xlsx' | 'csv'): string {
  return `${title.replace(/[\\/:*?"<>|\s]+/g, '_')}_${today.replace(/-/g, '')}.${ext}`;
}
