/**
 * Export actions: gather the records through the repositories, build the
 * workbook with the shared report code (loaded on first use, so exceljs is
 * not part of the start-up bundle) and hand the bytes to the platform, which
 * shows a save dialog on the desktop and downloads in the browser.
 */
import type { FieldSpec } from '../../../../shared/domain/fields';
import { todayIso } from '../../../../shared/domain/dates';
import { computeLightSince, LIGHT_LABELS, type LightResult } from '../../../../shared/domain/lights';
import type { Deal, LedgerKind, RecordOf } from '../../../../shared/domain/records';
import { toUnit, UNIT_LABELS } from '../../../../shared/domain/money';
import { openProblemsByDeal } from '../../../../shared/domain/problems';
import { fundTotalsByDeal } from '../../../../shared/domain/progress';
import type { ExtraColumn } from '../../../../shared/report/listExport';
import type { Period } from '../../../../shared/report/period';
import { reportFileName } from '../../../../shared/report/period';
import type { RefNames } from '../../../../shared/report/values';
import type { SaveFileResult } from '../../../../shared/contract';
import { repos, services } from '../../app/services';
import { ledgerSelectors } from '../../ledger/store';
import { getSettings } from '../settings/store';

const XLSX_FILTER = { name: 'Excel 工作簿', extensions: ['xlsx'] };
const CSV_FILTER = { name: 'CSV 文件（UTF-8）', extensions: ['csv'] };

export interface ReportChoice {
  period: Period;
  team?: string;
}

export function defaultReportName(choice: ReportChoice): string {
  return reportFileName(getSettings().orgName, choice.period, choice.team);
}

export async function exportSummaryReport(choice: ReportChoice): Promise<SaveFileResult> {
  const [input, report] = await Promise.all([
    ledgerSelectors.reportInput(),
    import('../../../../shared/report/summaryWriter'),
  ]);
  const settings = getSettings();
  const data = await report.summaryReportBytes(input, settings, {
    period: choice.period,
    team: choice.team,
    today: todayIso(),
  });
  return services().platform.saveFile({
    defaultName: defaultReportName(choice),
    filters: [XLSX_FILTER],
    data,
  });
}

export interface ListChoice<K extends LedgerKind> {
  title: string;
  kind: K;
  fields: readonly FieldSpec[];
  rows: readonly RecordOf<K>[];
  refs: RefNames;
  note?: string;
  /** Keys of the computed columns shown beside the fields (the list's 列 choice). */
  shownExtras: readonly string[];
  format: 'xlsx' | 'csv';
}

/** The light and its reason as two extra columns of a deal list (SPEC §3.2: shown and exported). */
async function dealLightColumns(shown: readonly string[]): Promise<ExtraColumn<Deal>[]> {
  const [lastFollowUp, problems, funds] = await Promise.all([
    repos().followUps.latestDates('deal'),
    repos().problems.all().then(openProblemsByDeal),
    repos().fundReports.all().then(fundTotalsByDeal),
  ]);
  const unit = getSettings().amountUnit;
  const total = (deal: Deal, kind: 'funds' | 'invested') => {
    const t = funds.get(deal.id)?.[kind];
    return t ? toUnit(t, unit) : null;
  };
  const today = todayIso();
  const thresholds = getSettings().lightThresholds;
  const cache = new Map<string, LightResult>();
  const light = (deal: Deal) => {
    let l = cache.get(deal.id);
    if (!l) {
      l = computeLightSince(deal, lastFollowUp.get(deal.id), today, thresholds, problems.get(deal.id));
      cache.set(deal.id, l);
    }
    return l;
  };
  const columns: ExtraColumn<Deal>[] = [
    { header: '亮灯', kind: 'text', value: (row) => LIGHT_LABELS[light(row).light] },
    { header: '亮灯原因', kind: 'text', value: (row) => light(row).reason || null },
  ];
  if (shown.includes('funds'))
    columns.push({
      header: `到位资金（${UNIT_LABELS[unit]}）`,
      kind: 'amount',
      value: (row) => total(row, 'funds'),
    });
  if (shown.includes('invested'))
    columns.push({
      header: `完成投资（${UNIT_LABELS[unit]}）`,
      kind: 'amount',
      value: (row) => total(row, 'invested'),
    });
  return columns;
}

const noColumns = async () => [];
/** Computed columns a kind's export adds after its fields. */
const EXTRA_COLUMNS: {
  [K in LedgerKind]: (shown: readonly string[]) => Promise<ExtraColumn<RecordOf<K>>[]>;
} = {
  deal: dealLightColumns,
  contact: noColumns,
  company: noColumns,
  event: noColumns,
};

export async function exportList<K extends LedgerKind>(choice: ListChoice<K>): Promise<SaveFileResult> {
  const extraOf: (shown: readonly string[]) => Promise<ExtraColumn<RecordOf<K>>[]> =
    EXTRA_COLUMNS[choice.kind];
  const [lib, extra] = await Promise.all([
    import('../../../../shared/report/listExport'),
    extraOf(choice.shownExtras),
  ]);
  const today = todayIso();
  const spec = {
    title: choice.title,
    fields: choice.fields,
    extra,
    rows: choice.rows,
    unit: getSettings().amountUnit,
    refs: choice.refs,
    note: choice.note,
    today,
  };
  const data = choice.format === 'xlsx' ? await lib.listToXlsx(spec) : lib.listToCsv(spec);
  return services().platform.saveFile({
    defaultName: lib.listFileName(choice.title, today, choice.format),
    filters: [choice.format === 'xlsx' ? XLSX_FILTER : CSV_FILTER],
    data,
  });
}
