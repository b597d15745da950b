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
import type { Dexie } from 'dexie';
import {
  changesByPack,
  companyCoreOf,
  dealCoreOf,
  dealFactsRow,
  dealFollowUpsById,
  fundPartOf,
  fundReportsByDealId,
  lastFollowUpOf,
  openProblemsOf,
  packFacts,
  packOf,
  problemsByDealId,
  rebuildFacts,
  repack,
  type CompanyCore,
  type DealFactsPack,
  type DealFactsRow,
  type RawLedger,
} from '../../../shared/domain/derived';
import {
  applyToBucket,
  bucketOf,
  buildSummary,
  changesByBucket,
  type SummaryBucket,
  type SummaryChange,
} from '../../../shared/domain/summary';
import type { Company, Deal, FollowUp, FundReport, Problem } from '../../../shared/domain/records';

/** The deal rows, packed by id (shared/domain/derived.ts DealFactsPack): one stored row holds a few hundred. */
export const DEAL_FACT_PACKS = 'dealFactPacks';
export const COMPANY_FACTS = 'companyFacts';
/** The start summary (shared/domain/summary.ts), kept from the derived rows as they are written. */
export const FACT_SUMMARY = 'factSummary';
/** Tables that hold derived rows only: never backed up, exported or restored; rebuilt from the rest. */
export const DERIVED_TABLES: readonly string[] = [DEAL_FACT_PACKS, COMPANY_FACTS, FACT_SUMMARY];
const SOURCES = new Set(['deals', 'followUps', 'problems', 'fundReports', 'companies']);
const SCOPE = [...SOURCES, ...DERIVED_TABLES];

/** Above this many deals touched by one write, their follow-ups, problems or reports are read in one pass. */
const ONE_PASS_OVER = 200;

const ANY: DBCoreKeyRange = { type: 3, lower: undefined, upper: undefined };
const equal = (key: unknown): DBCoreKeyRange => ({ type: 1, lower: key, upper: key });

