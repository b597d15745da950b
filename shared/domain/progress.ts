/**
 * Progress against the year's targets (目标完成, SPEC §10): for each figure
 * the target, what is done in the period, 完成率, and 同比 against the same
 * period of the previous year, for the county and per team, with the team
 * ranking (组团排名). One pure function feeds the overview, the summary
 * report and the weekly pack, so they cannot disagree.
 *
 * What counts as done in a period:
 * - 签约项目 / 协议引资: deals signed in the period (not cancelled), counted
 *   once on their signing date as the overview counts them;
 * - 到位资金: the 到位资金 amounts reported for months of the period;
 * - 新开工项目: deals that first reached 已开工 (or went straight to 已投产)
 *   in the period;
 * - 投产项目: deals that first reached 已投产 in the period.
 * Deleted records and records of deleted deals never count.
 *
 * The target is the one of the year the period ends in. A team's former
 * names (`teamAliases`, former → current) count under its current name, in
 * both years, so a renamed team keeps its 同比.
 */
import type { Period } from '../report/period';
import {
  TARGET_FIGURES,
  type Deal,
  type FundReport,
  type StageChange,
  type Target,
  type TargetFigure,
} from './records';
import { compareZh } from './text';

export const COUNTY_LABEL = '全县';
export const NO_TEAM_LABEL = '未分组';

/** Figures counted in projects; the others are amounts in 元. */
export const COUNT_FIGURES: ReadonlySet<TargetFigure> = new Set(['signedCount', 'started', 'producing']);

export type ProgressDeal = Pick<
  Deal,
  'id' | 'deletedAt' | 'stage' | 'team' | 'signedDate' | 'agreedInvestment'
> & {
  stageHistory: readonly Pick<StageChange, 'stage' | 'date'>[];
};

/** What 目标完成 reads of a fund report: a stored one, or a month's sum from the derived rows. */
export type ProgressFund = Pick<FundReport, 'dealId' | 'kind' | 'month' | 'amount'> & { deletedAt?: string };

export interface ProgressInput {
  /** Full deals, or the derived rows' deals (shared/domain/derived.ts): the fields below are all it reads. */
  deals: readonly ProgressDeal[];
  /** Every report, or one per deal and month summed (from the derived rows' fund part): the fields below are all it reads. */
  fundReports: readonly ProgressFund[];
  targets: readonly Target[];
}

export interface FigureProgress {
  figure: TargetFigure;
  /** null: no target was set. */
  target: number | null;
  done: number;
  /** done / target; null when there is no target or it is zero. */
  rate: number | null;
  /** Done in the same period of the previous year. */
  previous: number;
  /** done − previous. */
  diff: number;
  /** (done − previous) / previous; null when the previous year has nothing to compare with. */
  yoy: number | null;
}

export interface TeamProgress {
  /** The team's name, COUNTY_LABEL for the county. */
  team: string;
  figures: Record<TargetFigure, FigureProgress>;
  /** The mean 完成率 over figures with a positive target; null when none has one. */
  score: number | null;
  /** 1 for the best team; the county row has 0. */
  rank: number;
}

export interface Progress {
  year: number;
  period: Period;
  previousPeriod: Period;
  county: TeamProgress;
  /** Ranked: best completion first. */
  teams: TeamProgress[];
}

export interface ProgressOptions {
  /** Teams to show even when they have neither target nor figures (the settings list). */
  teams?: readonly string[];
  /** Former team name → current name. */
  teamAliases?: Readonly<Record<string, string>>;
}

/** The same day one year earlier; 29 February becomes 28 February. */
export function sameDayLastYear(iso: string): string {
  const y = Number(iso.slice(0, 4)) - 1;
  const md = iso.slice(5);
  if (md === '02-29') return `${y}-02-28`;
  return `${String(y).padStart(4, '0')}-${md}`;
}

export function previousYearPeriod(p: Period): Period {
  return { from: sameDayLastYear(p.from), to: sameDayLastYear(p.to) };
}

/** A month `YYYY-MM` lies in the period when any of its days does. */
function monthInPeriod(month: string, p: Period): boolean {
  return month >= p.from.slice(0, 7) && month <= p.to.slice(0, 7);
}

