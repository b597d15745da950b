/**
 * Targets, funds in place and problems (SPEC §10): the live reads the pages
 * show, the actions that write through the repositories, and the state of
 * the problem list's filters and the weekly pack's week. Components call
 * these and never reach the repositories themselves.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { create } from 'zustand';
import { todayIso } from '../../../../shared/domain/dates';
import { computeProgress, type Progress } from '../../../../shared/domain/progress';
import { problemOverdueDays, type ProblemFilter } from '../../../../shared/domain/problems';
import { PROBLEM_FIELDS, PROBLEM_KIND_LABELS, PROBLEM_STATUS_LABELS } from '../../../../shared/domain/fields';
import type { FundReport, Problem, Target } from '../../../../shared/domain/records';
import type { Period } from '../../../../shared/report/period';
import type { SaveFileResult } from '../../../../shared/contract';
import type { Cell } from '../../../../shared/excel/workbook';
import type { Settings } from '../../../../shared/settings';
import { repos, services } from '../../app/services';
import type { TargetRow } from '../../db/repositories/targets';
import { getSettings, useSettingsStore } from '../settings/store';

const XLSX_FILTER = { name: 'Excel 工作簿', extensions: ['xlsx'] };

// ---- reads -------------------------------------------------------------

export function useTargetsOfYear(year: number): Target[] | undefined {
  return useLiveQuery(() => repos().targets.forYear(year), [year]);
}

export function useFundReports(dealId: string): FundReport[] | undefined {
  return useLiveQuery(() => repos().fundReports.forDeal(dealId), [dealId]);
}

export function useDealProblems(dealId: string): Problem[] | undefined {
  return useLiveQuery(() => repos().problems.forDeal(dealId), [dealId]);
}

export function useAllProblems(): Problem[] | undefined {
  return useLiveQuery(() => repos().problems.all(), []);
}

export function useAllFundReports(enabled = true): FundReport[] | undefined {
  return useLiveQuery(() => (enabled ? repos().fundReports.all() : undefined), [enabled]);
}

/** 目标完成 for a period as the overview shows it, from the same function the report uses. */
export async function progressOf(
  period: Period,
  settings: { teams: readonly string[]; teamAliases: Settings['teamAliases'] },
): Promise<Progress> {
  const r = repos();
  // The derived rows carry every deal field and the monthly 到位资金 the progress
  // figures read: no full deal and no fund report is loaded.
  const [{ deals, fundReports }, targets] = await Promise.all([r.facts.progressInput(), r.targets.all()]);
  return computeProgress({ deals, fundReports, targets }, period, {
    teams: settings.teams,
    teamAliases: settings.teamAliases,
  });
}

export function useProgress(period: Period): Progress | undefined {
  const teams = useSettingsTeams();
  const teamAliases = useSettingsStore((s) => s.settings.teamAliases);
  return useLiveQuery(
    () => progressOf(period, { teams, teamAliases }),
    [period.from, period.to, teams, teamAliases],
  );
}

function useSettingsTeams(): readonly string[] {
  return useSettingsStore((s) => s.settings.teams);
}

// ---- actions -----------------------------------------------------------

export function saveTargets(year: number, rows: readonly TargetRow[]): Promise<number> {
  return repos().targets.setYear(year, rows);
}

export function addFundReport(dealId: string, input: Record<string, unknown>): Promise<FundReport> {
  return repos().fundReports.add(dealId, input);
}

export function removeFundReport(id: string): Promise<FundReport> {
  return repos().fundReports.remove(id);
}

export function raiseProblem(dealId: string, input: Record<string, unknown>): Promise<Problem> {
  return repos().problems.raise(dealId, input);
}

export function updateProblem(id: string, patch: Record<string, unknown>): Promise<Problem> {
  return repos().problems.update(id, patch);
}

export function resolveProblem(id: string, resolution: string, date?: string): Promise<Problem> {
  return repos().problems.resolve(id, resolution, date);
}

export function removeProblem(id: string): Promise<Problem> {
  return repos().problems.remove(id);
}

/** The weekly pack's workbook for a week, through the platform's save dialog. */
export async function exportWeeklyPack(week: Period): Promise<SaveFileResult> {
  const [input, writer, model] = await Promise.all([
    weeklyInput(),
    import('../../../../shared/report/weeklyWriter'),
    import('../../../../shared/report/weeklyModel'),
  ]);
  const settings = getSettings();
  const data = await writer.weeklyPackBytes(input, settings, { week, today: todayIso() });
  return services().platform.saveFile({
    defaultName: model.weeklyFileName(settings.orgName, week),
    filters: [XLSX_FILTER],
    data,
  });
}

/** What the weekly pack is computed from (also for the printable page). */
export async function weeklyInput() {
  const r = repos();
  const [deals, companies, events, followUps, problems] = await Promise.all([
    r.deals.list(),
    r.companies.list(),
    r.events.list(),
    r.followUps.all(),
    r.problems.all(),
  ]);
  return { deals, companies, events, followUps, problems };
}

