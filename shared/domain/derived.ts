/**
 * Derived figures (派生数据): what the overview, its lights and the progress
 * section need of each deal and company, kept small enough that a start reads
 * them instead of every deal, follow-up and problem. One pure definition
 * serves both the full rebuild and the write path's incremental upkeep, so
 * the two can only agree: the write path recomputes the rows of the records a
 * write touched with the same functions the rebuild maps over every record.
 */
import { isOpen } from './problems';
import type { Company, Deal, FollowUp, FundReport, Milestone, Problem, StageChange } from './records';

/** The deal fields the overview, the lights and the progress figures read as they are. */
export const DEAL_CORE_FIELDS = [
  'id',
  'name',
  'team',
  'leader',
  'industry',
  'eventId',
  'stage',
  'signedDate',
  'agreedInvestment',
  'firstPhaseInvestment',
  'statsEntryDate',
  'statsEntryAmount',
  'lightOverride',
] as const satisfies readonly (keyof Deal)[];

/**
 * A deal's derived part, kept small because a start reads one per deal: the
 * stage history without who and when it was recorded, only the milestones
 * that can fall overdue (planned, not done), and the newest day one was done
 * (it counts as progress).
 */
export type DealCore = Pick<Deal, (typeof DEAL_CORE_FIELDS)[number]> & DealLightParts;

/** What a deal's light and last progress read besides its plain fields (a list row keeps these too). */
export interface DealLightParts {
  stageHistory: Pick<StageChange, 'stage' | 'date'>[];
  milestones: Pick<Milestone, 'name' | 'plannedDate'>[];
  lastMilestoneDone?: string;
}

/** The company fields the overview reads. */
export const COMPANY_CORE_FIELDS = [
  'id',
  'name',
  'originCity',
  'originDistrict',
  'status',
  'statusHistory',
  'signedDate',
  'dealId',
] as const satisfies readonly (keyof Company)[];
export type CompanyCore = Pick<Company, (typeof COMPANY_CORE_FIELDS)[number]>;

export type ProblemFacts = Pick<Problem, 'status' | 'deadline' | 'description' | 'unit'>;

/**
 * One row per deal id. `deal` is there while the deal is live; the follow-up,
 * problem and fund parts are kept for any id that has them, even before its
 * deal arrives or after it is deleted, so a deal write never has to look up
 * its follow-ups, problems or reports.
 */
export interface DealFactsRow {
  id: string;
  deal?: DealCore;
  /** Newest date of the deal's live follow-ups. */
  lastFollowUp?: string;
  /** The deal's open problems (问题台账), as the lights read them. */
  openProblems?: ProblemFacts[];
  /**
   * The deal's live fund reports summed by month, oldest first (目标完成's
   * 到位资金 and the list's totals), written as one string (fundPartOf,
   * fundMonthsIn): a row's parts are read on every start, and one string per
   * deal costs the overview nothing like an object per month does.
   */
  funds?: string;
}

/** One month of a deal's fund reports, in 元: 资金到位 (`funds`) and 完成投资 (`invested`). */
export interface FundMonth {
  month: string;
  funds: number;
  invested: number;
}

/** What the fund part reads of a report. */
export type FundReportPart = Pick<FundReport, 'month' | 'kind' | 'amount' | 'deletedAt'>;

/** A row's parts besides its id; a part left out is not kept. */
export type DealFactsParts = Omit<DealFactsRow, 'id'>;

export type LiveDealFacts = DealFactsRow & { deal: DealCore };

/** Every derived figure of the ledger: what the rebuild produces and the write path keeps. */
export interface DerivedFacts {
  deals: DealFactsRow[];
  companies: CompanyCore[];
}

function pick<T extends object, K extends keyof T>(record: T, fields: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const f of fields) if (record[f] !== undefined) out[f] = record[f];
  return out;
}

/** The deal's own part; undefined for a deleted or missing deal. */
export function dealCoreOf(deal: Deal | undefined): DealCore | undefined {
  if (!deal || deal.deletedAt) return undefined;
  return { ...pick(deal, DEAL_CORE_FIELDS), ...dealLightPartsOf(deal) };
}

/**
 * The stage history without who and when it was recorded, only the
 * milestones that can fall overdue (planned, not done), and the newest day
 * one was done (it counts as progress).
 */
