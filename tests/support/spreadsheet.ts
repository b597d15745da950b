/**
 * Independent readers for the workbooks the app writes: openpyxl (Debian
 * python3-openpyxl, through tests/support/xlsx_dump.py) and LibreOffice
 * headless. Each LibreOffice run gets its own profile folder, so parallel
 * runs on one machine do not lock each other out.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const PYTHON = '/usr/bin/python3';
const DUMP = resolve(import.meta.dirname, 'xlsx_dump.py');

/** [row, col, type ('s' text, 'n' number, 'd' date, 'f' formula, 'b' bool), value, bold, numFmt] */
export type DumpedCell = [number, number, string, string | number | boolean, boolean, string];

/** How openpyxl sees a cell's look; `fill` is the solid fill's ARGB, `border` the style all four sides share. */
export interface DumpedStyle {
  font: string | null;
  size: number | null;
  bold: boolean;
  fill: string | null;
  horizontal: string | null;
  vertical: string | null;
  wrap: boolean;
  border: string | null;
  numFmt: string;
  isDate: boolean;
}

export interface DumpedPrint {
  orientation: string | null;
  paperSize: number | null;
  fitToPage: boolean;
  fitToWidth: number | null;
  fitToHeight: number | null;
  /** e.g. "$3:$3" */
  printTitleRows: string | null;
  printArea: string | null;
  margins: { left: number; right: number; top: number; bottom: number };
  hiddenColumns: string[];
}

export interface DumpedSheet {
  name: string;
  freeze: string | null;
  merged: string[];
  widths: Record<string, number | null>;
  hyperlinks: number;
  cells: DumpedCell[];
  /** Page setup as openpyxl reads it. */
  print: DumpedPrint;
  /** Every cell's look, empty cells included; only from dumpXlsx(path, { styles: true }). */
  styles?: [number, number, DumpedStyle][];
}

export function tempDir(prefix = 'ledger-xlsx-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeTemp(bytes: Uint8Array, name: string): string {
  const path = join(tempDir(), name);
  writeFileSync(path, bytes);
  return path;
}

