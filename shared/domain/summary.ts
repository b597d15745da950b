/**
 * The start summary (启动摘要): the overview's headline figures — signings,
 * 入库, the red/yellow/green counts and the registration rate — for any
 * period, any today and any light thresholds, from a few dozen rows instead
 * of one row per deal.
 *
 * Every live deal and company is one short run of numbers (day numbers and
 * amounts) in a bucket chosen by its id; a bucket is stored as one
 * Float64Array, which IndexedDB reads back in one copy rather than as
 * thousands of objects. The light part holds only the days the rules start
 * from (earliest planned undone milestone, earliest open problem deadline,
 * signing day of a deal not started, newest progress): a light only worsens
 * as days pass without a write, so the light for any today and thresholds is
 * a few comparisons, and the write path never needs the settings.
 *
 * One definition: the entries are computed from the derived rows
 * (shared/domain/derived.ts) by the same functions for the rebuild and for
 * the write path's upkeep, and a test holds the figures equal to
 * overviewFromFacts over the full rows.
 */
import type { LightThresholds } from '../settings';
import { dayNumber } from './dates';
import { idHash, lastActivityOf, type CompanyCore, type DealFactsRow, type DerivedFacts } from './derived';
import { formatRate } from './overview';
import type { Light } from './records';

/** How many buckets the entries are spread over: a write rewrites one bucket of about 1/64 of the ledger. */
export const SUMMARY_BUCKETS = 64;

/** Numbers per deal entry, in this order. */
const D = {
  signed: 0,
  cancelled: 1,
  agreed: 2,
  firstPhase: 3,
  entryDay: 4,
  entryAmount: 5,
  /** Earliest planned day of a milestone not done. */
  planned: 6,
  /** Earliest deadline of an open problem. */
  deadline: 7,
  /** Signing day, when the deal has not started work. */
  notStarted: 8,
  lastProgress: 9,
  /** 0 none, else 1 + index in LIGHT_CODES. */
  override: 10,
  /** 1 when the rules never light the deal (已投产, 已终止). */
  quiet: 11,
} as const;
const DEAL_WIDTH = 12;
/** Numbers per company entry: signing day, 1 when registered or later. */
const COMPANY_WIDTH = 2;

const LIGHT_CODES: readonly Light[] = ['green', 'yellow', 'red'];
const NOT_STARTED = new Set(['negotiating', 'signed', 'registered', 'on_hold']);
const REGISTERED_OR_LATER = new Set(['registered', 'moved_in', 'producing']);

/** One bucket's entries, each list in id order. */
export interface SummaryBucket {
  bucket: number;
  dealIds: string[];
  /** DEAL_WIDTH numbers per id of dealIds. */
  deals: Float64Array;
  companyIds: string[];
  /** COMPANY_WIDTH numbers per id of companyIds. */
  companies: Float64Array;
}

/** The bucket an id belongs to (FNV-1a of its UTF-16 code units; a deal's pack falls in one bucket). */
export function bucketOf(id: string): number {
  return idHash(id) % SUMMARY_BUCKETS;
}

const day = (iso: string | undefined): number => (iso ? dayNumber(iso) : NaN);
const minDay = (a: number, iso: string | undefined): number => {
  const d = day(iso);
  return Number.isNaN(a) || d < a ? d : a;
};

