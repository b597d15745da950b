/**
 * File bytes → plain grids of cell values, one per sheet. Pure and
 * synchronous, so Node tests call it directly and the Web Worker only wraps
 * it. Every refusal is a Chinese message; nothing here writes anything.
 */
import * as XLSX from 'xlsx';
import { excelSerialToIso } from '../domain/dates';
import { err, ok, type Result } from '../domain/result';
import { biffRecordsWhole, checkZip, isEncryptedCfb, sniffContainer } from './container';
import { decodeText } from './decode';
import { DEFAULT_LIMITS, mb, type ImportLimits } from './limits';

/** A cell as the import sees it: date-formatted numbers are already ISO dates. */
export type Cell = string | number | boolean | null;

export interface SheetGrid {
  name: string;
  /** rows[i] is Excel row i + 1; columns from A. */
  rows: Cell[][];
  /** Set when the sheet cannot be imported (e.g. too many rows); other sheets may still be. */
  error?: string;
}

export interface ParsedWorkbook {
  format: 'xlsx' | 'xls' | 'csv' | 'ods' | 'other';
  sheets: SheetGrid[];
  encoding?: string;
}

export type ProgressFn = (stage: string, fraction: number) => void;

const ENCRYPTED =
  '文件设有打开密码（已加密），无法读取。请在 Excel 中取消密码（文件 → 信息 → 保护工作簿）后另存再导入。';
const CORRUPT = '文件已损坏或不是有效的 Excel 文件，无法读取。';
const UNSUPPORTED = '不支持的文件格式：请选择 .xlsx、.xls 或 .csv 文件。';
const EMPTY = '文件是空的。';
/** An .xlsx zip that is missing parts or has broken ones: the format is right, the file is not whole. */
/** A .xls whose records stop part-way: cut off in a download or a copy. */
const INCOMPLETE_XLS =
  '文件不完整或已损坏（Excel 工作簿的记录在中途断开），无法读取。请重新获取原文件，或在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。';
const INCOMPLETE =
  '文件不完整或已损坏（Excel 工作簿缺少部分内容），无法读取。请在 Excel 或 WPS 中打开该文件，另存为 .xlsx 后再导入。';
/** An OLE/BIFF file SheetJS cannot read: damaged, or an old or unusual variant. */
const XLS_UNREADABLE =
  '这个 .xls 文件已损坏或是无法识别的旧版格式，无法读取。请在 Excel 或 WPS 中打开该文件，另存为 .xlsx 后再导入。';

const HEADER_ALLOWANCE = 10;

function extension(name: string): string {
  const m = /\.([^./\\]+)$/.exec(name);
  return m ? m[1]!.toLowerCase() : '';
}

/**
 * Translates SheetJS's English errors into what the user can act on. The
 * container was recognised before SheetJS ran, so a failure there is a
 * damaged or incomplete file of a known kind, never "unsupported format".
 */
export function friendlyReadError(e: unknown, container?: string): string {
  const msg = e instanceof Error ? e.message : String(e);
  if (/password|encrypt/i.test(msg)) return ENCRYPTED;
  if (container === 'zip') return INCOMPLETE;
  if (container === 'cfb' || container === 'biff') return XLS_UNREADABLE;
  return CORRUPT;
}

function cellValue(cell: XLSX.CellObject | undefined, date1904: boolean): Cell {
  if (!cell) return null;
  switch (cell.t) {
    case 's':
      return typeof cell.v === 'string' ? cell.v : String(cell.v ?? '');
    case 'b':
      return Boolean(cell.v);
    case 'n': {
      const v = cell.v as number;
      if (typeof v !== 'number' || !Number.isFinite(v)) return null;
      if (cell.z !== undefined && typeof cell.z === 'string' && XLSX.SSF.is_date(cell.z)) {
        return excelSerialToIso(date1904 ? v + 1462 : v) ?? v;
      }
      return v;
    }
    case 'd': {
      const d = cell.v instanceof Date ? cell.v : new Date(String(cell.v));
      if (Number.isNaN(d.getTime())) return null;
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
    }
    default:
      // 'e' (errors such as #N/A) and 'z' (stubs) carry no value worth importing.
      return null;
  }
}

function isBlank(c: Cell): boolean {
  return c === null || (typeof c === 'string' && c.trim() === '');
}

function sheetToGrid(ws: XLSX.WorkSheet, name: string, date1904: boolean, limits: ImportLimits): SheetGrid {
  const ref = ws['!ref'];
  if (!ref) return { name, rows: [] };
  const range = XLSX.utils.decode_range(ref);
  const lastCol = Math.min(range.e.c, limits.maxColumns - 1);
  const dense: (XLSX.CellObject | undefined)[][] | undefined = ws['!data'];
  const rows: Cell[][] = [];
  for (let r = 0; r <= range.e.r; r++) {
    const src = dense?.[r];
    const row: Cell[] = [];
    if (src) {
      for (let c = 0; c <= Math.min(lastCol, src.length - 1); c++) row[c] = cellValue(src[c], date1904);
    } else if (!dense) {
      for (let c = range.s.c; c <= lastCol; c++) {
        const v = cellValue(ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined, date1904);
        if (v !== null) row[c] = v;
      }
    }
    for (let c = 0; c < row.length; c++) if (row[c] === undefined) row[c] = null;
    rows.push(row);
  }
  // Merged cells hold their value only top-left; spreading it lets a merged
  // header or a team cell spanning several project rows apply to each.
  for (const m of ws['!merges'] ?? []) {
    const area = (m.e.r - m.s.r + 1) * (m.e.c - m.s.c + 1);
    if (area > 20_000 || m.s.r >= rows.length) continue;
    // A one-row band over many columns is a title or a section line, not a value for each column.
    if (m.s.r === m.e.r && m.e.c - m.s.c >= 4) continue;
    const v = rows[m.s.r]?.[m.s.c] ?? null;
    if (v === null) continue;
    for (let r = m.s.r; r <= Math.min(m.e.r, rows.length - 1); r++) {
      const row = rows[r]!;
      for (let c = m.s.c; c <= Math.min(m.e.c, lastCol); c++) {
        while (row.length < c) row.push(null);
        if (isBlank(row[c] ?? null)) row[c] = v;
      }
    }
  }
  while (rows.length && rows[rows.length - 1]!.every(isBlank)) rows.pop();
  return { name, rows };
}

