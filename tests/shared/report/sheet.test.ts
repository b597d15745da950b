import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { addListSheet, workbookBytes, type ListSheet } from '../../../shared/report/sheet';
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
