/**
 * Building blocks for the workbooks the app writes (summary report and list
 * exports): typed cells, bordered tables with totals rows, titles, widths
 * that fit Chinese text. Pure: runs in Node tests and in the renderer.
 *
 * User text only ever becomes a plain string cell; exceljs writes a formula
 * only for `{ formula }` values, which nothing here produces.
 */
import type ExcelJS from 'exceljs';

export const AMOUNT_FORMAT = '#,##0.00';
export const DATE_FORMAT = 'yyyy-mm-dd';
export const INT_FORMAT = '#,##0';
export const DECIMAL_FORMAT = '#,##0.##';
export const PERCENT_FORMAT = '0.0%';

export const BODY_FONT = '宋体';
export const TITLE_FONT = '黑体';

/** How a column's cells are written and formatted. */
export type CellKind = 'text' | 'amount' | 'date' | 'int' | 'decimal' | 'percent' | 'index';

export type CellValue = string | number | Date | null | undefined;

export interface SheetColumn {
  header: string;
  kind: CellKind;
  /** Minimum width in characters (a CJK character counts as two). */
  minWidth?: number;
  /** Maximum width; longer text wraps. */
  maxWidth?: number;
}

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };

// Characters that XML 1.0 cannot carry: a workbook holding one needs repair in Excel.
const XML_INVALID =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// The characters XML_INVALID can match; a plain class is scanned in half the
// time, and almost no text holds any of them, so the full pattern rarely runs.
// eslint-disable-next-line no-control-regex
const MAYBE_XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
/** Excel's limit on the characters of one cell. */
const MAX_CELL_CHARS = 32767;

/** User text as it may safely go into a cell. */
export function safeText(s: string): string {
  const clean = MAYBE_XML_INVALID.test(s) ? s.replace(XML_INVALID, '') : s;
  return clean.length > MAX_CELL_CHARS ? clean.slice(0, MAX_CELL_CHARS) : clean;
}

/** An ISO date as a JS Date at UTC midnight, which exceljs writes as a whole serial day. */
export function isoToCellDate(iso: string | undefined): Date | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** Display width in character cells: CJK and full-width characters take two. */
export function textWidth(s: string): number {
  // Read by UTF-16 unit rather than by character: this runs for every text
  // cell of a report, and iterating characters costs twice as much.
  let w = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x1100) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        // One character in two units: wide from U+20000 (high unit 0xD840) on, else one cell.
        if (c < 0xd840) w -= 1;
        i++;
      }
      continue;
    }
    const wide =
      c <= 0x115f ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6);
    if (wide) w += 1;
  }
  return w;
}

/** No character is wider than two cells or than two per UTF-16 unit it takes: a bound that needs no scan. */
const widthBound = (s: string) => 2 * s.length;

const FORMATS: Partial<Record<CellKind, string>> = {
  amount: AMOUNT_FORMAT,
  date: DATE_FORMAT,
  int: INT_FORMAT,
  decimal: DECIMAL_FORMAT,
  percent: PERCENT_FORMAT,
};

/** The width a value takes when shown with its column's format. */
function shownWidth(value: CellValue, kind: CellKind): number {
  if (value === null || value === undefined) return 0;
  if (value instanceof Date) return 10;
  if (typeof value === 'number') {
    if (kind === 'percent') return 6;
    const digits = Math.trunc(Math.abs(value)).toString().length;
    const grouped = digits + Math.floor((digits - 1) / 3);
    return grouped + (kind === 'amount' ? 3 : kind === 'decimal' ? 3 : 0) + 1;
  }
  return Math.max(...value.split('\n').map(textWidth));
}

function cellValue(value: CellValue): ExcelJS.CellValue {
  if (typeof value === 'string') return safeText(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return value ?? null;
}

function alignmentFor(kind: CellKind): Partial<ExcelJS.Alignment> {
  switch (kind) {
    case 'text':
      return { vertical: 'middle', horizontal: 'left', wrapText: true };
    case 'index':
    case 'date':
    case 'percent':
      return { vertical: 'middle', horizontal: 'center' };
    default:
      return { vertical: 'middle', horizontal: 'right' };
  }
}

/** The format exceljs gives a date cell that has none. */
const EXCEL_DEFAULT_DATE = 'mm-dd-yy';

function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (v && typeof v === 'object') deepFreeze(v as object);
  return Object.freeze(o);
}

const tableStyles = new Map<string, Partial<ExcelJS.Style>>();

