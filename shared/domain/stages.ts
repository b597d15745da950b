/**
 * Deal stages and company statuses (SPEC §2.1, §2.3): the labels, the moves
 * allowed between them, and the dated history every move appends to.
 */
import { isIsoDate, todayIso } from './dates';
import type { CompanyStatus, DealStage, StageChange } from './records';
import { err, ok, type Result } from './result';
import { validateUscc } from './uscc';

export const DEAL_STAGE_LABELS: Record<DealStage, string> = {
  negotiating: '在谈',
  signed: '已签约',
  registered: '已注册',
  started: '已开工',
  producing: '已投产',
  on_hold: '暂缓',
  cancelled: '已终止',
};

/** The main path of a deal, in order; 暂缓 and 已终止 are side states. */
export const DEAL_MAIN_PATH: DealStage[] = ['negotiating', 'signed', 'registered', 'started', 'producing'];

export const COMPANY_STATUS_LABELS: Record<CompanyStatus, string> = {
  signed: '已签约',
  name_approved: '名称核准',
  registered: '已注册',
  moved_in: '已入驻',
  producing: '已投产',
  withdrawn: '已退出',
};

/** The main path of a company, in order; 已退出 is the side state. */
export const COMPANY_MAIN_PATH: CompanyStatus[] = [
  'signed',
  'name_approved',
  'registered',
  'moved_in',
  'producing',
];

/** Statuses that need a business licence: a valid USCC and a registration date. */
export const COMPANY_LICENSED_STATUSES: readonly CompanyStatus[] = ['registered', 'moved_in', 'producing'];

export const COMPANY_REGISTRATION_REQUIRED = '登记为已注册需要有效的统一社会信用代码和注册日期';

/**
 * Where a deal may go next: any later main-path stage (stages may be
 * skipped); 暂缓 or 已终止 from anywhere not terminal; from 暂缓 back to any
 * main-path stage or to 已终止. 已终止 is terminal.
 */
export function dealStageTargets(from: DealStage): DealStage[] {
  if (from === 'cancelled') return [];
  if (from === 'on_hold') return [...DEAL_MAIN_PATH, 'cancelled'];
  const i = DEAL_MAIN_PATH.indexOf(from);
  return [...DEAL_MAIN_PATH.slice(i + 1), 'on_hold', 'cancelled'];
}

/**
 * Where a company may go next: any later main-path status (steps may be
 * skipped), or 已退出 from any status but 已退出 itself, which is terminal.
 */
export function companyStatusTargets(from: CompanyStatus): CompanyStatus[] {
  if (from === 'withdrawn') return [];
  const i = COMPANY_MAIN_PATH.indexOf(from);
  return [...COMPANY_MAIN_PATH.slice(i + 1), 'withdrawn'];
}

/** The local calendar date of a recording timestamp (`at`), or the date itself. */
function dateOfTimestamp(at: string): string {
  // A bare date would parse as UTC midnight and could shift a day; take it as is.
  if (/^\d{4}-\d{2}-\d{2}$/.test(at)) return at;
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at.slice(0, 10) : todayIso(d);
}

/** The date checks shared by deals and companies. Null when the date is fine. */
function checkChangeDate<S extends string>(
  history: StageChange<S>[],
  date: string,
  at: string,
): string | null {
  if (!isIsoDate(date)) return `无法识别的日期：${date}`;
  const last = history.reduce<string | undefined>(
    (max, c) => (max === undefined || c.date > max ? c.date : max),
    undefined,
  );
  if (last !== undefined && date < last) return `日期不能早于上一次变更（${last}）`;
  if (date > dateOfTimestamp(at)) return '日期不能晚于今天';
  return null;
}

/**
 * Moves a deal to `to` on `date` (which may be back-dated, but not before the
 * last change and not after the day of `at`). Returns the history with the
 * new entry appended; the input array is not changed.
 */
export function changeDealStage(
  history: StageChange[],
  current: DealStage,
  to: DealStage,
  date: string,
  by: string,
  at: string,
): Result<StageChange[]> {
  if (to === current) return err(`阶段已是「${DEAL_STAGE_LABELS[to]}」`);
  if (!dealStageTargets(current).includes(to)) {
    return err(`不能从「${DEAL_STAGE_LABELS[current]}」改为「${DEAL_STAGE_LABELS[to]}」`);
  }
  const dateError = checkChangeDate(history, date, at);
  if (dateError !== null) return err(dateError);
  return ok([...history, { stage: to, date, by, at }]);
}

/**
 * Moves a company to `to` on `date`, with the same date rules as deals.
 * 已注册 and every status after it need a valid USCC and a registration date
 * on the company.
 */
export function changeCompanyStatus(
  company: {
    status: CompanyStatus;
    statusHistory: StageChange<CompanyStatus>[];
    uscc?: string;
    registeredDate?: string;
  },
  to: CompanyStatus,
  date: string,
  by: string,
  at: string,
): Result<StageChange<CompanyStatus>[]> {
  const from = company.status;
  if (to === from) return err(`状态已是「${COMPANY_STATUS_LABELS[to]}」`);
  if (!companyStatusTargets(from).includes(to)) {
    return err(`不能从「${COMPANY_STATUS_LABELS[from]}」改为「${COMPANY_STATUS_LABELS[to]}」`);
  }
  const dateError = checkChangeDate(company.statusHistory, date, at);
  if (dateError !== null) return err(dateError);
  if (COMPANY_LICENSED_STATUSES.includes(to)) {
    const usccOk = company.uscc !== undefined && validateUscc(company.uscc).ok;
    if (!usccOk || !isIsoDate(company.registeredDate)) return err(COMPANY_REGISTRATION_REQUIRED);
  }
  return ok([...company.statusHistory, { stage: to, date, by, at }]);
}

/** The earliest date the history reached `stage`, if it ever did. */
export function dealStageDate<S extends string = DealStage>(
  history: readonly StageChange<S>[],
  stage: S,
): string | undefined {
  let first: string | undefined;
  for (const c of history) {
    if (c.stage === stage && (first === undefined || c.date < first)) first = c.date;
  }
  return first;
}
