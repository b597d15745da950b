/**
 * The facts a row states beyond its fields (SPEC §4 "Every fact in a row
 * arrives"): the status or stage it has reached and the dates of each step.
 * A company with a valid USCC and a registration date is 已注册; dates of name
 * approval, moving in and production take it further; a status column is
 * read and checked against those facts. Deals the same with 阶段/进展 and
 * 开工/投产 dates. Pure: the repository applies the result.
 */
import type { FieldSpec } from '../domain/fields';
import type { CompanyStatus, DealStage, StageChange } from '../domain/records';
import {
  COMPANY_LICENSED_STATUSES,
  COMPANY_MAIN_PATH,
  COMPANY_STATUS_LABELS,
  DEAL_MAIN_PATH,
  DEAL_STAGE_LABELS,
} from '../domain/stages';
import { toHalfWidth } from '../domain/text';
import type { ImportKind } from './synonyms';

/**
 * Columns that carry facts rather than fields of the record: read from the
 * sheet, never written as they are. Keys do not collide with record fields.
 */
export const FACT_FIELDS: Record<ImportKind, FieldSpec[]> = {
  deal: [
    { key: 'stageText', label: '项目阶段', type: 'text' },
    { key: 'startedDate', label: '实际开工日期', type: 'date' },
    { key: 'producingDate', label: '投产日期', type: 'date' },
    { key: 'contactText', label: '联系人及电话', type: 'text' },
  ],
  contact: [],
  company: [
    { key: 'statusText', label: '注册状态', type: 'text' },
    { key: 'nameApprovedDate', label: '名称核准日期', type: 'date' },
    { key: 'movedInDate', label: '入驻日期', type: 'date' },
    { key: 'producingDate', label: '投产日期', type: 'date' },
    { key: 'contactText', label: '联系人及电话', type: 'text' },
  ],
  event: [],
};

export const isFactField = (kind: ImportKind, key: string): boolean =>
  FACT_FIELDS[kind].some((f) => f.key === key);

export interface ProgressStep {
  stage: string;
  date: string;
}

/** Where a row's record will stand, and why, for the preview and the write. */
export interface RowProgress {
  status: string;
  /** Dated steps past the first one, in path order. */
  steps: ProgressStep[];
  /** 「已注册：有信用代码和注册日期」 */
  reason: string;
}

export interface FactProblem {
  field?: string;
  level: 'warning';
  message: string;
}

const norm = (s: string): string => toHalfWidth(s).replace(/\s+/g, '');

const NEGATED = /(未|没有|尚未|无|待|暂未|不)$/;

/** Whether `text` says the step named by one of `words` happened (not 未开工). */
function says(text: string, words: readonly string[]): boolean {
  for (const w of words) {
    let at = text.indexOf(w);
    while (at >= 0) {
      if (!NEGATED.test(text.slice(Math.max(0, at - 2), at))) return true;
      at = text.indexOf(w, at + 1);
    }
  }
  return false;
}

const COMPANY_WORDS: [CompanyStatus, string[]][] = [
  ['withdrawn', ['已退出', '退出', '已注销', '注销', '迁出', '已迁走']],
  ['producing', ['已投产', '投产', '生产中', '正式生产']],
  ['moved_in', ['已入驻', '入驻', '进驻', '入园']],
  ['registered', ['已注册', '注册', '已办照', '领照', '已登记', '已领取营业执照', '营业执照']],
  ['name_approved', ['名称核准', '核准', '核名']],
  ['signed', ['已签约', '签约']],
];

const DEAL_WORDS: [DealStage, string[]][] = [
  ['cancelled', ['已终止', '终止', '取消', '已退出']],
  ['on_hold', ['暂缓', '停滞', '搁置']],
  ['producing', ['已投产', '投产', '竣工']],
  ['started', ['已开工', '开工', '在建', '建设中', '动工', '施工']],
  ['registered', ['已注册', '注册']],
  ['signed', ['已签约', '签约']],
  ['negotiating', ['在谈', '洽谈', '对接']],
];