/**
 * The style of a table cell: one frozen object per look, shared by every
 * cell with that look. exceljs remembers the style id of each style object
 * it has written, so a shared object is serialised once; an object per cell
 * made the 50,000-deal report spend most of its time on styles. The id it
 * remembers comes from the first cell written with the object, whatever that
 * cell's type (a date without a format gets mm-dd-yy, a number General), so
 * a date's style names its format itself. Frozen because exceljs's
 * cell.font = … and the like write into the cell's style object, which here
 * would restyle every cell sharing it.
 */
function cellStyle(kind: CellKind, value: CellValue, totals: boolean): Partial<ExcelJS.Style> {
  const empty = value === null || value === undefined || value === '';
  const isDate = value instanceof Date;
  const numFmt =
    empty || typeof value === 'string'
      ? undefined
      : (FORMATS[kind] ?? (isDate ? EXCEL_DEFAULT_DATE : undefined));
  const centred = totals && typeof value === 'string';
  const key = `${kind}|${numFmt ?? ''}|${totals ? 't' : ''}|${centred ? 'c' : ''}`;
  const known = tableStyles.get(key);
  if (known) return known;
  const style: Partial<ExcelJS.Style> = {
    font: bodyFont({ bold: totals }),
    alignment: centred ? { horizontal: 'center', vertical: 'middle' } : alignmentFor(kind),
    border: THIN,
  };
  if (numFmt) style.numFmt = numFmt;
  tableStyles.set(key, deepFreeze(style));
  return style;
}

const HEADER_STYLE: Partial<ExcelJS.Style> = deepFreeze({
  font: { name: BODY_FONT, size: 11, bold: true },
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  border: THIN,
  fill: HEADER_FILL,
});

export function bodyFont(extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> {
  return { name: BODY_FONT, size: 11, ...extra };
}

/** A merged, centred title line across `cols` columns. */
export function writeTitle(ws: ExcelJS.Worksheet, row: number, cols: number, text: string, size = 18): void {
  ws.mergeCells(row, 1, row, cols);
  const cell = ws.getCell(row, 1);
  cell.value = safeText(text);
  cell.font = { name: TITLE_FONT, size, bold: true };
  cell.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(row).height = size * 2;
}

/** A merged line of plain text (period and unit, notes, signatures). */
export function writeLine(
  ws: ExcelJS.Worksheet,
  row: number,
  fromCol: number,
  toCol: number,
  text: string,
  opts: { horizontal?: 'left' | 'center' | 'right'; bold?: boolean; size?: number } = {},
): void {
  if (toCol > fromCol) ws.mergeCells(row, fromCol, row, toCol);
  const cell = ws.getCell(row, fromCol);
  cell.value = safeText(text);
  cell.font = bodyFont({ bold: opts.bold ?? false, size: opts.size ?? 11 });
  cell.alignment = { horizontal: opts.horizontal ?? 'left', vertical: 'middle' };
}

export interface TableOptions {
  /** A totals row written below the data, in the columns' kinds; bold. */
  totals?: CellValue[];
  /** First column of the table (1-based). */
  firstCol?: number;
  /** Fixed height of data rows; unset lets wrapped text grow the row. */
  rowHeight?: number;
}

/**
 * Writes a header row and data rows from `startRow`, all bordered, and
 * returns the number of the row after the table.
 */
export function writeTable(
  ws: ExcelJS.Worksheet,
  startRow: number,
  columns: readonly SheetColumn[],
  rows: readonly CellValue[][],
  opts: TableOptions = {},
): number {
  const first = opts.firstCol ?? 1;
  const header = ws.getRow(startRow);
  columns.forEach((col, i) => {
    const cell = header.getCell(first + i);
    cell.value = col.header;
    cell.style = HEADER_STYLE;
  });
  header.height = 24;
  let r = startRow + 1;
  // The data rows' styles by column and value type (empty, text, number, date), looked up once each.
  const known = columns.map((): (Partial<ExcelJS.Style> | undefined)[] => []);
  const write = (values: readonly CellValue[], totals: boolean) => {
    const row = ws.getRow(r++);
    if (opts.rowHeight) row.height = opts.rowHeight;
    columns.forEach((col, i) => {
      const cell = row.getCell(first + i);
      const value = values[i];
      const empty = value === null || value === undefined || value === '';
      if (!empty) cell.value = cellValue(value);
      if (totals) {
        cell.style = cellStyle(col.kind, value, true);
        return;
      }
      const type = empty ? 0 : typeof value === 'string' ? 1 : typeof value === 'number' ? 2 : 3;
      cell.style = known[i]![type] ??= cellStyle(col.kind, value, false);
    });
  };
  for (const values of rows) write(values, false);
  if (opts.totals) write(opts.totals, true);
  return r;
}

/**
 * Column widths that fit the header and the longest value, within each
 * column's limits. Returns the widths and, for each column, the narrowest it
 * may be made for printing: text wraps, so a text column may shrink to ten
 * cells (five Chinese characters a line); a number or date does not wrap, so
 * it keeps its longest value. Headers wrap onto two lines in either case.
 */
export function fitWidths(
  ws: ExcelJS.Worksheet,
  columns: readonly SheetColumn[],
  rows: readonly CellValue[][],
  firstCol = 1,
): { widths: number[]; floors: number[] } {
  const widths: number[] = [];
  const floors: number[] = [];
  columns.forEach((col, i) => {
    const header = textWidth(col.header);
    let w = Math.max(header, col.minWidth ?? 6);
    let values = 0;
    for (const r of rows) {
      const v = r[i];
      if (col.kind !== 'text') values = Math.max(values, shownWidth(v, col.kind));
      // Text that cannot be wider than the column so far need not be measured.
      if (typeof v === 'string' && widthBound(v) <= w) continue;
      w = Math.max(w, shownWidth(v, col.kind));
    }
    const width = Math.min(w + 2, col.maxWidth ?? 50);
    ws.getColumn(firstCol + i).width = width;
    widths.push(width);
    const headerFloor = Math.ceil(header / 2) + 2;
    floors.push(
      Math.min(width, col.kind === 'text' ? Math.max(10, headerFloor) : Math.max(values + 2, headerFloor, 6)),
    );
  });
  return { widths, floors };
}

/** A4 in Excel's paper codes. */
export const PAPER_A4 = 9;
const MARGINS = { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };
/** The printable width of A4 between the margins, in points. */
const PRINTABLE_PT = {
  portrait: (8.27 - MARGINS.left - MARGINS.right) * 72,
  landscape: (11.69 - MARGINS.left - MARGINS.right) * 72,
};
/** Below this scale 宋体 11 pt prints smaller than about 7.5 pt and is hard to read on paper. */
const MIN_PRINT_SCALE = 0.7;
/** A sheet that fits a portrait page at this scale prints portrait. */
const PORTRAIT_SCALE = 0.85;

/** Points a sheet's columns take at 100%: Excel draws a column `w` wide as 7w + 5 pixels at 96 dpi. */
function columnsPt(widths: readonly number[]): number {
  return widths.reduce((sum, w) => sum + 0.75 * (7 * w + 5), 0);
}

/**
 * Page setup for every sheet the app writes: A4, fitted to one page wide
 * and as many pages tall as it takes, centred, margins an office printer
 * keeps, page numbers in the footer, and `titleRows` (e.g. "3:3") repeated
 * at the top of every page.
 */
export function printSetup(
  orientation: 'portrait' | 'landscape',
  titleRows?: string,
): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: PAPER_A4 as ExcelJS.PaperSize,
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    ...(titleRows ? { printTitlesRow: titleRows } : {}),
    margins: MARGINS,
  };
}

