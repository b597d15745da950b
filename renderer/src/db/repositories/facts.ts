/**
 * Reads of the derived rows (renderer/src/db/derived.ts keeps them): what
 * the overview and the progress figures start from, one small row per deal
 * and company instead of every deal, follow-up and problem.
 */
import {
  DEAL_PACKS,
  unpackFacts,
  type DealCore,
  type DealFactsRow,
  type DerivedFacts,
} from '../../../../shared/domain/derived';
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

export type DealActivity = Pick<DealFactsRow, 'lastFollowUp' | 'openProblems'>;

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

  /** The derived part of every live deal. */
  async liveDeals(): Promise<DealCore[]> {
    const rows = await dealRows(this.ctx.db);
    return rows.flatMap((row) => (row.deal ? [row.deal] : []));
  }

  /**
   * Each deal id's newest follow-up day and open problems, for a list's
   * lights; only ids that have either. Read in a transaction of its own, so a
   * live query does not cache the whole rows (each holds its deal's part too).
   */
  async dealActivity(): Promise<Map<string, DealActivity>> {
    const db = this.ctx.db;
    const rows = await db.transaction('r', db.dealFactPacks, () => dealRows(db));
    const out = new Map<string, DealActivity>();
    for (const r of rows)
      if (r.lastFollowUp || r.openProblems)
        out.set(r.id, { lastFollowUp: r.lastFollowUp, openProblems: r.openProblems });
    return out;
  }
}
