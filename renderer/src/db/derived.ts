/**
 * Keeps the derived rows (shared/domain/derived.ts) current from every
 * committed write, whoever makes it: forms, imports and their undo, exchange
 * merges, restores, the sample data and records applied by sync all write the
 * source tables through Dexie, so a DBCore middleware sees them all. Every
 * read-write transaction over a source table is widened to the derived tables
 * and the tables their rows are computed from, and the rows are written in
 * that same transaction: an aborted or crashed write leaves no derived trace,
 * and a committed one never leaves the rows behind.
 */
import type {
  DBCore,
  DBCoreKeyRange,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
} from 'dexie';
import {
  companyCoreOf,
  dealCoreOf,
  dealFactsRow,
  dealFollowUpsById,
  lastFollowUpOf,
  openProblemsOf,
  problemsByDealId,
  rebuildFacts,
  type CompanyCore,
  type DealFactsRow,
  type RawLedger,
} from '../../../shared/domain/derived';
import {
  applyToBucket,
  buildSummary,
  changesByBucket,
  type SummaryBucket,
  type SummaryChange,
} from '../../../shared/domain/summary';
import type { Company, Deal, FollowUp, Problem } from '../../../shared/domain/records';

export const DEAL_FACTS = 'dealFacts';
export const COMPANY_FACTS = 'companyFacts';
/** The start summary (shared/domain/summary.ts), kept from the derived rows as they are written. */
export const FACT_SUMMARY = 'factSummary';
/** Tables that hold derived rows only: never backed up, exported or restored; rebuilt from the rest. */
export const DERIVED_TABLES: readonly string[] = [DEAL_FACTS, COMPANY_FACTS, FACT_SUMMARY];
const SOURCES = new Set(['deals', 'followUps', 'problems', 'companies']);
const SCOPE = [...SOURCES, ...DERIVED_TABLES];

/** Above this many deals touched by one write, their follow-ups and problems are read in one pass. */
const ONE_PASS_OVER = 200;

const ANY: DBCoreKeyRange = { type: 3, lower: undefined, upper: undefined };
const equal = (key: unknown): DBCoreKeyRange => ({ type: 1, lower: key, upper: key });

/** Whether the derived tables exist in this transaction (not in an upgrade from before they did). */
function hasDerived(trans: DBCoreTransaction, table = DEAL_FACTS): boolean {
  const names = (trans as Partial<IDBTransaction>).objectStoreNames;
  return !names || names.contains(table);
}

/** The values a mutate request wrote: failed operations of a bulk write are left out. */
function written<T>(req: DBCoreMutateRequest, res: DBCoreMutateResponse): T[] {
  if (req.type !== 'add' && req.type !== 'put') return [];
  const values = req.values as T[];
  if (!res.numFailures) return values;
  return values.filter((_, i) => !(i in res.failures));
}

class Upkeep {
  constructor(private readonly down: DBCore) {}

  private async all<T>(table: string, trans: DBCoreTransaction): Promise<T[]> {
    const t = this.down.table(table);
    const res = await t.query({ trans, values: true, query: { index: t.schema.primaryKey, range: ANY } });
    return res.result as T[];
  }

  private async byIndex<T>(
    table: string,
    index: string,
    key: unknown,
    trans: DBCoreTransaction,
  ): Promise<T[]> {
    const t = this.down.table(table);
    const idx = t.schema.indexes.find((i) => i.name === index);
    if (!idx) throw new Error(`${table} has no index ${index}`);
    const res = await t.query({ trans, values: true, query: { index: idx, range: equal(key) } });
    return res.result as T[];
  }

  private async putRows(table: string, trans: DBCoreTransaction, rows: { id: string }[], gone: string[]) {
    const t = this.down.table(table);
    if (rows.length) await t.mutate({ type: 'put', trans, values: rows, keys: rows.map((r) => r.id) });
    if (gone.length) await t.mutate({ type: 'delete', trans, keys: gone });
    await this.summarize(
      trans,
      table === DEAL_FACTS
        ? { deals: rows as DealFactsRow[], dealsGone: gone }
        : { companies: rows as CompanyCore[], companiesGone: gone },
    );
  }

