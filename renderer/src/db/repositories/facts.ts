/**
 * Reads of the derived rows (renderer/src/db/derived.ts keeps them): what
 * the overview and the progress figures start from, one small row per deal
 * and company instead of every deal, follow-up and problem.
 */
import {
  DEAL_PACKS,
  fundMonthsIn,
  fundTotalsOf,
  unpackFacts,
  type DealCore,
  type DealFactsRow,
  type DerivedFacts,
} from '../../../../shared/domain/derived';
import type { ProgressFund } from '../../../../shared/domain/progress';
import type { LedgerDb } from '../schema';

import type { SummaryBucket } from '../../../../shared/domain/summary';
import type { RepoContext } from './context';
import { readInParts } from './parts';

/** Packs read per request: the rows of a pack come to the page in one task, 16 packs (about 3,000 deals) at a time. */
const PACKS_PER_PART = 16;

/**
 * Every deal row, from its packs read as 16 key ranges (as readInParts does
 * for a table of rows), so 50,000 deals do not reach the page in one long task.
 */
async function dealRows(db: LedgerDb): Promise<DealFactsRow[]> {
  const pending = [];
  for (let lower = 0; lower < DEAL_PACKS; lower += PACKS_PER_PART)
    pending.push(
      db.dealFactPacks
        .where(':id')
        .between(lower, lower + PACKS_PER_PART, true, false)
        .toArray(),
    );
  const rows: DealFactsRow[][] = [];
  for (const part of pending) rows.push(unpackFacts(await part));
  return rows.flat();
}

/** Every deal row, in a read-only transaction of its own: a live query then does not cache the packs. */
function dealRowsApart(db: LedgerDb): Promise<DealFactsRow[]> {
  return db.transaction('r', db.dealFactPacks, () => dealRows(db));
}

/** What a list row needs of a deal's derived row: its lights' inputs and its fund totals (元). */
export type DealActivity = Pick<DealFactsRow, 'lastFollowUp' | 'openProblems'> & {
  funds: number;
  invested: number;
};

export class FactsRepository {
  constructor(private readonly ctx: RepoContext) {}

  /** Every derived row, read in one transaction so deals and companies agree. */
  async all(): Promise<DerivedFacts> {
    const db = this.ctx.db;
    return db.transaction('r', [db.dealFactPacks, db.companyFacts], async () => ({
      deals: await dealRows(db),
      companies: await readInParts(db.companyFacts),
    }));
  }

  /** The start summary's buckets (a few dozen rows): the overview's headline figures without the rows above. */
  async summary(): Promise<SummaryBucket[]> {
    return this.ctx.db.factSummary.toArray();
  }

  /**
   * Each deal id's newest follow-up day, open problems and fund totals, for a
   * list's lights and its 到位资金 and 完成投资; only ids that have any. Read in
   * a transaction of its own, so a live query does not cache the whole rows
   * (each holds its deal's part too).
   */
  async dealActivity(): Promise<Map<string, DealActivity>> {
    const rows = await dealRowsApart(this.ctx.db);
    const out = new Map<string, DealActivity>();
    for (const r of rows)
      if (r.lastFollowUp || r.openProblems || r.funds)
        out.set(r.id, { lastFollowUp: r.lastFollowUp, openProblems: r.openProblems, ...fundTotalsOf(r) });
    return out;
  }

  /**
   * 目标完成's input from the packs alone: the live deals, and each deal's
   * 到位资金 by month as one report per month. The sums are the reports' own
   * (shared/domain/derived.ts fundPartOf), so the figures equal those from
   * every report (the summary report's), without reading 150,000 of them.
   */
  async progressInput(): Promise<{ deals: DealCore[]; fundReports: ProgressFund[] }> {
    const rows = await dealRowsApart(this.ctx.db);
    const deals: DealCore[] = [];
    const fundReports: ProgressFund[] = [];
    for (const r of rows) {
      if (r.deal) deals.push(r.deal);
      for (const m of fundMonthsIn(r))
        if (m.funds) fundReports.push({ dealId: r.id, kind: 'funds', month: m.month, amount: m.funds });
    }
    return { deals, fundReports };
  }
}