// ---- page state ----------------------------------------------------------

export interface TargetsUiState {
  problemFilter: ProblemFilter;
  /** Any day of the weekly pack's week; null until chosen, which means this week (see weekDayOf). */
  weekDay: string | null;
  weeklyOpen: boolean;
}

export const initialState: TargetsUiState = {
  problemFilter: { status: 'unresolved' },
  weekDay: null,
  weeklyOpen: false,
};

interface TargetsUiActions {
  setProblemFilter(patch: Partial<ProblemFilter>): void;
  setWeekDay(day: string): void;
  openWeekly(): void;
  closeWeekly(): void;
  reset(): void;
}

/** The weekly pack's day: the one chosen, else today (asked of the clock when read, not at load). */
export const weekDayOf = (s: Pick<TargetsUiState, 'weekDay'>): string => s.weekDay ?? todayIso();

export const useTargetsUi = create<TargetsUiState & TargetsUiActions>()((set) => ({
  ...initialState,
  setProblemFilter: (patch) => set((s) => ({ problemFilter: { ...s.problemFilter, ...patch } })),
  setWeekDay: (weekDay) => set({ weekDay }),
  reset: () => set(initialState),
  openWeekly: () => set({ weeklyOpen: true }),
  closeWeekly: () => set({ weeklyOpen: false }),
}));

/** The problem list as shown, as a workbook: the fields, the project and the days overdue. */
export async function exportProblems(
  rows: readonly Problem[],
  dealName: ReadonlyMap<string, string>,
  filter: ProblemFilter,
): Promise<SaveFileResult> {
  const lib = await import('../../../../shared/report/listExport');
  const today = todayIso();
  const settings = getSettings();
  const note = [
    filter.status &&
      `状态：${filter.status === 'unresolved' ? '未解决' : PROBLEM_STATUS_LABELS[filter.status]}`,
    filter.unit && `责任单位：${filter.unit}`,
    filter.kind && `类别：${PROBLEM_KIND_LABELS[filter.kind]}`,
    filter.overdue !== undefined && (filter.overdue ? '已逾期' : '未逾期'),
  ]
    .filter(Boolean)
    .join('；');
  const data = await lib.listToXlsx({
    title: '问题台账',
    fields: PROBLEM_FIELDS,
    extra: [
      { header: '项目名称', kind: 'text', value: (r) => dealName.get(String(r.dealId)) ?? '（项目已删除）' },
      {
        header: '逾期天数',
        kind: 'int',
        value: (r) => problemOverdueDays(r, today) || null,
      },
    ],
    rows,
    unit: settings.amountUnit,
    refs: { events: new Map(), deals: new Map() },
    note: note || undefined,
    today,
  });
  return services().platform.saveFile({
    defaultName: lib.listFileName('问题台账', today, 'xlsx'),
    filters: [XLSX_FILTER],
    data,
  });
}

const SHEET_FILTER = { name: 'Excel 表格', extensions: ['xlsx', 'xls', 'csv', 'et', 'ods'] };

/** The first readable sheet of a file the user picks, or null when cancelled; throws with a Chinese message. */
async function pickSheet(): Promise<{
  name: string;
  rows: Cell[][];
} | null> {
  const r = await services().platform.openFile({ filters: [SHEET_FILTER], maxBytes: 50 * 1024 * 1024 });
  if (!r.ok) {
    if (r.reason === 'cancelled') return null;
    throw new Error(r.message ?? '无法读取所选文件');
  }
  const { readWorkbook } = await import('../../../../shared/excel/workbook');
  const wb = readWorkbook(r.data, r.name);
  if (!wb.ok) throw new Error(wb.error);
  const sheet = wb.value.sheets.find((s) => !s.error && s.rows.length);
  if (!sheet) throw new Error(wb.value.sheets[0]?.error ?? '文件中没有可读取的工作表');
  return { name: r.name, rows: sheet.rows };
}

/** Targets of a year from a sheet like the ones offices receive; the grid's teams and the county. */
export async function importTargetsSheet(year: number): Promise<number | null> {
  const sheet = await pickSheet();
  if (!sheet) return null;
  const { readTargetSheet } = await import('../../../../shared/excel/progressSheets');
  const read = readTargetSheet(sheet.rows);
  if (!read.ok) throw new Error(read.message);
  return saveTargets(
    year,
    read.rows.map((r) => ({ team: r.team, values: r.values })),
  );
}

/** 到位资金 / 完成投资 by project and month from a sheet. */
export async function importFundsSheet(): Promise<number | null> {
  const sheet = await pickSheet();
  if (!sheet) return null;
  const { readFundSheet } = await import('../../../../shared/excel/progressSheets');
  const read = readFundSheet(sheet.rows);
  if (!read.ok) throw new Error(read.message);
  return repos().fundReports.importByName(read.rows, `导入：${sheet.name}`.slice(0, 200));
}