/** A deal row's entry; undefined when the row carries no live deal. */
export function dealEntry(row: DealFactsRow): number[] | undefined {
  const deal = row.deal;
  if (!deal) return undefined;
  const e = new Array<number>(DEAL_WIDTH).fill(NaN);
  e[D.signed] = day(deal.signedDate);
  e[D.cancelled] = deal.stage === 'cancelled' ? 1 : 0;
  e[D.agreed] = deal.agreedInvestment ?? 0;
  e[D.firstPhase] = deal.firstPhaseInvestment ?? 0;
  e[D.entryDay] = day(deal.statsEntryDate);
  e[D.entryAmount] = deal.statsEntryAmount ?? 0;
  for (const m of deal.milestones) e[D.planned] = minDay(e[D.planned]!, m.plannedDate);
  for (const p of row.openProblems ?? []) e[D.deadline] = minDay(e[D.deadline]!, p.deadline);
  if (NOT_STARTED.has(deal.stage)) e[D.notStarted] = day(deal.signedDate);
  let progress = lastActivityOf(row);
  for (const h of deal.stageHistory) if (h.date && (!progress || h.date > progress)) progress = h.date;
  e[D.lastProgress] = day(progress);
  e[D.override] = deal.lightOverride ? LIGHT_CODES.indexOf(deal.lightOverride.light) + 1 : 0;
  e[D.quiet] = deal.stage === 'producing' || deal.stage === 'cancelled' ? 1 : 0;
  return e;
}

/** A company's entry. */
export function companyEntry(c: CompanyCore): number[] {
  const registered =
    REGISTERED_OR_LATER.has(c.status) || c.statusHistory.some((h) => REGISTERED_OR_LATER.has(h.stage));
  return [day(c.signedDate ?? c.statusHistory[0]?.date), registered ? 1 : 0];
}

interface Part {
  ids: string[];
  nums: number[][];
}

function pack(parts: Part, width: number): Float64Array {
  const out = new Float64Array(parts.ids.length * width);
  parts.nums.forEach((n, i) => out.set(n, i * width));
  return out;
}

function unpack(ids: readonly string[], nums: Float64Array, width: number): Map<string, number[]> {
  const map = new Map<string, number[]>();
  ids.forEach((id, i) => map.set(id, Array.from(nums.subarray(i * width, (i + 1) * width))));
  return map;
}

