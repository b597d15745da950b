/**
 * The overview (总览, SPEC §3.3) for a period and optionally a team: one pure
 * function, so the screen, the Excel report and the tests all get the same
 * figures from the same records.
 */
import type { LightThresholds } from '../settings';
import { daysBetween, isoToExcelSerial } from './dates';
import { computeLightSince, latestFollowUpDates, type LightResult } from './lights';
import { lastActivityOf, type CompanyCore, type DealCore, type DealFactsRow } from './derived';
import {
  DEAL_STAGES,
  type Company,
  type Deal,
  type DealStage,
  type FollowUp,
  type LedgerEvent,
  type Problem,
} from './records';
import { openProblemsByDeal, type ProblemForLight } from './problems';
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
  /** Problems of the deals (问题台账): an overdue open one lights its deal. */
  problems?: readonly Problem[];
}

export interface GroupRow {
  key: string;
  count: number;
  /** Agreed investment in 元. */
  agreed: number;
}

export interface LitDeal<D extends DealCore = Deal> {
  deal: D;
  light: LightResult;
}

/**
 * The overview of deals of type D and companies of type C: full records for
 * the report (computeOverview), the kept derived rows for the screen
 * (overviewFromFacts).
 */
export interface OverviewOf<D extends DealCore, C extends CompanyCore> {
  filter: OverviewFilter;
  signed: { count: number; agreed: number; firstPhase: number };
  /** The deals counted in `signed`, in ledger order (the report lists them). */
  signedDeals: D[];
  byTeam: GroupRow[];
  byIndustry: GroupRow[];
  byEvent: GroupRow[];
  byMonth: GroupRow[];
  stageCounts: Record<DealStage, number>;
  lights: { red: number; yellow: number; green: number; redList: LitDeal<D>[]; yellowList: LitDeal<D>[] };
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
    overdueRegistrations: C[];
    /** The companies counted above (signed in the period, of the team). */
    list: C[];
  };
  statsEntry: { count: number; amount: number };
}

export type Overview = OverviewOf<Deal, Company>;

export const NO_TEAM = '未分组';
export const NO_INDUSTRY = '未填行业';
export const NO_EVENT = '非活动签约';

/** Registration counts as done once a company has reached 已注册 or a later step. */
const REGISTERED_OR_LATER = new Set(['registered', 'moved_in', 'producing']);
const MOVED_IN_OR_LATER = new Set(['moved_in', 'producing']);
const PRODUCING = new Set(['producing']);
/** A company not registered this many days after signing is overdue (SPEC §3.3). */
export const REGISTRATION_OVERDUE_DAYS = 30;

function inPeriod(date: string | undefined, f: OverviewFilter): boolean {
  if (!date) return false;
  return (!f.from || date >= f.from) && (!f.to || date <= f.to);
}

/** Count and agreed investment per key, in the order keys were first seen. */
class Groups {
  private readonly map = new Map<string, GroupRow>();

  add(key: string, agreed: number): void {
    const row = this.map.get(key);
    if (row) {
      row.count += 1;
      row.agreed += agreed;
    } else this.map.set(key, { key, count: 1, agreed });
  }

  rows(): GroupRow[] {
    return [...this.map.values()];
  }
}