export function dealLightPartsOf(deal: Pick<Deal, 'stageHistory' | 'milestones'>): DealLightParts {
  const parts: DealLightParts = {
    stageHistory: deal.stageHistory.map((h) => ({ stage: h.stage, date: h.date })),
    milestones: [],
  };
  for (const m of deal.milestones) {
    if (m.doneDate) {
      if (!parts.lastMilestoneDone || m.doneDate > parts.lastMilestoneDone)
        parts.lastMilestoneDone = m.doneDate;
    } else if (m.plannedDate) parts.milestones.push({ name: m.name, plannedDate: m.plannedDate });
  }
  return parts;
}

/** The newest of a row's follow-up day and milestone done day: with the stage dates, its progress. */
export function lastActivityOf(row: DealFactsRow): string | undefined {
  return laterDay(row.lastFollowUp, row.deal?.lastMilestoneDone);
}

/** The later of two ISO days, either of which may be missing. */
export function laterDay(a: string | undefined, b: string | undefined): string | undefined {
  return a && b ? (a > b ? a : b) : (a ?? b);
}

/** The company's row; undefined for a deleted or missing company. */
export function companyCoreOf(company: Company | undefined): CompanyCore | undefined {
  return company && !company.deletedAt ? pick(company, COMPANY_CORE_FIELDS) : undefined;
}

/** Newest date among one deal's live follow-ups. */
export function lastFollowUpOf(
  followUps: readonly Pick<FollowUp, 'date' | 'deletedAt'>[],
): string | undefined {
  let best: string | undefined;
  for (const f of followUps)
    if (!f.deletedAt && f.date && (best === undefined || f.date > best)) best = f.date;
  return best;
}

/** One deal's open problems, in id order (so a rebuild and an upkeep list them alike). */
export function openProblemsOf(problems: readonly Problem[]): ProblemFacts[] | undefined {
  const open = problems.filter(isOpen).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (!open.length) return undefined;
  return open.map((p) => pick(p, ['status', 'deadline', 'description', 'unit'] as const));
}

/**
 * One deal's live fund reports summed by month, oldest first; undefined when
 * it has none. The reports are added in the order given (id order, in both
 * the rebuild and the upkeep), so both arrive at the same sums.
 */
export function fundMonthsOf(reports: readonly FundReportPart[]): FundMonth[] | undefined {
  const byMonth = new Map<string, FundMonth>();
  for (const f of reports) {
    if (f.deletedAt) continue;
    let m = byMonth.get(f.month);
    if (!m) byMonth.set(f.month, (m = { month: f.month, funds: 0, invested: 0 }));
    m[f.kind] += f.amount;
  }
  if (!byMonth.size) return undefined;
  return [...byMonth.values()].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
}

/**
 * One deal's fund part of its row, from its reports: what the rebuild and the
 * upkeep both store, e.g. `2026-06,84370000,0;2026-07,1200000,500000`.
 */
export function fundPartOf(reports: readonly FundReportPart[]): string | undefined {
  return fundMonthsOf(reports)
    ?.map((m) => `${m.month},${m.funds},${m.invested}`)
    .join(';');
}

/** The months a row's fund part holds (numbers written by String() read back exactly). */
export function fundMonthsIn(row: Pick<DealFactsRow, 'funds'> | undefined): FundMonth[] {
  if (!row?.funds) return [];
  return row.funds.split(';').map((entry) => {
    const [month, funds, invested] = entry.split(',');
    return { month: month!, funds: Number(funds), invested: Number(invested) };
  });
}

/** A deal's 到位资金 and 完成投资 over every month, from its row. */
export function fundTotalsOf(row: Pick<DealFactsRow, 'funds'> | undefined): {
  funds: number;
  invested: number;
} {
  let funds = 0;
  let invested = 0;
  for (const m of fundMonthsIn(row)) {
    funds += m.funds;
    invested += m.invested;
  }
  return { funds, invested };
}

/** A deal id's row from its parts; undefined when there is nothing to keep. */
export function dealFactsRow(id: string, parts: DealFactsParts): DealFactsRow | undefined {
  const { deal, lastFollowUp, openProblems, funds } = parts;
  if (!deal && !lastFollowUp && !openProblems && !funds) return undefined;
  const row: DealFactsRow = { id };
  if (deal) row.deal = deal;
  if (lastFollowUp) row.lastFollowUp = lastFollowUp;
  if (openProblems) row.openProblems = openProblems;
  if (funds) row.funds = funds;
  return row;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string | undefined): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === undefined) continue;
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

export interface RawLedger {
  deals: readonly Deal[];
  companies: readonly Company[];
  followUps: readonly FollowUp[];
  problems: readonly Problem[];
  fundReports: readonly FundReport[];
}

