/**
 * The overview (总览, SPEC §3.3) for a period and optionally a team: one pure
 * function, so the screen, the Excel report and the tests all get the same
 * figures from the same records.
 */
import type { LightThresholds } from '../settings';
import { daysBetween, isoToExcelSerial } from './dates';
import { computeLightSince, latestFollowUpDates, type LightResult } from './lights';
import { DEAL_STAGES, type Company, type Deal, type DealStage, type FollowUp, type LedgerEvent } from './records';
import { compareZh } from './text';

export interface OverviewFilter {
  /** First day, inclusive (ISO). */
  from?: string;
  /** Last day, inclusive (ISO). */
  to?: string;
  team?: string;
}

export interface OverviewInput {
  deals: readonly Deal[];
  companies: readonly Company[];
  events: readonly LedgerEvent[];
  followUps: readonly FollowUp[];
}

export interface GroupRow {
  key: string;
  count: number;
  /** Agreed investment in 元. */
  agreed: number;
}

export interface LitDeal {
  deal: Deal;
  light: LightResult;
}

export interface Overview {
  filter: OverviewFilter;
  signed: { count: number; agreed: number; firstPhase: number };
  /** The deals counted in `signed`, in ledger order (the report lists them). */
  signedDeals: Deal[];
  byTeam: GroupRow[];
  byIndustry: GroupRow[];
  byEvent: GroupRow[];
  byMonth: GroupRow[];
  stageCounts: Record<DealStage, number>;
  lights: { red: number; yellow: number; green: number; redList: LitDeal[]; yellowList: LitDeal[] };
  companies: {
    signed: number;
    registered: number;
    movedIn: number;
    producing: number;
    withdrawn: number;
    /** registered / signed, 0 when none signed. */
    registrationRate: number;
    /** e.g. "73.7%". */
    registrationRateText: string;
    overdueRegistrations: Company[];
    /** The companies counted above (signed in the period, of the team). */
    list: Company[];
  };
  statsEntry: { count: number; amount: number };
}

export const NO_TEAM = '未分组';
export const NO_INDUSTRY = '未填行业';
export const NO_EVENT = '非活动签约';

/** Registration counts as done once a company has reached 已注册 or a later step. */
const REGISTERED_OR_LATER = new Set(['registered', 'moved_in', 'producing']);
const MOVED_IN_OR_LATER = new Set(['moved_in', 'producing']);
/** A company not registered this many days after signing is overdue (SPEC §3.3). */
export const REGISTRATION_OVERDUE_DAYS = 30;

function inPeriod(date: string | undefined, f: OverviewFilter): boolean {
  if (!date) return false;
  return (!f.from || date >= f.from) && (!f.to || date <= f.to);
}

function group(deals: readonly Deal[], keyOf: (d: Deal) => string): GroupRow[] {
  const map = new Map<string, GroupRow>();
  for (const d of deals) {
    const key = keyOf(d);
    const row = map.get(key) ?? { key, count: 0, agreed: 0 };
    row.count += 1;
    row.agreed += d.agreedInvestment ?? 0;
    map.set(key, row);
  }
  return [...map.values()];
}

const byAgreedThenCount = (a: GroupRow, b: GroupRow) => b.agreed - a.agreed || b.count - a.count || compareZh(a.key, b.key);

/** Day number of an ISO date for ordering; `missing` when there is none. */
function dayKey(iso: string | undefined, missing: number): number {
  const n = iso ? isoToExcelSerial(iso) : NaN;
  return Number.isNaN(n) ? missing : n;
}

/**
 * Lit deals, the longest without progress first (then the earliest signed):
 * the order a leader works through them in. Sorted on day numbers computed
 * once per deal, so ordering tens of thousands of lit deals costs
 * milliseconds rather than a collator call per comparison.
 */
function sortLongestIdleFirst(list: LitDeal[]): LitDeal[] {
  const keyed = list.map((item) => ({
    item,
    idle: dayKey(item.light.lastProgress, -Infinity),
    signed: dayKey(item.deal.signedDate, Infinity),
  }));
  keyed.sort(
    (a, b) =>
      a.idle - b.idle ||
      a.signed - b.signed ||
      (a.item.deal.name < b.item.deal.name ? -1 : a.item.deal.name > b.item.deal.name ? 1 : 0) ||
      (a.item.deal.id < b.item.deal.id ? -1 : 1),
  );
  return keyed.map((k) => k.item);
}