export function dumpXlsx(path: string, opts: { styles?: boolean } = {}): DumpedSheet[] {
  const args = opts.styles ? [DUMP, path, '--styles'] : [DUMP, path];
  const out = execFileSync(PYTHON, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return (JSON.parse(out) as { sheets: DumpedSheet[] }).sheets;
}

/** Cell lookup by row and column, and rows as arrays. */
export class SheetView {
  private readonly map = new Map<string, DumpedCell>();
  private readonly styles = new Map<string, DumpedStyle>();
  constructor(readonly sheet: DumpedSheet) {
    for (const c of sheet.cells) this.map.set(`${c[0]}:${c[1]}`, c);
    for (const [r, c, style] of sheet.styles ?? []) this.styles.set(`${r}:${c}`, style);
  }
  cell(row: number, col: number): DumpedCell | undefined {
    return this.map.get(`${row}:${col}`);
  }
  /** The cell's look (the sheet must come from dumpXlsx with styles). */
  style(row: number, col: number): DumpedStyle {
    const style = this.styles.get(`${row}:${col}`);
    if (!style) throw new Error(`no style for ${row}:${col} in ${this.sheet.name}`);
    return style;
  }
  value(row: number, col: number): DumpedCell[3] | undefined {
    return this.cell(row, col)?.[3];
  }
  get maxRow(): number {
    return Math.max(0, ...this.sheet.cells.map((c) => c[0]));
  }
  /** The first row whose column `col` holds exactly `text`. */
  findRow(text: string, col = 1, from = 1): number {
    for (let r = from; r <= this.maxRow; r++) if (this.value(r, col) === text) return r;
    throw new Error(`“${text}” not found in column ${col} of ${this.sheet.name}`);
  }
  row(r: number, cols: number): (DumpedCell[3] | undefined)[] {
    return Array.from({ length: cols }, (_, i) => this.value(r, i + 1));
  }
}

function soffice(args: string[], cwd: string): void {
  const profile = tempDir('ledger-lo-profile-');
  try {
    execFileSync('soffice', [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', ...args], {
      cwd,
      stdio: 'pipe',
      timeout: 120_000,
    });
  } finally {
    // A LibreOffice profile is several megabytes; one per run would fill /tmp.
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * Converts every sheet of a workbook to CSV with LibreOffice (values as
 * shown, UTF-8), returning sheet name → rows of cells.
 */
export function libreOfficeCsv(path: string): Map<string, string[][]> {
  const out = tempDir('ledger-lo-csv-');
  // Token 12 = -1: one CSV file per sheet (LibreOffice 7.2+); 76 = UTF-8; token 9 true = as shown.
  soffice(
    [
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1',
      '--outdir',
      out,
      path,
    ],
    out,
  );
  const sheets = new Map<string, string[][]>();
  for (const file of readdirSync(out)) {
    const m = /-([^-]+)\.csv$/.exec(file);
    if (!m) continue;
    sheets.set(m[1]!, parseCsv(readFileSync(join(out, file), 'utf8')));
  }
  return sheets;
}

/** LibreOffice reads the workbook and writes it again as .xlsx: what it understood, for openpyxl. */
export function libreOfficeRoundTrip(path: string): string {
  const out = tempDir('ledger-lo-xlsx-');
  soffice(['--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, path], out);
  const file = readdirSync(out).find((f) => f.endsWith('.xlsx'));
  if (!file) throw new Error('LibreOffice wrote no .xlsx');
  return join(out, file);
}

/** LibreOffice to PDF, then the first page to PNG with pdftoppm. Returns the PNG path. */
export function renderFirstPage(path: string, pngPath: string): string {
  const out = tempDir('ledger-lo-pdf-');
  soffice(['--convert-to', 'pdf', '--outdir', out, path], out);
  const pdf = readdirSync(out).find((f) => f.endsWith('.pdf'));
  if (!pdf) throw new Error('LibreOffice wrote no PDF');
  mkdirSync(resolve(pngPath, '..'), { recursive: true });
  const stem = pngPath.replace(/\.png$/, '');
  execFileSync('pdftoppm', ['-r', '110', '-png', '-singlefile', '-f', '1', '-l', '1', join(out, pdf), stem]);
  return `${stem}.png`;
}

export interface PdfPage {
  /** Page size in points (A4 portrait is 595 × 842). */
  width: number;
  height: number;
  /** Heights of the words on the page in points: the printed font size, roughly 1.2 × the em size. */
  wordHeights: number[];
  /** The page's text, for finding which sheet it belongs to. */
  text: string;
}

/**
 * Prints the workbook to PDF with LibreOffice, as a user would with 打印 →
 * PDF, and reads back every page's size and words (poppler's pdftotext
 * -bbox). With `pngDir`, every page is also drawn to `<stem>-N.png`.
 */
export function libreOfficePrint(path: string, pngDir?: string, stem = 'page'): PdfPage[] {
  const out = tempDir('ledger-lo-pdf-');
  soffice(['--convert-to', 'pdf', '--outdir', out, path], out);
  const pdfName = readdirSync(out).find((f) => f.endsWith('.pdf'));
  if (!pdfName) throw new Error('LibreOffice wrote no PDF');
  const pdf = join(out, pdfName);
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const pages: PdfPage[] = [];
  for (const m of html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const words = [...m[3]!.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</g)];
    pages.push({
      width: Number(m[1]),
      height: Number(m[2]),
      wordHeights: words.map((w) => Number(w[2]) - Number(w[1])),
      text: words.map((w) => w[3]).join(' '),
    });
  }
  if (pngDir) {
    mkdirSync(pngDir, { recursive: true });
    execFileSync('pdftoppm', ['-r', '80', '-png', pdf, join(pngDir, stem)]);
  }
  return pages;
}

/** RFC 4180 CSV to rows (quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
