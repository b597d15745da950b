/**
 * The overview (总览, SPEC §3.3) for a period and optionally a team: one pure
 * function, so the screen, the Excel report and the tests all get the same
 * figures from the same records.
 */
import type { LightThresholds } from '../settings';
import { dayNumber, daysBetween } from './dates';
import { computeLightSince, latestFollowUpDates, lightOf, progressSince, type LightResult } from './lights';
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

  /** The row of a key, made (with nothing counted) when it is new. */
  row(key: string): GroupRow {
    let row = this.map.get(key);
    if (!row) this.map.set(key, (row = { key, count: 0, agreed: 0 }));
    return row;
  }

  rows(): GroupRow[] {
    return [...this.map.values()];
  }
}

/** Adds a deal's agreed investment to its group row. */
function count(row: GroupRow, agreed: number): void {
  row.count += 1;
  row.agreed += agreed;
}

const byAgreedThenCount = (a: GroupRow, b: GroupRow) =>
  b.agreed - a.agreed || b.count - a.count || compareZh(a.key, b.key);

/** Day number of an ISO date for ordering; `missing` when there is none. */
function dayKey(iso: string | undefined, missing: number): number {
  const n = iso ? dayNumber(iso) : NaN;
  return Number.isNaN(n) ? missing : n;
}