/** Follow-ups of deals by deal id (follow-ups of contacts and companies play no part). */
export function dealFollowUpsById(followUps: readonly FollowUp[]): Map<string, FollowUp[]> {
  return groupBy(followUps, (f) => (f.targetKind === 'deal' ? f.targetId : undefined));
}

export function problemsByDealId(problems: readonly Problem[]): Map<string, Problem[]> {
  return groupBy(problems, (p) => p.dealId);
}

export function fundReportsByDealId(reports: readonly FundReport[]): Map<string, FundReport[]> {
  return groupBy(reports, (f) => f.dealId);
}

/** Every derived row from the raw tables, in id order. */
export function rebuildFacts(raw: RawLedger): DerivedFacts {
  const followUps = dealFollowUpsById(raw.followUps);
  const problems = problemsByDealId(raw.problems);
  const funds = fundReportsByDealId(raw.fundReports);
  const dealsById = new Map(raw.deals.map((d) => [d.id, d]));
  const ids = new Set([...dealsById.keys(), ...followUps.keys(), ...problems.keys(), ...funds.keys()]);
  const deals: DealFactsRow[] = [];
  for (const id of ids) {
    const row = dealFactsRow(id, {
      deal: dealCoreOf(dealsById.get(id)),
      lastFollowUp: lastFollowUpOf(followUps.get(id) ?? []),
      openProblems: openProblemsOf(problems.get(id) ?? []),
      funds: fundPartOf(funds.get(id) ?? []),
    });
    if (row) deals.push(row);
  }
  const companies: CompanyCore[] = [];
  for (const c of raw.companies) {
    const core = companyCoreOf(c);
    if (core) companies.push(core);
  }
  return { deals: deals.sort(byId), companies: companies.sort(byId) };
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** FNV-1a of an id's UTF-16 code units: the stable hash that spreads ids over packs and summary buckets. */
export function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * How many packs the deal rows are spread over: about 200 rows a pack at
 * 50,000 deals, so an import stores 256 rows instead of one per deal, and an
 * edit rewrites one pack. A multiple of the summary's bucket count, so a
 * pack's ids all fall in one summary bucket.
 */
export const DEAL_PACKS = 256;

/** The deal rows whose ids fall in one pack, in id order. */
export interface DealFactsPack {
  bucket: number;
  rows: DealFactsRow[];
}

/** The pack a deal id's row is stored in. */
export function packOf(id: string): number {
  return idHash(id) % DEAL_PACKS;
}

/**
 * A pack after a change: its stored rows with `gone` removed and `rows` put
 * (a row replaces the one of its id); undefined when nothing is left. The
 * rebuild makes every pack with this function from no stored pack.
 */
export function repack(
  old: DealFactsPack | undefined,
  bucket: number,
  rows: readonly DealFactsRow[],
  gone: readonly string[],
): DealFactsPack | undefined {
  const next = new Map<string, DealFactsRow>();
  for (const r of old?.rows ?? []) next.set(r.id, r);
  for (const id of gone) next.delete(id);
  for (const r of rows) next.set(r.id, r);
  if (!next.size) return undefined;
  return { bucket, rows: [...next.values()].sort(byId) };
}

/** Rows and removed ids grouped by the pack they fall in. */
export function changesByPack(
  rows: readonly DealFactsRow[],
  gone: readonly string[],
): Map<number, { rows: DealFactsRow[]; gone: string[] }> {
  const out = new Map<number, { rows: DealFactsRow[]; gone: string[] }>();
  const part = (id: string) => {
    const key = packOf(id);
    let p = out.get(key);
    if (!p) out.set(key, (p = { rows: [], gone: [] }));
    return p;
  };
  for (const r of rows) part(r.id).rows.push(r);
  for (const id of gone) part(id).gone.push(id);
  return out;
}

/** Every pack of these rows, in pack order. */
export function packFacts(rows: readonly DealFactsRow[]): DealFactsPack[] {
  const packs: DealFactsPack[] = [];
  for (const [bucket, part] of changesByPack(rows, [])) {
    const pack = repack(undefined, bucket, part.rows, part.gone);
    if (pack) packs.push(pack);
  }
  return packs.sort((a, b) => a.bucket - b.bucket);
}

/** The rows of these packs, pack after pack (each in id order). */
export function unpackFacts(packs: readonly DealFactsPack[]): DealFactsRow[] {
  return packs.flatMap((p) => p.rows);
}

/** The rows that carry a live deal. */
export function liveDealFacts(rows: readonly DealFactsRow[]): LiveDealFacts[] {
  return rows.filter((r): r is LiveDealFacts => r.deal !== undefined);
}
