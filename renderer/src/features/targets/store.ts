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

/** 目标完成 for a period, from the same function the report uses. */
export function useProgress(period: Period): Progress | undefined {
  const teams = useSettingsTeams();
  return useLiveQuery(async () => {
    const r = repos();
    const [deals, fundReports, targets] = await Promise.all([
      r.deals.list(),
      r.fundReports.all(),
      r.targets.all(),
    ]);
    return computeProgress({ deals, fundReports, targets }, period, { teams });
  }, [period.from, period.to, teams]);
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

interface TargetsUiState {
  problemFilter: ProblemFilter;
  setProblemFilter(patch: Partial<ProblemFilter>): void;
  /** Any day of the weekly pack's week. */
  weekDay: string;
  setWeekDay(day: string): void;
  weeklyOpen: boolean;
  openWeekly(): void;
  closeWeekly(): void;
}

export const useTargetsUi = create<TargetsUiState>()((set) => ({
  problemFilter: { status: 'unresolved' },
  setProblemFilter: (patch) => set((s) => ({ problemFilter: { ...s.problemFilter, ...patch } })),
  weekDay: todayIso(),
  setWeekDay: (weekDay) => set({ weekDay }),
  weeklyOpen: false,
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
        value: (r) => problemOverdueDays(r as unknown as Problem, today) || null,
      },
    ],
    rows: rows as unknown as Record<string, unknown>[],
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
