/**
 * Writes the weekly consultation pack (weeklyModel.ts) as a workbook laid out
 * like a county weekly sheet: title, 填报单位 and 日期, the tables one under
 * another, and the 审核人 footer.
 */
import ExcelJS from 'exceljs';
import type { Period } from './period';
import {
  fitRowHeights,
  isoToCellDate,
  textWidth,
  workbookBytes,
  writeLine,
  writeTable,
  writeTitle,
} from './sheet';
import { weeklyPack, type WeeklyPack, type WeeklySettings, type WeeklyTable } from './weeklyModel';
import type { OverviewInput } from '../domain/overview';

export const WEEKLY_SHEETS = { negotiating: '在谈项目', points: '会商要点' } as const;

function sheetFor(wb: ExcelJS.Workbook, name: string, landscape: boolean): ExcelJS.Worksheet {
  return wb.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
}

/** Writes title, 填报单位 and 日期, the tables one under another, and the footer. */
function writeTables(ws: ExcelJS.Worksheet, pack: WeeklyPack, title: string, tables: readonly WeeklyTable[]) {
  const cols = Math.max(...tables.map((t) => t.columns.length), 6);
  writeTitle(ws, 1, cols, title, 16);
  writeLine(ws, 2, 1, Math.ceil(cols / 2), pack.org);
  writeLine(ws, 2, Math.ceil(cols / 2) + 1, cols, pack.date, { horizontal: 'right' });
  ws.getRow(2).height = 20;
  let row = 4;
  const widths: number[] = [];
  for (const t of tables) {
    writeLine(ws, row, 1, cols, t.heading, { bold: true, size: 12 });
    ws.getRow(row).height = 22;
    const rows = t.rows.length ? t.rows : [[null, t.empty]];
    const end = writeTable(ws, row + 1, t.columns, rows);
    t.columns.forEach((c, i) => {
      let w = Math.max(c.minWidth ?? 8, textWidth(c.header));
      for (const r of rows) {
        const v = r[i];
        if (typeof v === 'string') w = Math.max(w, textWidth(v));
      }
      widths[i] = Math.max(widths[i] ?? 0, Math.min(w + 2, c.maxWidth ?? 30));
    });
    row = end + 1;
  }
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  // Wrapped text grows its rows; headings and the title keep theirs.
  row = 4;
  for (const t of tables) {
    const rows = t.rows.length ? t.rows : [[null, t.empty]];
    fitRowHeights(ws, t.columns, rows, row + 2);
    row += rows.length + 3;
  }
  writeLine(ws, row, 1, cols, pack.footer);
  ws.getRow(row).height = 28;
}

export function weeklyWorkbook(pack: WeeklyPack): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = pack.org.replace(/^填报单位：/, '');
  wb.title = pack.title;
  wb.created = isoToCellDate(pack.week.to) ?? new Date(0);
  wb.modified = wb.created;
  writeTables(sheetFor(wb, WEEKLY_SHEETS.negotiating, true), pack, `${pack.title}（在谈项目）`, pack.teams);
  writeTables(sheetFor(wb, WEEKLY_SHEETS.points, true), pack, `${pack.title}（会商要点）`, pack.sections);
  return wb;
}

export async function weeklyPackBytes(
  input: OverviewInput,
  settings: WeeklySettings,
  req: { week: Period; today: string },
): Promise<Uint8Array<ArrayBuffer>> {
  return workbookBytes(weeklyWorkbook(weeklyPack(input, settings, req)));
}
