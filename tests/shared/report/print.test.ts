/**
 * The printed report: every sheet of the summary report and of a list
 * export carries its page setup (A4, fit to one page wide, header rows
 * repeated on every page), and LibreOffice prints it that way with a font
 * that can still be read. The pages are drawn to tests/.artifacts/print/.
 */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEAL_FIELDS } from '../../../shared/domain/fields';
import { listToXlsx } from '../../../shared/report/listExport';
import { SHEET_NAMES } from '../../../shared/report/summaryModel';
import { summaryReportBytes } from '../../../shared/report/summaryWriter';
import { generateSample } from '../../../shared/sample/generate';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import {
  dumpXlsx,
  libreOfficePrint,
  writeTemp,
  type DumpedSheet,
  type PdfPage,
} from '../../support/spreadsheet';
import { settings } from './fixture';

const ARTIFACTS = resolve(import.meta.dirname, '../../.artifacts/print');
const TODAY = '2026-10-15';
const A4 = { short: 595, long: 842 };
const sample = generateSample({ today: TODAY });
const input = { ...sample, deals: sample.deals };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** Each sheet prints on A4, one page wide, its header rows repeated, with margins an office printer keeps. */
function expectPageSetup(sheet: DumpedSheet, headerRows: string | null): void {
  const p = sheet.print;
  expect(p.paperSize, `${sheet.name}: A4`).toBe(9);
  expect(p.orientation, `${sheet.name}: orientation`).toMatch(/^(portrait|landscape)$/);
  expect(p.fitToPage, `${sheet.name}: fit to page`).toBe(true);
  expect(p.fitToWidth, `${sheet.name}: one page wide`).toBe(1);
  expect(p.fitToHeight, `${sheet.name}: as many pages tall as needed`).toBe(0);
  expect(p.printTitleRows, `${sheet.name}: print titles`).toBe(headerRows);
  for (const side of ['left', 'right', 'top', 'bottom'] as const) {
    expect(p.margins[side], `${sheet.name}: ${side} margin`).toBeGreaterThanOrEqual(0.3);
    expect(p.margins[side], `${sheet.name}: ${side} margin`).toBeLessThanOrEqual(1);
  }
}

function expectReadable(pages: PdfPage[], what: string): void {
  expect(pages.length, `${what}: pages`).toBeGreaterThan(0);
  for (const [i, page] of pages.entries()) {
    const portrait = page.width < page.height;
    const [w, h] = portrait ? [page.width, page.height] : [page.height, page.width];
    expect(Math.round(w), `${what} page ${i + 1}: A4`).toBe(A4.short);
    expect(Math.round(h), `${what} page ${i + 1}: A4`).toBe(A4.long);
    if (page.wordHeights.length < 20) continue; // a signature line or the last few rows
    // 宋体 11 pt printed at 100% gives words about 13 pt tall; below about 7 pt
    // (a 6 pt font) a page held at arm's length is hard to read.
    expect(median(page.wordHeights), `${what} page ${i + 1}: font size`).toBeGreaterThanOrEqual(7);
  }
}

describe('the summary report prints readably', () => {
  let sheets: DumpedSheet[];
  let pages: PdfPage[];
  beforeAll(async () => {
    const bytes = await summaryReportBytes(input, settings, {
      period: { from: '2026-01-01', to: '2026-12-31' },
      today: TODAY,
    });
    const path = writeTemp(bytes, '招商引资汇总表.xlsx');
    sheets = dumpXlsx(path);
    pages = libreOfficePrint(path, ARTIFACTS, 'report');
  }, 180_000);

  it('sets up every sheet for printing: A4, one page wide, header rows repeated', () => {
    expect(sheets.map((s) => s.name)).toEqual(Object.values(SHEET_NAMES));
    for (const sheet of sheets) expectPageSetup(sheet, sheet.name === SHEET_NAMES.summary ? null : '$3:$3');
  });

  it('签约项目明细 prints only the columns that carry data', () => {
    const deals = sheets.find((s) => s.name === SHEET_NAMES.deals)!;
    const headers = deals.cells.filter((c) => c[0] === 3).map((c) => [c[1], String(c[3])] as const);
    const filled = new Set(deals.cells.filter((c) => c[0] > 3).map((c) => c[1]));
    const empty = headers.filter(([col]) => !filled.has(col)).map(([, h]) => h);
    expect(empty, 'columns with a header and no data').toEqual([]);
    for (const h of ['项目名称', '投资方', '招商组团', '签约日期', '亮灯'])
      expect(headers.map((x) => x[1])).toContain(h);
  });

  it('prints on A4 pages with a legible font, one page wide, the header on every page', () => {
    expectReadable(pages, 'summary report');
    // 签约项目明细 runs over several pages, each starting with the header row.
    const dealPages = pages.filter((p) => p.text.includes('协议投资额') && p.text.includes('项目名称'));
    expect(dealPages.length).toBeGreaterThan(1);
    // One page wide: no page holds only the right-hand columns of a sheet.
    for (const p of pages.filter((x) => x.text.includes('亮灯原因'))) expect(p.text).toContain('项目名称');
  });
});

describe('a list export prints readably', () => {
  it('carries the same page setup and prints one page wide on A4', async () => {
    // The deal list's usual columns, as a user exports them from the list.
    const keys = [
      'name',
      'investor',
      'industry',
      'team',
      'signedDate',
      'agreedInvestment',
      'stage',
      'leader',
    ];
    const bytes = await listToXlsx({
      title: '签约项目',
      fields: keys.map((k) => DEAL_FIELDS.find((f) => f.key === k)!),
      rows: input.deals as unknown as Record<string, unknown>[],
      unit: DEFAULT_SETTINGS.amountUnit,
      refs: { events: new Map(input.events.map((e) => [e.id, e.name])), deals: new Map() },
      today: TODAY,
    });
    const path = writeTemp(bytes, '签约项目.xlsx');
    const [sheet] = dumpXlsx(path);
    expectPageSetup(sheet!, '$3:$3');
    expectReadable(libreOfficePrint(path, ARTIFACTS, 'list'), 'list export');
  }, 180_000);
});
