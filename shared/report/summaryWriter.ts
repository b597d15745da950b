/**
 * Writes the summary report (summaryModel.ts) as a styled workbook: the only
 * part of the report that knows exceljs beyond the shared sheet helpers.
 */
import ExcelJS from 'exceljs';
import { PROGRESS_TABLE_COLS } from './progressTables';
import {
  addListSheet,
  PAGE_FOOTER,
  printSetup,
  workbookBytes,
  writeLine,
  writeTable,
  writeTitle,
} from './sheet';
import {
  summaryReportSheets,
  type ReportInput,
  type ReportRequest,
  type ReportSettings,
  type SummaryReportSheets,
  type SummarySheet,
} from './summaryModel';

const SUMMARY_COLS = 5;
const ROW_HEIGHT = 20;

function writeSummarySheet(wb: ExcelJS.Workbook, s: SummarySheet): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(s.name, { pageSetup: printSetup('portrait'), headerFooter: PAGE_FOOTER });

  writeTitle(ws, 1, SUMMARY_COLS, s.title, 18);
  writeLine(ws, 2, 1, SUMMARY_COLS, s.period, { horizontal: 'center' });
  writeLine(ws, 3, 1, 3, s.org);
  writeLine(ws, 3, 4, SUMMARY_COLS, s.date, { horizontal: 'right' });
  ws.getRow(2).height = 20;
  ws.getRow(3).height = 20;

  let row = 5;
  for (const section of s.sections) {
    writeLine(ws, row, 1, SUMMARY_COLS, section.heading, { bold: true, size: 12 });
    ws.getRow(row).height = 22;
    row = writeTable(ws, row + 1, section.columns, section.rows, {
      totals: section.totals,
      rowHeight: ROW_HEIGHT,
    });
    if (section.totals) ws.mergeCells(row - 1, 1, row - 1, 2);
    row += 1;
  }

  writeLine(ws, row, 1, SUMMARY_COLS, s.signature);
  ws.getRow(row).height = 24;

  ws.getColumn(1).width = 7;
  ws.getColumn(2).width = 28;
  ws.getColumn(3).width = 14;
  ws.getColumn(4).width = 18;
  ws.getColumn(5).width = 40;
  // The 目标完成情况 tables are wider than the other sections.
  for (let c = SUMMARY_COLS + 1; c <= PROGRESS_TABLE_COLS; c++) ws.getColumn(c).width = 12;
  return ws;
}

/** The report's sheets as a styled exceljs workbook. */
export function summaryWorkbook(sheets: SummaryReportSheets): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = sheets.properties.creator;
  wb.title = sheets.properties.title;
  wb.created = sheets.properties.created;
  wb.modified = wb.created;
  writeSummarySheet(wb, sheets.summary);
  for (const list of sheets.lists) addListSheet(wb, list, { omitEmptyColumns: true });
  return wb;
}

/** The report's .xlsx bytes. */
export async function summaryReportBytes(
  input: ReportInput,
  settings: ReportSettings,
  req: ReportRequest,
): Promise<Uint8Array<ArrayBuffer>> {
  return workbookBytes(summaryWorkbook(summaryReportSheets(input, settings, req)));
}