  /** The summary buckets the written derived rows fall in, rewritten with the same functions a rebuild uses. */
  private async summarize(trans: DBCoreTransaction, change: SummaryChange): Promise<void> {
    if (!hasDerived(trans, FACT_SUMMARY)) return;
    const byBucket = changesByBucket(change);
    if (!byBucket.size) return;
    const t = this.down.table(FACT_SUMMARY);
    const keys = [...byBucket.keys()];
    const old = (await t.getMany({ trans, keys })) as (SummaryBucket | undefined)[];
    const put: SummaryBucket[] = [];
    const gone: number[] = [];
    keys.forEach((key, i) => {
      const next = applyToBucket(old[i], key, byBucket.get(key)!);
      if (next) put.push(next);
      else if (old[i]) gone.push(key);
    });
    if (put.length) await t.mutate({ type: 'put', trans, values: put, keys: put.map((b) => b.bucket) });
    if (gone.length) await t.mutate({ type: 'delete', trans, keys: gone });
  }

  /** Replaces every derived row with a rebuild from the source tables. */
  async rebuild(trans: DBCoreTransaction): Promise<void> {
    const raw: RawLedger = {
      deals: await this.all<Deal>('deals', trans),
      companies: await this.all<Company>('companies', trans),
      followUps: await this.all<FollowUp>('followUps', trans),
      problems: await this.all<Problem>('problems', trans),
    };
    const facts = rebuildFacts(raw);
    for (const [table, rows] of [
      [DEAL_FACTS, facts.deals],
      [COMPANY_FACTS, facts.companies],
    ] as const) {
      const t = this.down.table(table);
      await t.mutate({ type: 'deleteRange', trans, range: ANY });
      if (rows.length) await t.mutate({ type: 'put', trans, values: rows, keys: rows.map((r) => r.id) });
    }
    if (!hasDerived(trans, FACT_SUMMARY)) return;
    const summary = this.down.table(FACT_SUMMARY);
    const buckets = buildSummary(facts);
    await summary.mutate({ type: 'deleteRange', trans, range: ANY });
    if (buckets.length)
      await summary.mutate({ type: 'put', trans, values: buckets, keys: buckets.map((b) => b.bucket) });
  }

  /** Deals written: their own part changes, their follow-up and problem parts are kept. */
  async deals(trans: DBCoreTransaction, deals: Deal[], deletedIds: string[]): Promise<void> {
    const byId = new Map<string, Deal | undefined>();
    for (const d of deals) byId.set(d.id, d);
    for (const id of deletedIds) byId.set(id, undefined);
    if (!byId.size) return;
    const ids = [...byId.keys()];
    const old = (await this.down.table(DEAL_FACTS).getMany({ trans, keys: ids })) as (
      DealFactsRow | undefined
    )[];
    const rows: DealFactsRow[] = [];
    const gone: string[] = [];
    ids.forEach((id, i) => {
      const row = dealFactsRow(id, dealCoreOf(byId.get(id)), old[i]?.lastFollowUp, old[i]?.openProblems);
      if (row) rows.push(row);
      else if (old[i]) gone.push(id);
    });
    await this.putRows(DEAL_FACTS, trans, rows, gone);
  }