const inPeriod = (date: string | undefined, p: Period) => !!date && date >= p.from && date <= p.to;

/** The first day a deal reached one of these stages, from its history. */
function firstReached(deal: ProgressDeal, stages: ReadonlySet<string>): string | undefined {
  let best: string | undefined;
  for (const h of deal.stageHistory) if (stages.has(h.stage) && (!best || h.date < best)) best = h.date;
  return best;
}
const STARTED = new Set(['started', 'producing']);
const PRODUCING = new Set(['producing']);

type Done = Record<TargetFigure, number>;
const zero = (): Done => ({ signedCount: 0, agreed: 0, funds: 0, started: 0, producing: 0 });

/** What each team (and the county, key '') did in a period. */
function doneIn(input: ProgressInput, p: Period, teamOf: (raw: string | undefined) => string) {
  const byTeam = new Map<string, Done>();
  const county = zero();
  const add = (team: string, figure: TargetFigure, n: number) => {
    if (!n) return;
    let d = byTeam.get(team);
    if (!d) byTeam.set(team, (d = zero()));
    d[figure] += n;
    county[figure] += n;
  };
  const liveDeals = new Map<string, ProgressDeal>();
  for (const deal of input.deals) {
    if (deal.deletedAt || deal.stage === 'cancelled') continue;
    liveDeals.set(deal.id, deal);
    const team = teamOf(deal.team);
    if (inPeriod(deal.signedDate, p)) {
      add(team, 'signedCount', 1);
      add(team, 'agreed', deal.agreedInvestment ?? 0);
    }
    if (inPeriod(firstReached(deal, STARTED), p)) add(team, 'started', 1);
    if (inPeriod(firstReached(deal, PRODUCING), p)) add(team, 'producing', 1);
  }
  for (const f of input.fundReports) {
    if (f.deletedAt || f.kind !== 'funds' || !monthInPeriod(f.month, p)) continue;
    const deal = liveDeals.get(f.dealId);
    if (deal) add(teamOf(deal.team), 'funds', f.amount);
  }
  return { byTeam, county };
}

function figureProgress(figure: TargetFigure, target: number | null, done: number, previous: number) {
  return {
    figure,
    target,
    done,
    rate: target ? done / target : null,
    previous,
    diff: done - previous,
    yoy: previous ? (done - previous) / previous : null,
  } satisfies FigureProgress;
}

function teamRow(team: string, target: Partial<Done> | undefined, done: Done, previous: Done): TeamProgress {
  const figures = {} as Record<TargetFigure, FigureProgress>;
  const rates: number[] = [];
  for (const f of TARGET_FIGURES) {
    const t = target?.[f];
    const row = figureProgress(f, t === undefined ? null : t, done[f], previous[f]);
    figures[f] = row;
    if (row.rate !== null) rates.push(row.rate);
  }
  const score = rates.length ? rates.reduce((s, r) => s + r, 0) / rates.length : null;
  return { team, figures, score, rank: 0 };
}

/** The figures a target record sets. */
function targetFigures(t: Target): Partial<Done> {
  const out: Partial<Done> = {};
  for (const f of TARGET_FIGURES) if (typeof t[f] === 'number') out[f] = t[f];
  return out;
}

/**
 * Targets of one year by team ('' for the county). Without a county target,
 * the county's target for a figure is the sum of the teams' targets for it,
 * when any team has one.
 */
function targetsOf(targets: readonly Target[], year: number, teamOf: (raw: string | undefined) => string) {
  const byTeam = new Map<string, Partial<Done>>();
  let county: Partial<Done> | undefined;
  for (const t of targets) {
    if (t.deletedAt || t.year !== year) continue;
    if (!t.team) county = { ...county, ...targetFigures(t) };
    else {
      const team = teamOf(t.team);
      byTeam.set(team, { ...byTeam.get(team), ...targetFigures(t) });
    }
  }
  const summed: Partial<Done> = {};
  for (const f of TARGET_FIGURES) {
    if (county?.[f] !== undefined) summed[f] = county[f];
    else for (const t of byTeam.values()) if (t[f] !== undefined) summed[f] = (summed[f] ?? 0) + t[f];
  }
  return { byTeam, county: summed };
}