const byNameThenId = (a: DealCore, b: DealCore): number =>
  a.name !== b.name ? (a.name < b.name ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * The first three UTF-16 code units of a string as one number, ordered as
 * the strings are (a missing unit counts below any unit): comparing two
 * strings read from IndexedDB costs a few hundred nanoseconds, comparing
 * these two numbers almost nothing, and only equal ones need the strings.
 */
function codePrefix(s: string): number {
  const unit = (i: number) => (i < s.length ? s.charCodeAt(i) + 1 : 0);
  return unit(0) * 2 ** 34 + unit(1) * 2 ** 17 + unit(2);
}

/** Packed sort keys (see LitList.sorted): day numbers from 1900-01-01 to 2199-12-31 fit in 17 bits. */
const FIRST_DAY = dayNumber('1900-01-01') - 1;
const DAY_SPAN = 2 ** 17;
const POSITION_SPAN = 2 ** 19;

/**
 * The lit deals of one light, with the two day numbers they are ordered by
 * kept beside them as each is added (so no per-deal key object is made).
 */
class LitList<D extends DealCore> {
  readonly items: LitDeal<D>[] = [];
  private readonly idle: number[] = [];
  private readonly signed: number[] = [];

  add(item: LitDeal<D>, lastProgress: string | undefined): void {
    this.items.push(item);
    this.idle.push(dayKey(lastProgress, -Infinity));
    this.signed.push(dayKey(item.deal.signedDate, Infinity));
  }

  /**
   * The longest without progress first (then the earliest signed, then by
   * name and id): the order a leader works through them in.
   *
   * Sorting 10,000+ lit deals with a comparator cost tens of milliseconds, so
   * when every day falls in 1900–2199 (the dates the ledger accepts) each
   * deal's two days and its position are packed into one exact integer below
   * 2^53 and the numbers are sorted as numbers; only deals sharing both days
   * are then ordered by name and id. Otherwise the comparator sorts them.
   */
  sorted(): LitDeal<D>[] {
    return (this.order ??= this.sort());
  }

  private order: LitDeal<D>[] | undefined;

  private sort(): LitDeal<D>[] {
    const { items, idle, signed } = this;
    const n = items.length;
    const prefixes = new Float64Array(n).fill(-1);
    const prefix = (k: number) =>
      prefixes[k]! >= 0 ? prefixes[k]! : (prefixes[k] = codePrefix(items[k]!.deal.name));
    const byNames = (a: number, b: number) =>
      prefix(a) - prefix(b) || byNameThenId(items[a]!.deal, items[b]!.deal);
    const packed = n < POSITION_SPAN ? new Float64Array(n) : undefined;
    for (let i = 0; packed && i < n; i++) {
      // No progress at all sorts first (0), no signing day last (DAY_SPAN - 1).
      const a = idle[i] === -Infinity ? 0 : packedDay(idle[i]!);
      const b = signed[i] === Infinity ? DAY_SPAN - 1 : packedDay(signed[i]!);
      if (a < 0 || b < 0) break;
      packed[i] = (a * DAY_SPAN + b) * POSITION_SPAN + i;
      if (i === n - 1) return this.fromPacked(packed, byNames);
    }
    const order = Array.from(items, (_, k) => k);
    order.sort((x, y) => idle[x]! - idle[y]! || signed[x]! - signed[y]! || byNames(x, y));
    return order.map((k) => items[k]!);
  }

  /** The items in the order of their packed keys, deals sharing both days by name and id. */
  private fromPacked(packed: Float64Array, byNames: (a: number, b: number) => number): LitDeal<D>[] {
    packed.sort();
    const n = packed.length;
    const order = new Array<number>(n);
    for (let i = 0; i < n;) {
      const days = Math.floor(packed[i]! / POSITION_SPAN);
      let end = i + 1;
      while (end < n && Math.floor(packed[end]! / POSITION_SPAN) === days) end++;
      for (let k = i; k < end; k++) order[k] = packed[k]! - days * POSITION_SPAN;
      if (end - i > 1) {
        const run = order.slice(i, end).sort(byNames);
        for (let k = i; k < end; k++) order[k] = run[k - i]!;
      }
      i = end;
    }
    return order.map((k) => this.items[k]!);
  }
}

/** A day number as a packed sort key, 1 to DAY_SPAN - 2; -1 outside 1900–2199. */
function packedDay(day: number): number {
  const d = day - FIRST_DAY;
  return d >= 1 && d <= DAY_SPAN - 2 ? d : -1;
}

/** The day and thresholds a set of lights is computed for. */
interface LightDay {
  today: string;
  thresholds: LightThresholds;
}

/**
 * A lit deal of the screen's lists whose light (with its reasons) is worked
 * out when first read: the screen shows ten rows of a list at a time, and
 * writing out the reasons of every lit deal of a 50,000-deal ledger up front
 * cost more than the rest of the overview. What it reads is what
 * computeLightSince gives, and JSON carries it as a plain `{ deal, light }`.
 */
class DeferredLit<D extends DealCore> implements LitDeal<D> {
  #light: LightResult | undefined;
  readonly #lastFollowUp: string | undefined;
  readonly #problems: readonly ProblemForLight[] | undefined;
  readonly #day: LightDay;

  constructor(
    readonly deal: D,
    lastFollowUp: string | undefined,
    problems: readonly ProblemForLight[] | undefined,
    day: LightDay,
  ) {
    this.#lastFollowUp = lastFollowUp;
    this.#problems = problems;
    this.#day = day;
  }

  get light(): LightResult {
    const day = this.#day;
    return (this.#light ??= computeLightSince(
      this.deal,
      this.#lastFollowUp,
      day.today,
      day.thresholds,
      this.#problems,
    ));
  }

  toJSON(): LitDeal<D> {
    return { deal: this.deal, light: this.light };
  }
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
  /** Lit deals carry their light worked out when first read (the screen), not at once (the reports). */
  deferReasons?: boolean;
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

type FactsInput = { deals: readonly DealFactsRow[]; companies: readonly CompanyCore[] };

const FACTS_ACCESS = {
  deal: (r: DealFactsRow) => r.deal,
  lastFollowUp: lastActivityOf,
  problems: (r: DealFactsRow) => r.openProblems,
  deferReasons: true,
} satisfies DealAccess<DealFactsRow, DealCore>;

function factsAccess(facts: FactsInput, filter: OverviewFilter): DealAccess<DealFactsRow, DealCore> {
  if (!filter.team) return FACTS_ACCESS;
  return { ...FACTS_ACCESS, dealTeam: new Map(facts.deals.map((r) => [r.id, r.deal?.team])) };
}

/**
 * The same overview from the derived rows the write path keeps
 * (shared/domain/derived.ts): what the screen shows at start without reading
 * every deal, follow-up and problem. The lit deals' reasons are worked out as
 * the lists show them.
 */
export function overviewFromFacts(
  facts: FactsInput,
  events: readonly Pick<LedgerEvent, 'id' | 'name'>[],
  filter: OverviewFilter,
  today: string,
  thresholds: LightThresholds,
): OverviewOf<DealCore, CompanyCore> {
  return overviewCore(
    facts.deals,
    factsAccess(facts, filter),
    facts.companies,
    events,
    filter,
    today,
    thresholds,
  );
}

/** Deals added up between two pauses of overviewFromFactsInSlices: a few milliseconds of work. */
export const OVERVIEW_SLICE = 4000;

/**
 * overviewFromFacts, with `pause` awaited after every OVERVIEW_SLICE deals,
 * so a page computing it at 100,000 deals answers a click in between. The
 * result is the one overviewFromFacts gives. `pause` is the caller's (the page
 * yields to its event loop); `cancelled` stops the work when its answer is no
 * longer wanted (the rows changed or the page closed), and the promise then
 * resolves to undefined.
 */
export async function overviewFromFactsInSlices(
  facts: FactsInput,
  events: readonly Pick<LedgerEvent, 'id' | 'name'>[],
  filter: OverviewFilter,
  today: string,
  thresholds: LightThresholds,
  pause: () => Promise<void>,
  cancelled: () => boolean = () => false,
): Promise<OverviewOf<DealCore, CompanyCore> | undefined> {
  const tally = new OverviewTally(factsAccess(facts, filter), events, filter, today, thresholds);
  const rows = facts.deals;
  for (let start = 0; start < rows.length; start += OVERVIEW_SLICE) {
    tally.addDeals(rows, start, Math.min(rows.length, start + OVERVIEW_SLICE));
    await pause();
    if (cancelled()) return undefined;
  }
  // Ordering each list of lit deals is a slice of its own too (tens of thousands at 100,000 deals).
  for (const light of ['red', 'yellow'] as const) {
    tally.sortLights(light);
    await pause();
    if (cancelled()) return undefined;
  }
  return tally.finish(facts.companies);
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
  const tally = new OverviewTally<I, D, C>(access, events, filter, today, thresholds);
  tally.addDeals(items, 0, items.length);
  return tally.finish(liveCompanies);
}

/**
 * The overview added up deal by deal (all at once, or a slice at a time),
 * then finished with the companies. One pass over the deals, no allocation
 * for a deal that is not lit: at 50,000 deals every extra pass shows.
 */
class OverviewTally<I, D extends DealCore, C extends CompanyCore> {
  private readonly eventNames: Map<string, string>;
  /** The byEvent row of each event id seen, so a deal costs one lookup rather than two. */
  private readonly eventRows = new Map<string, GroupRow>();
  private readonly day: LightDay;
  private readonly stageCounts = Object.fromEntries(DEAL_STAGES.map((s) => [s, 0])) as Record<
    DealStage,
    number
  >;
  private readonly byTeam = new Groups();
  private readonly byIndustry = new Groups();
  private readonly byEvent = new Groups();
  private readonly byMonth = new Groups();
  private readonly signedDeals: D[] = [];
  private readonly red = new LitList<D>();
  private readonly yellow = new LitList<D>();
  private green = 0;
  private agreed = 0;
  private firstPhase = 0;
  private enteredCount = 0;
  private enteredAmount = 0;

  constructor(
    private readonly access: DealAccess<I, D>,
    events: readonly Pick<LedgerEvent, 'id' | 'name'>[],
    private readonly filter: OverviewFilter,
    private readonly today: string,
    private readonly thresholds: LightThresholds,
  ) {
    this.eventNames = new Map(events.map((e) => [e.id, e.name]));
    this.day = { today, thresholds };
  }

  private eventRow(eventId: string | undefined): GroupRow {
    if (!eventId) return this.byEvent.row(NO_EVENT);
    let row = this.eventRows.get(eventId);
    if (!row) this.eventRows.set(eventId, (row = this.byEvent.row(this.eventNames.get(eventId) ?? NO_EVENT)));
    return row;
  }

  /** Adds the deals of items[start, end). */
  addDeals(items: readonly I[], start: number, end: number): void {
    const { access, filter, today, thresholds, stageCounts, signedDeals } = this;
    let { green, agreed, firstPhase, enteredCount, enteredAmount } = this;
    for (let i = start; i < end; i++) {
      const item = items[i]!;
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
        count(this.byTeam.row(deal.team ?? NO_TEAM), amount);
        count(this.byIndustry.row(deal.industry ?? NO_INDUSTRY), amount);
        count(this.eventRow(deal.eventId), amount);
        count(this.byMonth.row(deal.signedDate!.slice(0, 7)), amount);
      }
      // The light alone first; what a lit deal's row shows is worked out only for lit deals.
      const lastFollowUp = access.lastFollowUp(item);
      const problems = access.problems(item);
      const shown = lightOf(deal, lastFollowUp, today, thresholds, problems);
      if (shown === 'green') {
        green += 1;
        continue;
      }
      const lit: LitDeal<D> = access.deferReasons
        ? new DeferredLit(deal, lastFollowUp, problems, this.day)
        : { deal, light: computeLightSince(deal, lastFollowUp, today, thresholds, problems) };
      (shown === 'red' ? this.red : this.yellow).add(lit, progressSince(deal, lastFollowUp));
    }
    this.green = green;
    this.agreed = agreed;
    this.firstPhase = firstPhase;
    this.enteredCount = enteredCount;
    this.enteredAmount = enteredAmount;
  }

  /** Orders the lit deals of one light now (finish does it for the ones not yet ordered). */
  sortLights(light: 'red' | 'yellow'): void {
    this[light].sorted();
  }

  finish(liveCompanies: readonly C[]): OverviewOf<D, C> {
    const { filter, today } = this;
    const dealTeam = this.access.dealTeam;
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
      signed: { count: this.signedDeals.length, agreed: this.agreed, firstPhase: this.firstPhase },
      signedDeals: this.signedDeals,
      byTeam: this.byTeam.rows().sort(byAgreedThenCount),
      byIndustry: this.byIndustry.rows().sort(byAgreedThenCount),
      byEvent: this.byEvent.rows().sort(byAgreedThenCount),
      byMonth: this.byMonth.rows().sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
      stageCounts: this.stageCounts,
      lights: {
        red: this.red.items.length,
        yellow: this.yellow.items.length,
        green: this.green,
        redList: this.red.sorted(),
        yellowList: this.yellow.sorted(),
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
      statsEntry: { count: this.enteredCount, amount: this.enteredAmount },
    };
  }
}