export const PAGE_FOOTER = { oddFooter: '&C第 &P 页，共 &N 页' };

/**
 * Chooses the orientation of a table sheet and narrows its widest text
 * columns (their text wraps) until the sheet prints one page wide at a
 * readable scale. A sheet that fits a portrait page prints portrait; a wider
 * one prints landscape, its text columns capped at one common width (never
 * below their floors) so the total fits the page at MIN_PRINT_SCALE, or
 * comes as close as the floors allow.
 */
export function fitToPrint(
  ws: ExcelJS.Worksheet,
  fitted: { widths: number[]; floors: number[] },
  firstCol = 1,
): 'portrait' | 'landscape' {
  const { widths, floors } = fitted;
  if (columnsPt(widths) <= PRINTABLE_PT.portrait / PORTRAIT_SCALE) return 'portrait';
  const budget = PRINTABLE_PT.landscape / MIN_PRINT_SCALE;
  if (columnsPt(widths) > budget) {
    const capped = (cap: number) => widths.map((w, i) => Math.min(w, Math.max(floors[i]!, cap)));
    // The widest common cap that fits, found by halving.
    let lo = 0;
    let hi = Math.max(...widths);
    while (hi - lo > 0.5) {
      const mid = (lo + hi) / 2;
      if (columnsPt(capped(mid)) <= budget) lo = mid;
      else hi = mid;
    }
    capped(Math.floor(lo)).forEach((w, i) => {
      widths[i] = w;
      ws.getColumn(firstCol + i).width = w;
    });
  }
  return 'landscape';
}