/** Ranks on the completion score (teams without any target last), then agreed investment done, then name. */
function rankTeams(rows: TeamProgress[]): TeamProgress[] {
  const sorted = [...rows].sort(
    (a, b) =>
      (b.score ?? -1) - (a.score ?? -1) ||
      b.figures.agreed.done - a.figures.agreed.done ||
      b.figures.signedCount.done - a.figures.signedCount.done ||
      compareZh(a.team, b.team),
  );
  sorted.forEach((r, i) => (r.rank = i + 1));
  return sorted;
}

export function computeProgress(input: ProgressInput, period: Period, opts: ProgressOptions = {}): Progress {
  const aliases = opts.teamAliases ?? {};
  const teamOf = (raw: string | undefined) => {
    if (!raw) return NO_TEAM_LABEL;
    // Follow a chain of renames (A → B → C), stopping at a loop.
    let name = raw;
    for (let i = 0; i < 10 && aliases[name] && aliases[name] !== name; i++) name = aliases[name]!;
    return name;
  };
  const year = Number(period.to.slice(0, 4));
  const previousPeriod = previousYearPeriod(period);
  const now = doneIn(input, period, teamOf);
  const before = doneIn(input, previousPeriod, teamOf);
  const targets = targetsOf(input.targets, year, teamOf);

  const names = new Set<string>();
  for (const t of opts.teams ?? []) names.add(teamOf(t));
  for (const t of targets.byTeam.keys()) names.add(t);
  for (const t of now.byTeam.keys()) names.add(t);
  for (const t of before.byTeam.keys()) names.add(t);

  const teams = [...names].map((team) =>
    teamRow(
      team,
      targets.byTeam.get(team),
      now.byTeam.get(team) ?? zero(),
      before.byTeam.get(team) ?? zero(),
    ),
  );
  return {
    year,
    period,
    previousPeriod,
    county: teamRow(COUNTY_LABEL, targets.county, now.county, before.county),
    teams: rankTeams(teams),
  };
}

/** `85.3%`; `—` when there is no rate. */
export function rateText(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** `+12.5%` / `-3.0%`; `—` when the previous year has nothing to compare with. */
export function yoyText(yoy: number | null): string {
  if (yoy === null) return '—';
  const pct = (Math.round(yoy * 1000) / 10).toFixed(1);
  return yoy > 0 ? `+${pct}%` : `${pct}%`;
}

/** Running totals of a deal's reports: 到位资金 and 完成投资 in 元. */
export interface FundTotals {
  funds: number;
  invested: number;
}

/** Totals by deal id over live reports. */
export function fundTotalsByDeal(funds: readonly FundReport[]): Map<string, FundTotals> {
  const map = new Map<string, FundTotals>();
  for (const f of funds) {
    if (f.deletedAt) continue;
    let t = map.get(f.dealId);
    if (!t) map.set(f.dealId, (t = { funds: 0, invested: 0 }));
    t[f.kind] += f.amount;
  }
  return map;
}

const MONTH_RE = /^\s*(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*(?:月份?)?\s*$/;

/**
 * A month from what a form or a sheet gives: `2026-03`, `2026/3`, `2026.3`,
 * `2026年3月`, a full date (its month), an Excel serial or a Date. Null when
 * it is not one.
 */
export function parseMonth(input: unknown): string | null {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) return null;
    return `${input.getFullYear()}-${String(input.getMonth() + 1).padStart(2, '0')}`;
  }
  if (typeof input === 'number') {
    if (!Number.isInteger(input) || input < 1 || input > 2_958_465) return null;
    // Excel serial: days since 1899-12-30 (the 1900 leap-year bug is before March 1900).
    const d = new Date(Date.UTC(1899, 11, 30) + input * 86_400_000);
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  }
  if (typeof input !== 'string') return null;
  const s = input.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();
  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  const m = full ?? MONTH_RE.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (year < 1900 || year > 2199 || month < 1 || month > 12) return null;
  return `${year}-${String(month).padStart(2, '0')}`;
}