/** Whether the derived tables exist in this transaction (not in an upgrade from before they did). */
function hasDerived(trans: DBCoreTransaction, table = DEAL_FACT_PACKS): boolean {
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

/** Summary buckets to write: the ones recomputed and the ones left empty. */
interface SummaryWrite {
  put: SummaryBucket[];
  gone: number[];
}

type Kind = 'deals' | 'companies';

/** The stored rows of a derived table to put and the keys to delete. */
interface TableWrite {
  table: string;
  put: object[];
  keys: (string | number)[];
  gone: (string | number)[];
}

/** What one write of deals or companies leaves in the derived tables, and what was there before. */
interface DerivedWrite {
  /** The deal ids written, in the order of `old`. */
  ids: string[];
  old: (DealFactsRow | CompanyCore | undefined)[];
  rows: TableWrite;
  summary: SummaryWrite | null;
}

function summaryChange(kind: Kind, rows: { id: string }[], gone: string[]): SummaryChange {
  return kind === 'deals'
    ? { deals: rows as DealFactsRow[], dealsGone: gone }
    : { companies: rows as CompanyCore[], companiesGone: gone };
}

/** The stored packs deal ids fall in, by pack. */
type Packs = Map<number, DealFactsPack | undefined>;

/** Each id's stored row, found in its pack. */
function rowsIn(packs: Packs, ids: readonly string[]): (DealFactsRow | undefined)[] {
  const byPack = new Map<number, Map<string, DealFactsRow>>();
  return ids.map((id) => {
    const key = packOf(id);
    let rows = byPack.get(key);
    if (!rows) byPack.set(key, (rows = new Map((packs.get(key)?.rows ?? []).map((r) => [r.id, r]))));
    return rows.get(id);
  });
}

/**
 * What a change of derived rows writes: for deals the packs it touches,
 * rebuilt from what they held with the function the rebuild uses, and the
 * packs it leaves empty; for companies the rows themselves.
 */
function tableWrite(kind: Kind, rows: { id: string }[], gone: string[], packs: Packs): TableWrite {
  if (kind === 'companies') return { table: COMPANY_FACTS, put: rows, keys: rows.map((r) => r.id), gone };
  const put: DealFactsPack[] = [];
  const empty: number[] = [];
  for (const [key, part] of changesByPack(rows as DealFactsRow[], gone)) {
    const was = packs.get(key);
    const next = repack(was, key, part.rows, part.gone);
    if (next) put.push(next);
    else if (was) empty.push(key);
  }
  return { table: DEAL_FACT_PACKS, put, keys: put.map((p) => p.bucket), gone: empty };
}

/** The records kept in a deal row's parts, apart from the deal itself. */
type Relation = 'followUps' | 'problems' | 'fundReports';
type Related = FollowUp | Problem | FundReport;

/**
 * For each related table: the index that finds one deal's records, the
 * grouping the rebuild uses, and the part of the row computed from them, with
 * the functions the rebuild uses.
 */
const RELATIONS: Record<
  Relation,
  {
    index: string;
    key: (dealId: string) => unknown;
    group: (rows: Related[]) => Map<string, Related[]>;
    parts: (rows: Related[]) => Omit<DealFactsRow, 'id' | 'deal'>;
  }
> = {
  followUps: {
    index: '[targetKind+targetId]',
    key: (id) => ['deal', id],
    group: (rows) => dealFollowUpsById(rows as FollowUp[]),
    parts: (rows) => ({ lastFollowUp: lastFollowUpOf(rows as FollowUp[]) }),
  },
  problems: {
    index: 'dealId',
    key: (id) => id,
    group: (rows) => problemsByDealId(rows as Problem[]),
    parts: (rows) => ({ openProblems: openProblemsOf(rows as Problem[]) }),
  },
  fundReports: {
    index: 'dealId',
    key: (id) => id,
    group: (rows) => fundReportsByDealId(rows as FundReport[]),
    parts: (rows) => ({ funds: fundPartOf(rows as FundReport[]) }),
  },
};

class Upkeep {
  /**
   * `P` is Dexie's promise (passed in by the database, so this module loads
   * no Dexie of its own): the helpers below chain it instead of awaiting, as
   * several run at once inside one transaction and Dexie keeps its
   * transaction zone across its own promises' callbacks.
   */
  constructor(
    private readonly down: DBCore,
    private readonly P: typeof Dexie.Promise,
  ) {}

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

  /** Writes derived rows and their summary; `packs` are the stored packs of the ids when already read. */
  private async putRows(
    kind: Kind,
    trans: DBCoreTransaction,
    rows: { id: string }[],
    gone: string[],
    packs?: Packs,
  ) {
    const ids = [...rows.map((r) => r.id), ...gone];
    const [old, stored] = await this.P.all([
      this.readBuckets(trans, ids),
      packs || kind === 'companies' ? this.P.resolve(packs ?? new Map()) : this.readPacks(trans, ids),
    ]);
    const summary = this.summaryWrite(old, summaryChange(kind, rows, gone));
    await this.P.all([
      this.writeRows(trans, tableWrite(kind, rows, gone, stored)),
      this.writeSummary(trans, summary),
    ]);
  }

  private writeRows(trans: DBCoreTransaction, w: TableWrite) {
    const t = this.down.table(w.table);
    return this.P.all([
      w.put.length ? t.mutate({ type: 'put', trans, values: w.put, keys: w.keys }) : null,
      w.gone.length ? t.mutate({ type: 'delete', trans, keys: w.gone }) : null,
    ]);
  }

  /** The stored rows of a table keyed by number under these keys, read in one request. */
  private readKeyed<T>(
    table: string,
    trans: DBCoreTransaction,
    keys: number[],
  ): Promise<Map<number, T | undefined>> {
    const out = new Map<number, T | undefined>();
    if (!keys.length) return this.P.resolve(out);
    return this.down
      .table(table)
      .getMany({ trans, keys })
      .then((old) => {
        keys.forEach((key, i) => out.set(key, old[i] as T | undefined));
        return out;
      });
  }

  /** The stored packs these deal ids fall in (at most one per pack). */
  private readPacks(trans: DBCoreTransaction, ids: readonly string[]): Promise<Packs> {
    return this.readKeyed<DealFactsPack>(DEAL_FACT_PACKS, trans, [...new Set(ids.map(packOf))]);
  }

  /** The stored summary buckets these ids fall in. */
  private readBuckets(
    trans: DBCoreTransaction,
    ids: readonly string[],
  ): Promise<Map<number, SummaryBucket | undefined>> {
    const keys = hasDerived(trans, FACT_SUMMARY) ? [...new Set(ids.map(bucketOf))] : [];
    return this.readKeyed<SummaryBucket>(FACT_SUMMARY, trans, keys);
  }

  /** The buckets a change of derived rows rewrites, with the same functions a rebuild uses. */
  private summaryWrite(
    old: Map<number, SummaryBucket | undefined>,
    change: SummaryChange,
  ): SummaryWrite | null {
    const byBucket = changesByBucket(change);
    const put: SummaryBucket[] = [];
    const gone: number[] = [];
    for (const [key, part] of byBucket) {
      if (!old.has(key)) continue;
      const next = applyToBucket(old.get(key), key, part);
      if (next) put.push(next);
      else if (old.get(key)) gone.push(key);
    }
    return put.length || gone.length ? { put, gone } : null;
  }

  private writeSummary(trans: DBCoreTransaction, w: SummaryWrite | null) {
    const t = this.down.table(FACT_SUMMARY);
    return this.P.all([
      w?.put.length
        ? t.mutate({ type: 'put', trans, values: w.put, keys: w.put.map((b) => b.bucket) })
        : null,
      w?.gone.length ? t.mutate({ type: 'delete', trans, keys: w.gone }) : null,
    ]);
  }

  /** Replaces every derived row with a rebuild from the source tables. */
  async rebuild(trans: DBCoreTransaction): Promise<void> {
    const raw: RawLedger = {
      deals: await this.all<Deal>('deals', trans),
      companies: await this.all<Company>('companies', trans),
      followUps: await this.all<FollowUp>('followUps', trans),
      problems: await this.all<Problem>('problems', trans),
      fundReports: await this.all<FundReport>('fundReports', trans),
    };
    const facts = rebuildFacts(raw);
    const packs = packFacts(facts.deals);
    for (const w of [
      tableWrite('companies', facts.companies, [], new Map()),
      { table: DEAL_FACT_PACKS, put: packs, keys: packs.map((p) => p.bucket), gone: [] },
    ]) {
      await this.down.table(w.table).mutate({ type: 'deleteRange', trans, range: ANY });
      await this.writeRows(trans, w);
    }
    if (!hasDerived(trans, FACT_SUMMARY)) return;
    const summary = this.down.table(FACT_SUMMARY);
    const buckets = buildSummary(facts);
    await summary.mutate({ type: 'deleteRange', trans, range: ANY });
    if (buckets.length)
      await summary.mutate({ type: 'put', trans, values: buckets, keys: buckets.map((b) => b.bucket) });
  }

  /**
   * The derived rows and summary buckets a write of deals or companies leaves,
   * computed from what it writes and what was stored before. Its reads are
   * issued before this returns, so they come ahead of the write itself.
   */
  private plan(
    trans: DBCoreTransaction,
    name: 'deals' | 'companies',
    req: DBCoreMutateRequest,
  ): Promise<DerivedWrite> {
    const values = req.type === 'add' || req.type === 'put' ? (req.values as (Deal | Company)[]) : [];
    const deleted = req.type === 'delete' ? (req.keys as string[]) : [];
    const byId = new Map<string, Deal | Company | undefined>();
    for (const v of values) byId.set(v.id, v);
    for (const id of deleted) byId.set(id, undefined);
    const ids = [...byId.keys()];
    // Both reads go out now; the packs and buckets are known from the ids alone.
    const stored = name === 'deals' ? this.readPacks(trans, ids) : this.P.resolve<Packs>(new Map());
    const buckets = this.readBuckets(trans, ids);
    return this.P.all([stored, buckets]).then(([packs, oldBuckets]) => {
      const old = name === 'deals' ? rowsIn(packs, ids) : [];
      const rows: { id: string }[] = [];
      const gone: string[] = [];
      ids.forEach((id, i) => {
        const was = old[i];
        const row =
          name === 'deals'
            ? dealFactsRow(id, { ...was, deal: dealCoreOf(byId.get(id) as Deal | undefined) })
            : companyCoreOf(byId.get(id) as Company | undefined);
        if (row) rows.push(row);
        else if (was || name === 'companies') gone.push(id);
      });
      const summary = this.summaryWrite(oldBuckets, summaryChange(name, rows, gone));
      return { ids, old, rows: tableWrite(name, rows, gone, packs), summary };
    });
  }

  /**
   * A write of deals or companies with its derived rows and summary. What
   * they need is read first; then the write and theirs follow without
   * waiting on each other, since IndexedDB answers a transaction's requests
   * in order and a read issued after 50,000 rows waits for all of them.
   */
  private withRows(
    table: DBCoreTable,
    req: DBCoreMutateRequest,
    name: 'deals' | 'companies',
  ): Promise<DBCoreMutateResponse> {
    const { trans } = req;
    const planned = this.plan(trans, name, req);
    const writing = table.mutate(req);
    return planned.then((plan) =>
      this.P.all([writing, this.writeRows(trans, plan.rows), this.writeSummary(trans, plan.summary)]).then(
        ([res]) => (res.numFailures ? this.repair(trans, name, req, res, plan).then(() => res) : res),
      ),
    );
  }

  /**
   * Some operations of a bulk write failed (a caller caught the error and
   * went on): their records are as they were, so are their derived rows.
   */
  private async repair(
    trans: DBCoreTransaction,
    name: 'deals' | 'companies',
    req: DBCoreMutateRequest,
    res: DBCoreMutateResponse,
    plan: DerivedWrite,
  ): Promise<void> {
    const failedIds = new Set<string>();
    const keyOf = (i: number) =>
      req.type === 'delete'
        ? (req.keys[i] as string)
        : req.type === 'add' || req.type === 'put'
          ? (req.values[i] as { id: string }).id
          : undefined;
    for (const i of Object.keys(res.failures)) {
      const id = keyOf(Number(i));
      if (id !== undefined) failedIds.add(id);
    }
    if (name === 'deals') {
      const back: DealFactsRow[] = [];
      const gone: string[] = [];
      plan.ids.forEach((id, i) => {
        if (!failedIds.has(id)) return;
        const was = plan.old[i] as DealFactsRow | undefined;
        if (was) back.push(was);
        else gone.push(id);
      });
      await this.putRows('deals', trans, back, gone);
    } else {
      // Company rows are the company's own fields: the stored companies give them back.
      const ids = [...failedIds];
      const current = (await this.down.table('companies').getMany({ trans, keys: ids })) as (
        Company | undefined
      )[];
      const back: CompanyCore[] = [];
      const gone: string[] = [];
      ids.forEach((id, i) => {
        const core = companyCoreOf(current[i]);
        if (core) back.push(core);
        else gone.push(id);
      });
      await this.putRows('companies', trans, back, gone);
    }
  }

  /** Follow-ups, problems or fund reports of these deals changed: their part is computed again from the table. */
  async relations(trans: DBCoreTransaction, part: Relation, dealIds: Set<string>) {
    if (!dealIds.size) return;
    const ids = [...dealIds];
    const { index, key, group, parts } = RELATIONS[part];
    const grouped = new Map<string, Related[]>();
    if (ids.length > ONE_PASS_OVER) {
      const all = group(await this.all<Related>(part, trans));
      for (const id of ids) grouped.set(id, all.get(id) ?? []);
    } else {
      for (const id of ids) grouped.set(id, await this.byIndex<Related>(part, index, key(id), trans));
    }
    const packs = await this.readPacks(trans, ids);
    const old = rowsIn(packs, ids);
    const rows: DealFactsRow[] = [];
    const gone: string[] = [];
    ids.forEach((id, i) => {
      const row = dealFactsRow(id, { ...old[i], ...parts(grouped.get(id) ?? []) });
      if (row) rows.push(row);
      else if (old[i]) gone.push(id);
    });
    await this.putRows('deals', trans, rows, gone, packs);
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
    if (name in RELATIONS) {
      // The deals an edit or delete moves a follow-up, problem or report away from are touched too.
      const keys =
        req.type === 'delete'
          ? req.keys
          : req.type === 'put'
            ? (req.values as { id: string }[]).map((v) => v.id)
            : [];
      const before = keys.length ? ((await table.getMany({ trans, keys })) as (Related | undefined)[]) : [];
      const res = await table.mutate(req);
      const dealIds = new Set<string>();
      const dealOf = (r: Related | undefined) => {
        if (!r) return;
        if ('targetKind' in r) {
          if (r.targetKind === 'deal') dealIds.add(r.targetId);
        } else dealIds.add(r.dealId);
      };
      before.forEach(dealOf);
      written<Related>(req, res).forEach(dealOf);
      await this.relations(trans, name as Relation, dealIds);
      return res;
    }
    return this.withRows(table, req, name as 'deals' | 'companies');
  }
}

/** The middleware `LedgerDb` registers on itself, so no database is ever opened without it. */
export function derivedMiddleware(P: typeof Dexie.Promise): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'derived-facts',
    create: (down) => {
      const upkeep = new Upkeep(down, P);
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