/**
 * Row heights for wrapped text: Excel does not grow a row for wrapped text
 * written by a library, so each row gets the lines its longest cell needs.
 */
export function fitRowHeights(
  ws: ExcelJS.Worksheet,
  columns: readonly SheetColumn[],
  rows: readonly CellValue[][],
  firstRow: number,
  firstCol = 1,
): void {
  const text = columns.flatMap((col, i) =>
    col.kind === 'text' ? [{ i, width: Math.max(1, (ws.getColumn(firstCol + i).width ?? 10) - 1) }] : [],
  );
  rows.forEach((values, r) => {
    let lines = 1;
    for (const { i, width } of text) {
      const v = values[i];
      if (typeof v !== 'string') continue;
      // One line for certain: nothing to measure.
      if (widthBound(v) <= width && !v.includes('\n')) continue;
      const needed = v
        .split('\n')
        .reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / width)), 0);
      lines = Math.max(lines, needed);
    }
    ws.getRow(firstRow + r).height = Math.min(409, 6 + lines * 14);
  });
}

export interface ListSheet {
  name: string;
  title: string;
  /** The line under the title: period, unit, row count. */
  subtitle: string;
  columns: readonly SheetColumn[];
  rows: readonly CellValue[][];
  totals?: CellValue[];
}

export interface ListSheetOptions {
  /**
   * Leave out the columns no row has a value in (the first column, the
   * index, stays): a report for superiors prints what carries data.
   */
  omitEmptyColumns?: boolean;
}

function withoutEmptyColumns(sheet: ListSheet): ListSheet {
  const keep = sheet.columns.map(
    (_, i) => i === 0 || sheet.rows.some((r) => r[i] !== null && r[i] !== undefined && r[i] !== ''),
  );
  // An empty table still shows what it would hold.
  if (sheet.rows.length === 0 || keep.every(Boolean)) return sheet;
  const pick = <T>(xs: readonly T[]) => xs.filter((_, i) => keep[i]);
  return {
    ...sheet,
    columns: pick(sheet.columns),
    rows: sheet.rows.map(pick),
    totals: sheet.totals && pick(sheet.totals),
  };
}

/** Row of the header in every list sheet: title, subtitle, header. */
export const LIST_HEADER_ROW = 3;

/**
 * A sheet holding one table: merged title, subtitle, bold bordered header
 * frozen in place with a filter, the rows and an optional totals row.
 */
export function addListSheet(
  wb: ExcelJS.Workbook,
  input: ListSheet,
  opts: ListSheetOptions = {},
): ExcelJS.Worksheet {
  const sheet = opts.omitEmptyColumns ? withoutEmptyColumns(input) : input;
  const cols = sheet.columns.length;
  const ws = wb.addWorksheet(sheet.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: LIST_HEADER_ROW, activeCell: `A${LIST_HEADER_ROW + 1}` }],
    pageSetup: printSetup('landscape', `${LIST_HEADER_ROW}:${LIST_HEADER_ROW}`),
    headerFooter: PAGE_FOOTER,
  });
  writeTitle(ws, 1, cols, sheet.title, 16);
  writeLine(ws, 2, 1, cols, sheet.subtitle, { horizontal: 'left' });
  ws.getRow(2).height = 20;
  const end = writeTable(ws, LIST_HEADER_ROW, sheet.columns, sheet.rows, { totals: sheet.totals });
  const body = sheet.totals ? [...sheet.rows, sheet.totals] : sheet.rows;
  const fitted = fitWidths(ws, sheet.columns, body);
  ws.pageSetup.orientation = fitToPrint(ws, fitted);
  // Headers wrap in narrowed columns: the header row takes the lines its longest header needs.
  const headerLines = Math.max(
    ...sheet.columns.map((c, i) => Math.ceil(textWidth(c.header) / Math.max(1, fitted.widths[i]! - 2))),
  );
  ws.getRow(LIST_HEADER_ROW).height = Math.max(24, 8 + headerLines * 14);
  fitRowHeights(ws, sheet.columns, body, LIST_HEADER_ROW + 1);
  const lastDataRow = Math.max(LIST_HEADER_ROW, end - 1 - (sheet.totals ? 1 : 0));
  if (sheet.rows.length)
    ws.autoFilter = { from: { row: LIST_HEADER_ROW, column: 1 }, to: { row: lastDataRow, column: cols } };
  return ws;
}

/** The workbook as bytes, the same in Node and the browser. */
export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array<ArrayBuffer>> {
  // Typed as an ArrayBuffer; a Node Buffer at run time. Either way this copies the bytes.
  const buf: ArrayBuffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf);
}
