/**
 * Reads of the derived rows (renderer/src/db/derived.ts keeps them): what
 * the overview and the progress figures start from, one small row per deal
 * and company instead of every deal, follow-up and problem.
 */
import type { DealCore, DealFactsRow, DerivedFacts } from '../../../../shared/domain/derived';

import type { SummaryBucket } from '../../../../shared/domain/summary';
import type { RepoContext } from './context';
import { readInParts } from './parts';

export type DealActivity = Pick<DealFactsRow, 'lastFollowUp' | 'openProblems'>;

export class FactsRepository {
  constructor(private readonly ctx: RepoContext) {}

  /** Every derived row, read in one transaction so deals and companies agree. */
  async all(): Promise<DerivedFacts> {
    const db = this.ctx.db;
    return db.transaction('r', [db.dealFacts, db.companyFacts], async () => ({
      deals: await readInParts(db.dealFacts),
      companies: await readInParts(db.companyFacts),
    }));
  }

  /** The start summary's buckets (a few dozen rows): the overview's headline figures without the rows above. */
  async summary(): Promise<SummaryBucket[]> {
    return this.ctx.db.factSummary.toArray();
  }

  /** The derived part of every live deal. */
  async liveDeals(): Promise<DealCore[]> {
    const rows = await readInParts(this.ctx.db.dealFacts);
    return rows.flatMap((row) => (row.deal ? [row.deal] : []));
  }

  /**
   * Each deal id's newest follow-up day and open problems, for a list's
   * lights; only ids that have either. Read in a transaction of its own, so a
   * live query does not cache the whole rows (each holds its deal's part too).
   */
  async dealActivity(): Promise<Map<string, DealActivity>> {
    const db = this.ctx.db;
    const rows = await db.transaction('r', db.dealFacts, () => readInParts(db.dealFacts));
    const out = new Map<string, DealActivity>();
    for (const r of rows)
      if (r.lastFollowUp || r.openProblems)
        out.set(r.id, { lastFollowUp: r.lastFollowUp, openProblems: r.openProblems });
    return out;
  }
}