/**
 * Reads a workbook or CSV. Refuses, with a Chinese message, files over the
 * size limit, zip bombs, encrypted and corrupt files; a sheet over the row
 * limit gets its own error so the other sheets can still be used.
 */
export function readWorkbook(
  bytes: Uint8Array,
  fileName: string,
  opts: { limits?: ImportLimits; onProgress?: ProgressFn } = {},
): Result<ParsedWorkbook> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const progress = opts.onProgress ?? (() => {});
  if (bytes.length > limits.maxBytes) {
    return err(
      `文件过大（${mb(bytes.length)}），最大 ${mb(limits.maxBytes)}。请删去不需要的工作表或拆分后再导入。`,
    );
  }
  if (bytes.length === 0) return err(EMPTY);
  const ext = extension(fileName);
  const container = sniffContainer(bytes);
  progress('检查文件', 0.05);

  // Room for title rows and a header above the data rows.
  const readOpts: XLSX.ParsingOptions = {
    dense: true,
    cellDates: false,
    cellNF: true,
    cellHTML: false,
    sheetRows: limits.maxRows + HEADER_ALLOWANCE + 50,
  };
  let wb: XLSX.WorkBook;
  let format: ParsedWorkbook['format'];
  let encoding: string | undefined;
  try {
    if (container === 'zip') {
      const zip = checkZip(bytes, limits);
      if (!zip.ok) return zip;
      if (zip.value.names.some((n) => n === 'EncryptionInfo' || n === 'EncryptedPackage'))
        return err(ENCRYPTED);
      if (
        zip.value.names.some((n) => n === 'content.xml') &&
        zip.value.names.some((n) => n === 'META-INF/manifest.xml')
      ) {
        format = 'ods';
      } else if (
        zip.value.names.some((n) => /^(?:xl[\\/]|\[Content_Types\]\.xml$|workbook\.xml$)/i.test(n))
      ) {
        format = 'xlsx';
      } else if (zip.value.names.some((n) => /^(?:_rels\/|docProps\/|\[Content_Types\])/i.test(n))) {
        // An Office package without its workbook part.
        return err(INCOMPLETE);
      } else {
        return err(UNSUPPORTED);
      }
      progress('读取工作簿', 0.1);
      wb = XLSX.read(bytes, { ...readOpts, type: 'array' });
    } else if (container === 'cfb' || container === 'biff') {
      if (container === 'cfb' && isEncryptedCfb(bytes)) return err(ENCRYPTED);
      if (!biffRecordsWhole(bytes, container)) return err(INCOMPLETE_XLS);
      format = 'xls';
      progress('读取工作簿', 0.1);
      wb = XLSX.read(bytes, { ...readOpts, type: 'array' });
    } else if (container === 'text') {
      const decoded = decodeText(bytes);
      encoding = decoded.encoding;
      const text = decoded.text;
      const looksHtml = /^\s*</.test(text);
      if (!['csv', 'txt', 'xls', 'htm', 'html', ''].includes(ext)) return err(UNSUPPORTED);
      format = looksHtml ? 'xls' : 'csv';
      progress('读取文本', 0.1);
      // raw: cells stay text, so 201710, leading-zero codes and 18-digit USCCs survive.
      wb = XLSX.read(text, { ...readOpts, type: 'string', raw: !looksHtml });
    } else {
      return err(UNSUPPORTED);
    }
  } catch (e) {
    return err(friendlyReadError(e, container));
  }

  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const sheets: SheetGrid[] = [];
  const names = wb.SheetNames ?? [];
  names.forEach((name, i) => {
    progress(`整理工作表「${name}」`, 0.6 + (0.4 * i) / Math.max(1, names.length));
    const ws = wb.Sheets[name];
    if (!ws) return;
    let grid: SheetGrid;
    const merges = ws['!merges']?.length ?? 0;
    try {
      // .xls files are not scanned before the parse; their merged ranges are counted here, before the grid.
      grid =
        merges > limits.maxMergedRanges
          ? {
              name,
              rows: [],
              error: `工作表「${name}」的合并单元格过多（${merges} 处），可能是异常文件，无法导入。`,
            }
          : sheetToGrid(ws, name, date1904, limits);
    } catch {
      grid = { name, rows: [], error: CORRUPT };
    }
    // Title and header rows are allowed on top of the data rows.
    const filled = grid.rows.reduce((n, row) => (row.some((c) => !isBlank(c)) ? n + 1 : n), 0);
    if (grid.rows.length >= (readOpts.sheetRows ?? Infinity) || filled > limits.maxRows + HEADER_ALLOWANCE) {
      grid = {
        name,
        rows: [],
        error: `工作表「${name}」超过 ${limits.maxRows.toLocaleString('en-US')} 行，无法导入。请拆分后再导入。`,
      };
    }
    sheets.push(grid);
  });
  if (sheets.length === 0) return err('文件中没有工作表。');
  progress('完成', 1);
  return ok({ format, sheets, encoding });
}
