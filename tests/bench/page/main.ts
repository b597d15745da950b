/**
 * Benchmark page: runs the app's code paths and the bare stack's on the same
 * data in the same browser, and hands raw timings to tests/bench/run.ts.
 * Served from the app's origin so it fills the app's own database.
 */
import { Dexie } from 'dexie';
import { computeOverview } from '../../../shared/domain/overview';
import { generateSample } from '../../../shared/sample/generate';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { normalizeQuery } from '../../../shared/search/pinyin';
import { DB_NAME, LedgerDb } from '../../../renderer/src/db/schema';
import { SearchIndex } from '../../../renderer/src/db/searchIndex';

const now = () => performance.now();

async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = now();
  const value = await fn();
  return { ms: now() - t0, value };
}

export interface FillCounts {
  deals: number;
  contacts: number;
  companies: number;
}

const api = {
  async reset(): Promise<void> {
    await Dexie.delete(DB_NAME);
    await Dexie.delete('bench-bare');
  },

  /** Fills the app's database with the sample generator's records (not a measured figure). */
  async fill(counts: FillCounts, today: string): Promise<{ ms: number; followUps: number }> {
    const t0 = now();
    const data = generateSample({ today, seed: 50_000, ...counts });
    const db = new LedgerDb();
    await db.transaction('rw', [db.events, db.deals, db.contacts, db.companies, db.followUps], async () => {
      await db.events.bulkAdd(data.events);
      await db.deals.bulkAdd(data.deals);
      await db.contacts.bulkAdd(data.contacts);
      await db.companies.bulkAdd(data.companies);
      await db.followUps.bulkAdd(data.followUps);
    });
    db.close();
    return { ms: now() - t0, followUps: data.followUps.length };
  },

  /**
   * Each keystroke of each query against the in-memory index, including the
   * step the list does (keep the matching rows); the baseline is a Dexie
   * filter() scan of the deals for the same text.
   */
  async search(queries: string[]): Promise<{ buildMs: number; keystrokes: number[]; scan: number[]; hits: Record<string, number> }> {
    const index = new SearchIndex();
    const db = new LedgerDb();
    db.use(index.middleware());
    await db.open();
    const { ms: buildMs } = await time(() => index.build(db));
    const rows = await db.deals.toArray();
    const keystrokes: number[] = [];
    const hits: Record<string, number> = {};
    for (const query of queries) {
      for (let i = 1; i <= query.length; i++) {
        const prefix = query.slice(0, i);
        const t0 = now();
        const set = new Set(index.search('deal', prefix) ?? []);
        const kept = rows.filter((r) => set.has(r.id));
        keystrokes.push(now() - t0);
        hits[prefix] = kept.length;
      }
    }
    const scan: number[] = [];
    for (const query of queries.slice(0, 3)) {
      const q = normalizeQuery(query);
      const { ms } = await time(() =>
        db.deals.filter((d) => d.name.toLowerCase().includes(q) || d.investor.toLowerCase().includes(q)).toArray(),
      );
      scan.push(ms);
    }
    db.close();
    return { buildMs, keystrokes, scan, hits };
  },

  /** The overview as the app computes it, beside reading the same tables bare. */
  async overview(runs: number, today: string): Promise<{ compute: number[]; withReads: number[]; bareReads: number[] }> {
    const db = new LedgerDb();
    await db.open();
    const compute: number[] = [];
    const withReads: number[] = [];
    const bareReads: number[] = [];
    for (let i = 0; i < runs; i++) {
      const read = () => Promise.all([db.deals.toArray(), db.companies.toArray(), db.events.toArray(), db.followUps.toArray()]);
      const bare = await time(read);
      bareReads.push(bare.ms);
      const t0 = now();
      const [deals, companies, events, followUps] = await read();
      const t1 = now();
      computeOverview({ deals, companies, events, followUps }, {}, today, DEFAULT_SETTINGS.lightThresholds);
      const t2 = now();
      compute.push(t2 - t1);
      withReads.push(t2 - t0);
    }
    db.close();
    return { compute, withReads, bareReads };
  },

};

declare global {
  interface Window {
    bench: typeof api;
  }
}

window.bench = api;
document.title = 'bench-ready';