/** The company status a status cell names (是/否 for a 是否注册 column), or null. */
export function parseCompanyStatus(text: string): CompanyStatus | null {
  const t = norm(text);
  if (!t) return null;
  if (/^(是|已|有|√|✓|y|yes)$/i.test(t)) return 'registered';
  if (/^(否|无|未|×|x|n|no)$/i.test(t) || /^(未|尚未|待|暂未)(注册|办照|登记)/.test(t)) return 'signed';
  for (const [status, words] of COMPANY_WORDS) if (says(t, words)) return status;
  return null;
}

/** The deal stage a 阶段/进展 cell names, or null. */
export function parseDealStage(text: string): DealStage | null {
  const t = norm(text);
  if (!t) return null;
  for (const [stage, words] of DEAL_WORDS) if (says(t, words)) return stage;
  return null;
}

export interface FactInput {
  kind: ImportKind;
  /** The converted record input (signedDate, uscc, registeredDate, plannedStartDate, notes…). */
  input: Record<string, unknown>;
  /** Converted fact columns (dates as ISO, texts trimmed). */
  facts: Record<string, string>;
  /** The sheet's as-of date (截至2017年10月31日), for steps a status column names without a date. */
  asOf?: string;
  /** Today, local: no step is dated later. */
  today: string;
}

