import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addListSheet,
  safeText,
  textWidth,
  workbookBytes,
  type ListSheet,
} from '../../../shared/report/sheet';
import { dumpXlsx, SheetView, writeTemp } from '../../support/spreadsheet';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * Every kind of column, with the awkward cells first: cells sharing one style
 * object get the style id of the first cell written with it, so an empty
 * first cell must not decide how the dates and amounts below it look.
 */
const TABLE: ListSheet = {
  name: '样表',
  title: '样表标题',
  subtitle: '单位：万元',
  columns: [
    { header: '序号', kind: 'index' },
    { header: '名称', kind: 'text' },
    { header: '金额（万元）', kind: 'amount' },
    { header: '日期', kind: 'date' },
    { header: '个数', kind: 'int' },
    { header: '占比', kind: 'percent' },
    { header: '面积', kind: 'decimal' },
  ],
  rows: [
    [1, '甲', null, null, null, null, null],
    [2, day('2017-10-12'), 12.5, day('2017-10-12'), 3, 0.25, 1.5],
    [3, '乙', 7, '待定', 4, null, 2],
  ],
  totals: ['合计', '3个', 19.5, null, 7, 1, 3.5],
};

async function written(sheets: ListSheet[]): Promise<SheetView[]> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) addListSheet(wb, s);
  const path = writeTemp(await workbookBytes(wb), 'sheet.xlsx');
  return dumpXlsx(path, { styles: true }).map((s) => new SheetView(s));
}

describe('list sheet look, read back with openpyxl', () => {
  it('styles the title, header, every kind of data cell and the totals row', async () => {
    const [v] = await written([TABLE]);
    const s = v!.style.bind(v);
    expect(s(1, 1)).toMatchObject({ font: '黑体', size: 16, bold: true, horizontal: 'center' });
    expect(v!.sheet.merged).toContain('A1:G1');
    expect(s(2, 1)).toMatchObject({ font: '宋体', bold: false, horizontal: 'left' });

    for (let c = 1; c <= 7; c++) {
      expect(s(3, c), `header ${c}`).toMatchObject({
        font: '宋体',
        size: 11,
        bold: true,
        fill: 'FFEFEFEF',
        horizontal: 'center',
        vertical: 'center',
        wrap: true,
        border: 'thin',
      });
    }

    for (let r = 4; r <= 6; r++) {
      for (let c = 1; c <= 7; c++) {
        expect(s(r, c), `data ${r}:${c}`).toMatchObject({
          font: '宋体',
          size: 11,
          bold: false,
          fill: null,
          border: 'thin',
        });
      }
    }
    // The first data row: empty typed cells keep their border and alignment, no format.
    expect(s(4, 2)).toMatchObject({ horizontal: 'left', wrap: true, numFmt: 'General' });
    expect(s(4, 3)).toMatchObject({ horizontal: 'right', wrap: false, numFmt: 'General' });
    expect(s(4, 4)).toMatchObject({ horizontal: 'center', numFmt: 'General' });

    // Below it every typed value has its column's format.
    expect(s(5, 3)).toMatchObject({ numFmt: '#,##0.00', horizontal: 'right' });
    expect(s(6, 3)).toMatchObject({ numFmt: '#,##0.00', horizontal: 'right' });
    expect(s(5, 4)).toMatchObject({ numFmt: 'yyyy-mm-dd', isDate: true, horizontal: 'center' });
    expect(v!.cell(5, 4)?.slice(2, 4)).toEqual(['d', '2017-10-12']);
    expect(s(5, 5)).toMatchObject({ numFmt: '#,##0', horizontal: 'right' });
    expect(s(5, 6)).toMatchObject({ numFmt: '0.0%', horizontal: 'center' });
    expect(s(5, 7)).toMatchObject({ numFmt: '#,##0.##', horizontal: 'right' });
    // A date in a text column is still a date, and text in a date column plain text.
    expect(s(5, 2)).toMatchObject({ isDate: true, horizontal: 'left', wrap: true });
    expect(v!.cell(5, 2)?.slice(2, 4)).toEqual(['d', '2017-10-12']);
    expect(s(6, 4)).toMatchObject({ numFmt: 'General', isDate: false });
    expect(v!.value(6, 4)).toBe('待定');

    // Totals: bold throughout, its text centred, its figures formatted like the column.
    for (let c = 1; c <= 7; c++) expect(s(7, c), `totals ${c}`).toMatchObject({ bold: true, border: 'thin' });
    expect(s(7, 1)).toMatchObject({ horizontal: 'center', wrap: false });
    expect(s(7, 2)).toMatchObject({ horizontal: 'center', wrap: false });
    expect(s(7, 3)).toMatchObject({ numFmt: '#,##0.00', horizontal: 'right' });
    expect(s(7, 4)).toMatchObject({ numFmt: 'General', horizontal: 'center' });
    expect(s(7, 6)).toMatchObject({ numFmt: '0.0%' });
    expect(v!.sheet.freeze).toBe('A4');
  });

  it('looks the same when written again, and beside another table', async () => {
    const other: ListSheet = {
      ...TABLE,
      name: '另表',
      rows: [[1, '丙', 5, day('2018-01-02'), 1, 0.5, 1]],
      totals: undefined,
    };
    const first = await written([TABLE]);
    const [again, beside] = await written([TABLE, other]);
    expect(again!.sheet.styles).toEqual(first[0]!.sheet.styles);
    expect(beside!.style(4, 3)).toMatchObject({ numFmt: '#,##0.00', bold: false });
    expect(beside!.style(4, 4)).toMatchObject({ numFmt: 'yyyy-mm-dd', bold: false });
  });
});