  /** Follow-ups or problems of these deals changed: their part is computed again from the table. */
  async relations(trans: DBCoreTransaction, part: 'followUps' | 'problems', dealIds: Set<string>) {
    if (!dealIds.size) return;
    const ids = [...dealIds];
    const grouped = new Map<string, (FollowUp | Problem)[]>();
    if (ids.length > ONE_PASS_OVER) {
      const all =
        part === 'followUps'
          ? dealFollowUpsById(await this.all<FollowUp>('followUps', trans))
          : problemsByDealId(await this.all<Problem>('problems', trans));
      for (const id of ids) grouped.set(id, all.get(id) ?? []);
    } else {
      for (const id of ids)
        grouped.set(
          id,
          part === 'followUps'
            ? await this.byIndex<FollowUp>('followUps', '[targetKind+targetId]', ['deal', id], trans)
            : await this.byIndex<Problem>('problems', 'dealId', id, trans),
        );
    }
    const old = (await this.down.table(DEAL_FACTS).getMany({ trans, keys: ids })) as (
      DealFactsRow | undefined
    )[];
    const rows: DealFactsRow[] = [];
    const gone: string[] = [];
    ids.forEach((id, i) => {
      const list = grouped.get(id) ?? [];
      const row =
        part === 'followUps'
          ? dealFactsRow(id, old[i]?.deal, lastFollowUpOf(list as FollowUp[]), old[i]?.openProblems)
          : dealFactsRow(id, old[i]?.deal, old[i]?.lastFollowUp, openProblemsOf(list as Problem[]));
      if (row) rows.push(row);
      else if (old[i]) gone.push(id);
    });
    await this.putRows(DEAL_FACTS, trans, rows, gone);
  }

  async companies(trans: DBCoreTransaction, companies: Company[], deletedIds: string[]): Promise<void> {
    const rows: CompanyCore[] = [];
    const gone = [...deletedIds];
    for (const c of companies) {
      const core = companyCoreOf(c);
      if (core) rows.push(core);
      else gone.push(c.id);
    }
    await this.putRows(COMPANY_FACTS, trans, rows, gone);
  }

  /** Runs a write to a source table and keeps the derived rows in step with it. */
  async mutate(table: DBCoreTable, req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
    const { trans } = req;
    if (!hasDerived(trans)) return table.mutate(req);
    if (req.type === 'deleteRange') {
      const res = await table.mutate(req);
      await this.rebuild(trans);
      return res;
    }
    const name = table.name;
    if (name === 'followUps' || name === 'problems') {
      // The deals an edit or delete moves a follow-up or problem away from are touched too.
      const keys =
        req.type === 'delete'
          ? req.keys
          : req.type === 'put'
            ? (req.values as { id: string }[]).map((v) => v.id)
            : [];
      const before = keys.length
        ? ((await table.getMany({ trans, keys })) as (FollowUp | Problem | undefined)[])
        : [];
      const res = await table.mutate(req);
      const dealIds = new Set<string>();
      const dealOf = (r: FollowUp | Problem | undefined) => {
        if (!r) return;
        if ('targetKind' in r) {
          if (r.targetKind === 'deal') dealIds.add(r.targetId);
        } else dealIds.add(r.dealId);
      };
      before.forEach(dealOf);
      written<FollowUp | Problem>(req, res).forEach(dealOf);
      await this.relations(trans, name, dealIds);
      return res;
    }
    const res = await table.mutate(req);
    const deleted = req.type === 'delete' ? (req.keys as string[]) : [];
    if (name === 'deals') await this.deals(trans, written<Deal>(req, res), deleted);
    else await this.companies(trans, written<Company>(req, res), deleted);
    return res;
  }
}

/** The middleware `LedgerDb` registers on itself, so no database is ever opened without it. */
export function derivedMiddleware(): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'derived-facts',
    create: (down) => {
      const upkeep = new Upkeep(down);
      return {
        ...down,
        transaction: (stores, mode, options) => {
          const widened =
            mode === 'readwrite' && stores.some((s) => SOURCES.has(s))
              ? [...new Set([...stores, ...SCOPE])]
              : stores;
          return down.transaction(widened, mode, options);
        },
        table: (name: string): DBCoreTable => {
          const table = down.table(name);
          if (!SOURCES.has(name)) return table;
          return { ...table, mutate: (req) => upkeep.mutate(table, req) };
        },
      };
    },
  };
}