interface Built<S extends string> {
  progress: RowProgress;
  problems: FactProblem[];
  /** Input fields the facts take over (a 开工时间 that is the actual start, not a plan). */
  drop: string[];
  status: S;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** Orders dated steps along the path; a step dated before the one before it, or after today, is left out. */
function orderSteps<S extends string>(
  path: readonly S[],
  dated: Map<S, string>,
  labels: Record<S, string>,
  first: string | undefined,
  today: string,
  problems: FactProblem[],
): ProgressStep[] {
  const steps: ProgressStep[] = [];
  let last = first;
  for (const s of path) {
    const date = dated.get(s);
    if (!date) continue;
    if (date > today) {
      problems.push({ level: 'warning', message: `${labels[s]}日期 ${date} 晚于今天，未计入进度` });
      continue;
    }
    if (last && date < last) {
      problems.push({
        level: 'warning',
        message: `${labels[s]}日期 ${date} 早于上一步（${last}），按 ${last} 记`,
      });
      steps.push({ stage: s, date: last });
      continue;
    }
    steps.push({ stage: s, date });
    last = date;
  }
  return steps;
}

function companyProgress(f: FactInput): Built<CompanyStatus> {
  const problems: FactProblem[] = [];
  const { input, facts } = f;
  const uscc = str(input.uscc);
  const registeredDate = str(input.registeredDate);
  const licensed = !!uscc && !!registeredDate;
  const dated = new Map<CompanyStatus, string>();
  const why: string[] = [];
  if (facts.nameApprovedDate) dated.set('name_approved', facts.nameApprovedDate);
  if (licensed) dated.set('registered', registeredDate);
  const later: [CompanyStatus, string | undefined, string][] = [
    ['moved_in', facts.movedInDate, '入驻日期'],
    ['producing', facts.producingDate, '投产日期'],
  ];
  for (const [status, date, label] of later) {
    if (!date) continue;
    if (licensed) dated.set(status, date);
    else
      problems.push({
        level: 'warning',
        message: `有${label}，但${uscc ? '缺少注册日期' : '缺少统一社会信用代码'}：不能记为「${COMPANY_STATUS_LABELS[status]}」`,
      });
  }
  const stated = facts.statusText ? parseCompanyStatus(facts.statusText) : null;
  if (facts.statusText && !stated)
    problems.push({ field: 'statusText', level: 'warning', message: `无法识别状态「${facts.statusText}」` });
  const rank = (s: CompanyStatus) => COMPANY_MAIN_PATH.indexOf(s);
  const reached = (): CompanyStatus =>
    COMPANY_MAIN_PATH.filter((s) => dated.has(s)).pop() ?? ('signed' as CompanyStatus);
  let byFacts = reached();
  if (stated && stated !== 'withdrawn' && rank(stated) > rank(byFacts)) {
    if (COMPANY_LICENSED_STATUSES.includes(stated) && !licensed) {
      problems.push({
        field: 'statusText',
        level: 'warning',
        message: `状态列为「${facts.statusText}」，但${uscc ? '缺少注册日期' : '缺少有效的统一社会信用代码'}：按「${COMPANY_STATUS_LABELS[byFacts]}」导入`,
      });
    } else {
      const date = f.asOf ?? f.today;
      dated.set(stated, date);
      why.push(`状态列为「${facts.statusText}」`);
      problems.push({
        field: 'statusText',
        level: 'warning',
        message: `状态列为「${facts.statusText}」但没有该步的日期：按${f.asOf ? '表格截至日期' : '导入当日'} ${date} 记`,
      });
    }
  } else if (stated && stated !== 'withdrawn' && rank(stated) < rank(byFacts)) {
    problems.push({
      field: 'statusText',
      level: 'warning',
      message: `状态列为「${facts.statusText}」，与表中日期不符：按「${COMPANY_STATUS_LABELS[byFacts]}」导入`,
    });
  }
  const steps = orderSteps(
    COMPANY_MAIN_PATH.slice(1),
    dated,
    COMPANY_STATUS_LABELS,
    str(input.signedDate),
    f.today,
    problems,
  );
  if (stated === 'withdrawn') {
    const date = f.asOf ?? f.today;
    steps.push({ stage: 'withdrawn', date: steps.reduce((m, s) => (s.date > m ? s.date : m), date) });
    why.push(`状态列为「${facts.statusText}」`);
  }
  byFacts = (steps.at(-1)?.stage as CompanyStatus | undefined) ?? 'signed';
  const label = COMPANY_STATUS_LABELS[byFacts];
  let reason: string;
  if (byFacts === 'signed')
    reason = `${label}：${uscc ? '没有注册日期' : registeredDate ? '没有统一社会信用代码' : '没有信用代码和注册日期'}`;
  else {
    const has: string[] = [];
    if (licensed) has.push('有信用代码和注册日期');
    if (dated.has('name_approved') && !licensed) has.push('有名称核准日期');
    if (facts.movedInDate && licensed) has.push('有入驻日期');
    if (facts.producingDate && licensed) has.push('有投产日期');
    reason = `${label}：${[...why, ...has].join('，')}`;
  }
  return { progress: { status: byFacts, steps, reason }, problems, drop: [], status: byFacts };
}

const STARTED_NOTE = ['已开工', '开工建设', '在建', '建设中', '已动工', '施工中'];
const PRODUCING_NOTE = ['已投产', '竣工投产', '建成投产'];

function dealProgress(f: FactInput): Built<DealStage> {
  const problems: FactProblem[] = [];
  const { input, facts } = f;
  const drop: string[] = [];
  const signedDate = str(input.signedDate);
  const first: DealStage = signedDate ? 'signed' : 'negotiating';
  const stated = facts.stageText ? parseDealStage(facts.stageText) : null;
  if (facts.stageText && !stated)
    problems.push({ field: 'stageText', level: 'warning', message: `无法识别阶段「${facts.stageText}」` });
  // Without a stage column, a 进展情况 note such as 已开工建设 still says where the project stands.
  const notes = norm(str(input.notes) ?? '');
  const noteSays: DealStage | null = stated
    ? null
    : says(notes, PRODUCING_NOTE)
      ? 'producing'
      : says(notes, STARTED_NOTE)
        ? 'started'
        : null;
  const claim = stated ?? noteSays;
  const rank = (s: DealStage) => DEAL_MAIN_PATH.indexOf(s);
  const dated = new Map<DealStage, string>();
  const why: string[] = [];
  let startedDate = facts.startedDate;
  const planned = str(input.plannedStartDate);
  if (!startedDate && planned && claim && rank(claim) >= rank('started')) {
    // 开工时间 beside 已开工建设 is when it started, not a plan.
    startedDate = planned;
    drop.push('plannedStartDate');
    why.push('开工时间旁注明已开工');
  }
  if (startedDate) dated.set('started', startedDate);
  if (facts.producingDate) dated.set('producing', facts.producingDate);
  if (startedDate && !why.length) why.push('有开工日期');
  if (facts.producingDate) why.push('有投产日期');
  const reachedByDates = DEAL_MAIN_PATH.filter((s) => dated.has(s)).pop() ?? first;
  if (claim && claim !== 'on_hold' && claim !== 'cancelled') {
    if (rank(claim) > rank(reachedByDates)) {
      const date = f.asOf ?? f.today;
      dated.set(claim, date);
      why.unshift(stated ? `阶段列为「${facts.stageText}」` : `进展情况写明${DEAL_STAGE_LABELS[claim]}`);
      problems.push({
        field: stated ? 'stageText' : 'notes',
        level: 'warning',
        message: `${DEAL_STAGE_LABELS[claim]}没有日期：按${f.asOf ? '表格截至日期' : '导入当日'} ${date} 记`,
      });
    } else if (stated && rank(claim) < rank(reachedByDates)) {
      problems.push({
        field: 'stageText',
        level: 'warning',
        message: `阶段列为「${facts.stageText}」，与表中日期不符：按「${DEAL_STAGE_LABELS[reachedByDates]}」导入`,
      });
    }
  }
  const steps = orderSteps(
    DEAL_MAIN_PATH.slice(rank(first) + 1),
    dated,
    DEAL_STAGE_LABELS,
    signedDate,
    f.today,
    problems,
  );
  if (claim === 'on_hold' || claim === 'cancelled') {
    const date = steps.reduce((m, s) => (s.date > m ? s.date : m), f.asOf ?? f.today);
    steps.push({ stage: claim, date });
    why.unshift(`阶段列为「${facts.stageText}」`);
  }
  const stage = (steps.at(-1)?.stage as DealStage | undefined) ?? first;
  const label = DEAL_STAGE_LABELS[stage];
  const reason =
    steps.length === 0
      ? `${label}：${signedDate ? '有签约日期，没有开工、投产日期或阶段' : '没有签约日期'}`
      : `${label}：${why.join('，')}`;
  return { progress: { status: stage, steps, reason }, problems, drop, status: stage };
}

/** Where the row's record stands and why; null for kinds without a status path. */
export function inferProgress(
  f: FactInput,
): { progress: RowProgress; problems: FactProblem[]; drop: string[] } | null {
  if (f.kind === 'company') return companyProgress(f);
  if (f.kind === 'deal') return dealProgress(f);
  return null;
}

/**
 * A record's status and history after an import that says `progress`: steps
 * past where it stands are appended (a re-import moves it forward with the
 * new dates); nothing moves it backwards. Null when nothing changes.
 */
export function advance<S extends string>(
  current: { status: S; history: readonly StageChange<S>[] },
  progress: RowProgress,
  path: readonly S[],
  by: string,
  at: string,
): { status: S; history: StageChange<S>[] } | null {
  const terminal = !path.includes(current.status);
  if (terminal) return null;
  let status = current.status;
  let last = current.history.reduce((m, c) => (c.date > m ? c.date : m), '');
  const history = [...current.history];
  for (const step of progress.steps) {
    const s = step.stage as S;
    const onPath = path.includes(s);
    if (onPath && path.indexOf(s) <= path.indexOf(status)) continue;
    if (!path.includes(status)) break;
    const date = step.date < last ? last : step.date;
    history.push({ stage: s, date, by, at });
    last = date;
    status = s;
  }
  return status === current.status ? null : { status, history };
}

const mainPath = (kind: ImportKind): readonly string[] =>
  kind === 'company' ? COMPANY_MAIN_PATH : DEAL_MAIN_PATH;

/** Whether moving from `from` to `to` would go back along the path (the import keeps `from`). */
export function isBackwards(kind: ImportKind, from: string, to: string): boolean {
  const path = mainPath(kind);
  const a = path.indexOf(from);
  const b = path.indexOf(to);
  return a >= 0 && b >= 0 && b < a;
}

/** A side state (已退出, 暂缓, 已终止): an import leaves a record there alone. */
export function isOffPath(kind: ImportKind, status: string): boolean {
  return !mainPath(kind).includes(status);
}

export const statusLabel = (kind: ImportKind, status: string): string =>
  kind === 'company'
    ? (COMPANY_STATUS_LABELS[status as CompanyStatus] ?? status)
    : (DEAL_STAGE_LABELS[status as DealStage] ?? status);