/** The width rule stated character by character, as the spec of textWidth. */
function widthByCharacter(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      c >= 0x20000;
    w += wide ? 2 : 1;
  }
  return w;
}

// Any UTF-16 units, lone surrogates included, weighted towards the ranges that matter.
const units = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 0xffff }),
      fc.integer({ min: 0x4e00, max: 0x9fff }),
      fc.integer({ min: 0xd800, max: 0xdfff }),
      fc.constantFrom(0x1100, 0x115f, 0x2e80, 0xa4cf, 0xac00, 0xd7a3, 0xf900, 0xfaff, 0xff60, 0xffe6, 0xfffe),
    ),
    { maxLength: 40 },
  )
  .map((codes) => String.fromCharCode(...codes));
const text = fc.oneof(units, fc.string({ unit: 'binary', maxLength: 40 }));

describe('cell text', () => {
  it('measures CJK, full-width and astral characters as two cells, others as one', () => {
    expect(textWidth('成都小金鹿童鞋有限公司')).toBe(22);
    expect(textWidth('ABC 123')).toBe(7);
    expect(textWidth('\u{20000}\u{1F600}')).toBe(3);
    fc.assert(fc.property(text, (s) => textWidth(s) === widthByCharacter(s)));
  });

  it('never measures wider than two cells per UTF-16 unit', () => {
    fc.assert(fc.property(text, (s) => textWidth(s) <= 2 * s.length));
  });

  it('drops what XML cannot carry and keeps everything else', () => {
    expect(safeText('甲\u0001乙\uFFFF丙\uD800丁\u{20000}\t\n')).toBe('甲乙丙丁\u{20000}\t\n');
    expect(safeText('x'.repeat(40_000))).toHaveLength(32767);
    // Stated by character: lone surrogates, C0 controls other than tab and line breaks, U+FFFE and U+FFFF go.
    const allowed = (ch: string) => {
      const c = ch.codePointAt(0)!;
      const lone = ch.length === 1 && c >= 0xd800 && c <= 0xdfff;
      const control = c <= 0x08 || c === 0x0b || c === 0x0c || (c >= 0x0e && c <= 0x1f);
      return !lone && !control && c !== 0xfffe && c !== 0xffff;
    };
    fc.assert(fc.property(text, (s) => safeText(s) === Array.from(s).filter(allowed).join('')));
  });
});