function sortedPart(map: Map<string, number[]>): Part {
  const ids = [...map.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { ids, nums: ids.map((id) => map.get(id)!) };
}

function bucketFrom(bucket: number, deals: Map<string, number[]>, companies: Map<string, number[]>) {
  if (!deals.size && !companies.size) return undefined;
  const d = sortedPart(deals);
  const c = sortedPart(companies);
  return {
    bucket,
    dealIds: d.ids,
    deals: pack(d, DEAL_WIDTH),
    companyIds: c.ids,
    companies: pack(c, COMPANY_WIDTH),
  } satisfies SummaryBucket;
}

/** Every bucket from the derived rows, in bucket order (empty buckets are not kept). */
export function buildSummary(facts: DerivedFacts): SummaryBucket[] {
  const change: SummaryChange = { deals: facts.deals, companies: facts.companies };
  const out: SummaryBucket[] = [];
  for (const [bucket, parts] of changesByBucket(change)) {
    const b = applyToBucket(undefined, bucket, parts);
    if (b) out.push(b);
  }
  return out.sort((a, b) => a.bucket - b.bucket);
}

/** Derived rows written and ids whose rows are gone, as one write left them. */
export interface SummaryChange {
  deals?: readonly DealFactsRow[];
  dealsGone?: readonly string[];
  companies?: readonly CompanyCore[];
  companiesGone?: readonly string[];
}

/** A change split by the bucket each id falls in. */
export function changesByBucket(change: SummaryChange): Map<number, SummaryChange> {
  const map = new Map<number, Required<SummaryChange>>();
  const of = (id: string) => {
    const b = bucketOf(id);
    let c = map.get(b);
    if (!c) map.set(b, (c = { deals: [], dealsGone: [], companies: [], companiesGone: [] }));
    return c;
  };
  for (const r of change.deals ?? []) (of(r.id).deals as DealFactsRow[]).push(r);
  for (const id of change.dealsGone ?? []) (of(id).dealsGone as string[]).push(id);
  for (const c of change.companies ?? []) (of(c.id).companies as CompanyCore[]).push(c);
  for (const id of change.companiesGone ?? []) (of(id).companiesGone as string[]).push(id);
  return map;
}

/** One bucket after a change of rows that all fall in it; undefined when it holds nothing. */
export function applyToBucket(
  old: SummaryBucket | undefined,
  bucket: number,
  change: SummaryChange,
): SummaryBucket | undefined {
  const deals = old ? unpack(old.dealIds, old.deals, DEAL_WIDTH) : new Map<string, number[]>();
  const companies = old ? unpack(old.companyIds, old.companies, COMPANY_WIDTH) : new Map<string, number[]>();
  for (const id of change.dealsGone ?? []) deals.delete(id);
  for (const r of change.deals ?? []) {
    const e = dealEntry(r);
    if (e) deals.set(r.id, e);
    else deals.delete(r.id);
  }
  for (const id of change.companiesGone ?? []) companies.delete(id);
  for (const c of change.companies ?? []) companies.set(c.id, companyEntry(c));
  return bucketFrom(bucket, deals, companies);
}

/** The headline figures of the overview (总览) for the whole ledger. */
export interface SummaryFigures {
  signed: { count: number; agreed: number; firstPhase: number };
  statsEntry: { count: number; amount: number };
  lights: { red: number; yellow: number; green: number };
  companies: { signed: number; registered: number; registrationRate: number; registrationRateText: string };
}

/** The light of one deal entry at day `t` (a day number), under the thresholds. */
function lightAt(d: Float64Array, o: number, t: number, th: LightThresholds): number {
  const override = d[o + D.override]!;
  if (override) return override - 1;
  if (d[o + D.quiet]) return 0;
  const planned = d[o + D.planned]!;
  const deadline = d[o + D.deadline]!;
  const progress = d[o + D.lastProgress]!;
  const late = Math.max(th.redOverdueDays, 0);
  if (
    t - planned > late ||
    t - deadline > late ||
    t - d[o + D.notStarted]! > th.redSignedNotStartedDays ||
    t - progress >= th.redNoProgressDays
  )
    return 2;
  if (t - planned >= 1 || t - deadline >= 1 || t - progress >= th.yellowNoProgressDays) return 1;
  return 0;
}

/**
 * The figures of a period (both ends inclusive ISO days; none = every day)
 * at `today`: the same numbers overviewFromFacts gives with no team chosen.
 */
export function figuresFromSummary(
  buckets: readonly SummaryBucket[],
  filter: { from?: string; to?: string },
  today: string,
  thresholds: LightThresholds,
): SummaryFigures {
  const from = filter.from ? dayNumber(filter.from) : -Infinity;
  const to = filter.to ? dayNumber(filter.to) : Infinity;
  const t = dayNumber(today);
  const lights = [0, 0, 0];
  let count = 0;
  let agreed = 0;
  let firstPhase = 0;
  let entries = 0;
  let entryAmount = 0;
  let companies = 0;
  let registered = 0;
  for (const b of buckets) {
    const d = b.deals;
    for (let o = 0; o < d.length; o += DEAL_WIDTH) {
      const entry = d[o + D.entryDay]!;
      if (entry >= from && entry <= to) {
        entries += 1;
        entryAmount += d[o + D.entryAmount]!;
      }
      if (d[o + D.cancelled]) continue;
      const signed = d[o + D.signed]!;
      if (signed >= from && signed <= to) {
        count += 1;
        agreed += d[o + D.agreed]!;
        firstPhase += d[o + D.firstPhase]!;
      }
      lights[lightAt(d, o, t, thresholds)]! += 1;
    }
    const c = b.companies;
    for (let o = 0; o < c.length; o += COMPANY_WIDTH) {
      const signed = c[o]!;
      if (!(signed >= from && signed <= to)) continue;
      companies += 1;
      registered += c[o + 1]!;
    }
  }
  const rate = companies ? registered / companies : 0;
  return {
    signed: { count, agreed, firstPhase },
    statsEntry: { count: entries, amount: entryAmount },
    lights: { green: lights[0]!, yellow: lights[1]!, red: lights[2]! },
    companies: {
      signed: companies,
      registered,
      registrationRate: rate,
      registrationRateText: formatRate(rate),
    },
  };
}