const byAgreedThenCount = (a: GroupRow, b: GroupRow) =>
  b.agreed - a.agreed || b.count - a.count || compareZh(a.key, b.key);

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
function sortLongestIdleFirst<D extends DealCore>(list: LitDeal<D>[]): LitDeal<D>[] {
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

export function companySignedDate(c: Pick<Company, 'signedDate' | 'statusHistory'>): string | undefined {
  return c.signedDate ?? c.statusHistory[0]?.date;
}

function reached(c: CompanyCore, set: Set<string>): boolean {
  return set.has(c.status) || c.statusHistory.some((h) => set.has(h.stage));
}

export function formatRate(rate: number): string {
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** How the core reads a deal item: the deal itself, its newest follow-up and its open problems. */
interface DealAccess<I, D extends DealCore> {
  deal(item: I): D | undefined;
  lastFollowUp(item: I): string | undefined;
  problems(item: I): readonly ProblemForLight[] | undefined;
  /** Team of each deal id a company may link to, when the overview is of one team. */
  dealTeam?: Map<string, string | undefined>;
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
  const lastFollowUp = latestFollowUpDates(input.followUps, 'deal');
  const problemsOf = openProblemsByDeal(input.problems ?? []);
  return overviewCore(
    input.deals,
    {
      deal: (d) => (d.deletedAt ? undefined : d),
      lastFollowUp: (d) => lastFollowUp.get(d.id),
      problems: (d) => problemsOf.get(d.id),
      // Deleted deals too: a company keeps the team of the deal it was signed under.
      dealTeam: filter.team ? new Map(input.deals.map((d) => [d.id, d.team])) : undefined,
    },
    input.companies.filter((c) => !c.deletedAt),
    input.events,
    filter,
    today,
    thresholds,
  );
}

/**
 * The same overview from the derived rows the write path keeps
 * (shared/domain/derived.ts): what the screen shows at start without reading
 * every deal, follow-up and problem.
 */
export function overviewFromFacts(
  facts: { deals: readonly DealFactsRow[]; companies: readonly CompanyCore[] },
  events: readonly Pick<LedgerEvent, 'id' | 'name'>[],
  filter: OverviewFilter,
  today: string,
  thresholds: LightThresholds,
): OverviewOf<DealCore, CompanyCore> {
  return overviewCore(
    facts.deals,
    {
      deal: (r) => r.deal,
      lastFollowUp: lastActivityOf,
      problems: (r) => r.openProblems,
      dealTeam: filter.team ? new Map(facts.deals.map((r) => [r.id, r.deal?.team])) : undefined,
    },
    facts.companies,
    events,
    filter,
    today,
    thresholds,
  );
}

function overviewCore<I, D extends DealCore, C extends CompanyCore>(
  items: readonly I[],
  access: DealAccess<I, D>,
  liveCompanies: readonly C[],
  events: readonly Pick<LedgerEvent, 'id' | 'name'>[],
  filter: OverviewFilter,
  today: string,
  thresholds: LightThresholds,
): OverviewOf<D, C> {
  const eventNames = new Map(events.map((e) => [e.id, e.name]));

  // One pass over the deals: at 50,000 deals every extra pass shows.
  const stageCounts = Object.fromEntries(DEAL_STAGES.map((s) => [s, 0])) as Record<DealStage, number>;
  const byTeam = new Groups();
  const byIndustry = new Groups();
  const byEvent = new Groups();
  const byMonth = new Groups();
  const signedDeals: D[] = [];
  const redList: LitDeal<D>[] = [];
  const yellowList: LitDeal<D>[] = [];
  let green = 0;
  let agreed = 0;
  let firstPhase = 0;
  let enteredCount = 0;
  let enteredAmount = 0;
  for (const item of items) {
    const deal = access.deal(item);
    if (!deal) continue;
    if (filter.team && deal.team !== filter.team) continue;
    stageCounts[deal.stage] += 1;
    if (inPeriod(deal.statsEntryDate, filter)) {
      enteredCount += 1;
      enteredAmount += deal.statsEntryAmount ?? 0;
    }
    if (deal.stage === 'cancelled') continue;
    if (inPeriod(deal.signedDate, filter)) {
      const amount = deal.agreedInvestment ?? 0;
      signedDeals.push(deal);
      agreed += amount;
      firstPhase += deal.firstPhaseInvestment ?? 0;
      byTeam.add(deal.team ?? NO_TEAM, amount);
      byIndustry.add(deal.industry ?? NO_INDUSTRY, amount);
      byEvent.add(deal.eventId ? (eventNames.get(deal.eventId) ?? NO_EVENT) : NO_EVENT, amount);
      byMonth.add(deal.signedDate!.slice(0, 7), amount);
    }
    const light = computeLightSince(
      deal,
      access.lastFollowUp(item),
      today,
      thresholds,
      access.problems(item),
    );
    if (light.light === 'red') redList.push({ deal, light });
    else if (light.light === 'yellow') yellowList.push({ deal, light });
    else green += 1;
  }

  const dealTeam = access.dealTeam;
  const companies: C[] = [];
  const overdueRegistrations: C[] = [];
  let registered = 0;
  let movedIn = 0;
  let producing = 0;
  let withdrawn = 0;
  for (const c of liveCompanies) {
    if (dealTeam && !(c.dealId && dealTeam.get(c.dealId) === filter.team)) continue;
    const signed = companySignedDate(c);
    if (!inPeriod(signed, filter)) continue;
    companies.push(c);
    const isRegistered = reached(c, REGISTERED_OR_LATER);
    if (isRegistered) registered += 1;
    if (reached(c, MOVED_IN_OR_LATER)) movedIn += 1;
    if (reached(c, PRODUCING)) producing += 1;
    if (c.status === 'withdrawn') withdrawn += 1;
    else if (!isRegistered && signed && daysBetween(signed, today) > REGISTRATION_OVERDUE_DAYS)
      overdueRegistrations.push(c);
  }
  const rate = companies.length ? registered / companies.length : 0;

  return {
    filter,
    signed: { count: signedDeals.length, agreed, firstPhase },
    signedDeals,
    byTeam: byTeam.rows().sort(byAgreedThenCount),
    byIndustry: byIndustry.rows().sort(byAgreedThenCount),
    byEvent: byEvent.rows().sort(byAgreedThenCount),
    byMonth: byMonth.rows().sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
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
      movedIn,
      producing,
      withdrawn,
      registrationRate: rate,
      registrationRateText: formatRate(rate),
      overdueRegistrations,
      list: companies,
    },
    statsEntry: { count: enteredCount, amount: enteredAmount },
  };
}