export function companySignedDate(c: Company): string | undefined {
  return c.signedDate ?? c.statusHistory[0]?.date;
}

function reached(c: Company, set: Set<string>): boolean {
  return set.has(c.status) || c.statusHistory.some((h) => set.has(h.stage));
}

export function formatRate(rate: number): string {
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/**
 * Signings are counted once per deal, on its signing date and at its signing
 * event (a later re-signing of the same project is the same record), and
 * cancelled deals are left out. Stage counts and lights describe the deals of
 * the team as they stand today; the period selects signings, company
 * signings and 入库 entries.
 */
export function computeOverview(
  input: OverviewInput,
  filter: OverviewFilter,
  today: string,
  thresholds: LightThresholds,
): Overview {
  const live = <T extends { deletedAt?: string }>(rows: readonly T[]) => rows.filter((r) => !r.deletedAt);
  const teamDeals = input.deals.filter((d) => !d.deletedAt && (!filter.team || d.team === filter.team));
  const signedDeals = teamDeals.filter((d) => d.stage !== 'cancelled' && inPeriod(d.signedDate, filter));
  const eventNames = new Map(input.events.map((e) => [e.id, e.name]));

  const lastFollowUp = latestFollowUpDates(input.followUps, 'deal');

  const stageCounts = Object.fromEntries(DEAL_STAGES.map((s) => [s, 0])) as Record<DealStage, number>;
  const redList: LitDeal[] = [];
  const yellowList: LitDeal[] = [];
  let green = 0;
  for (const deal of teamDeals) {
    stageCounts[deal.stage] += 1;
    if (deal.stage === 'cancelled') continue;
    const light = computeLightSince(deal, lastFollowUp.get(deal.id), today, thresholds);
    if (light.light === 'red') redList.push({ deal, light });
    else if (light.light === 'yellow') yellowList.push({ deal, light });
    else green += 1;
  }

  const dealTeam = filter.team ? new Map(input.deals.map((d) => [d.id, d.team])) : undefined;
  const companies = live(input.companies).filter(
    (c) => (!dealTeam || (c.dealId && dealTeam.get(c.dealId) === filter.team)) && inPeriod(companySignedDate(c), filter),
  );
  const registered = companies.filter((c) => reached(c, REGISTERED_OR_LATER)).length;
  const overdueRegistrations = companies.filter((c) => {
    const signed = companySignedDate(c);
    return (
      c.status !== 'withdrawn' &&
      !reached(c, REGISTERED_OR_LATER) &&
      !!signed &&
      daysBetween(signed, today) > REGISTRATION_OVERDUE_DAYS
    );
  });
  const rate = companies.length ? registered / companies.length : 0;

  const entered = teamDeals.filter((d) => inPeriod(d.statsEntryDate, filter));

  return {
    filter,
    signed: {
      count: signedDeals.length,
      agreed: signedDeals.reduce((s, d) => s + (d.agreedInvestment ?? 0), 0),
      firstPhase: signedDeals.reduce((s, d) => s + (d.firstPhaseInvestment ?? 0), 0),
    },
    signedDeals,
    byTeam: group(signedDeals, (d) => d.team ?? NO_TEAM).sort(byAgreedThenCount),
    byIndustry: group(signedDeals, (d) => d.industry ?? NO_INDUSTRY).sort(byAgreedThenCount),
    byEvent: group(signedDeals, (d) => (d.eventId ? (eventNames.get(d.eventId) ?? NO_EVENT) : NO_EVENT)).sort(
      byAgreedThenCount,
    ),
    byMonth: group(signedDeals, (d) => d.signedDate!.slice(0, 7)).sort((a, b) => a.key.localeCompare(b.key)),
    stageCounts,
    lights: {
      red: redList.length,
      yellow: yellowList.length,
      green,
      redList: sortLongestIdleFirst(redList),
      yellowList: sortLongestIdleFirst(yellowList),
    },
    companies: {
      signed: companies.length,
      registered,
      movedIn: companies.filter((c) => reached(c, MOVED_IN_OR_LATER)).length,
      producing: companies.filter((c) => reached(c, new Set(['producing']))).length,
      withdrawn: companies.filter((c) => c.status === 'withdrawn').length,
      registrationRate: rate,
      registrationRateText: formatRate(rate),
      overdueRegistrations,
      list: companies,
    },
    statsEntry: { count: entered.length, amount: entered.reduce((s, d) => s + (d.statsEntryAmount ?? 0), 0) },
  };
}
