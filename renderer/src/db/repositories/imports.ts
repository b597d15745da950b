/**
 * Spreadsheet imports as batches. One import is one transaction over every
 * table it touches: all rows are written or none. Each created or updated
 * record gets its change-log entry with cause {type:'import', batchId}
 * (action 'import' for a created record, 'update' for an updated one), so a
 * batch can be undone from the log: created records are deleted (tombstoned,
 * restorable like any deletion) and updated ones get back the values the
 * import replaced — except fields edited again since, which are kept.
 */
import type { Table } from 'dexie';
import type { ExistingRecord, ImportMode, ImportWriteRow } from '../../../../shared/excel/duplicates';
import { advance, type RowProgress } from '../../../../shared/excel/facts';
import type { ContactCell } from '../../../../shared/excel/places';
import { normalizeName, type NamedRef } from '../../../../shared/excel/rows';
import { milestonesAfterStageChange } from '../../../../shared/domain/stageMilestones';
import { COMPANY_MAIN_PATH, DEAL_MAIN_PATH } from '../../../../shared/domain/stages';
import { ID_FIELD, type ImportKind } from '../../../../shared/excel/synonyms';
import type {
  BaseRecord,
  DealStage,
  Milestone,
  ChangeCause,
  ImportBatch,
  RecordKind,
  StageChange,
} from '../../../../shared/domain/records';
import { TABLE_OF_KIND } from '../../../../shared/domain/records';
import { expandRows } from '../../../../shared/domain/history';
import type { RecordRepository } from './base';
import { newId, RefusedAtError, ValidationError, type RepoContext } from './context';

export type { ImportWriteRow };

/** An event the wizard creates for 签约活动 names that match none (its id is already on the rows). */
export interface NewEvent {
  id: string;
  name: string;
  startDate?: string;
  endDate?: string;
}

export interface ImportRequest {
  kind: ImportKind;
  fileName: string;
  mode: ImportMode;
  rows: readonly ImportWriteRow[];
  skipped: number;
  /** Events created in the same transaction, before the rows that link to them. */
  newEvents?: readonly NewEvent[];
}

export interface UndoResult {
  removed: number;
  restored: number;
  /** Fields left as they are because they were edited after the import. */
  keptFields: number;
  /** Events and contacts the import created, removed because nothing else uses them. */
  linkedRemoved?: number;
}

type Progressed = BaseRecord & Record<string, unknown>;

/** The status (companies) or stage (deals) fields of a record. */
const PROGRESS_FIELDS: Partial<
  Record<ImportKind, { status: string; history: string; path: readonly string[] }>
> = {
  company: { status: 'status', history: 'statusHistory', path: COMPANY_MAIN_PATH },
  deal: { status: 'stage', history: 'stageHistory', path: DEAL_MAIN_PATH },
};

/** A row the database refused; nothing of the import was written. */
export class ImportRowError extends Error {
  constructor(
    readonly rowNumber: number,
    message: string,
  ) {
    super(`第 ${rowNumber} 行：${message}。整批未导入，数据库没有任何改动。`);
    this.name = 'ImportRowError';
  }
}

function withoutId(input: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...input };
  delete copy[ID_FIELD];
  return copy;
}

/** The indexed fields each kind's natural keys (shared/excel/duplicates naturalKeys) are built from. */
const KEY_INDEXES: Record<ImportKind, readonly string[]> = {
  deal: ['name'],
  contact: ['mobile', 'name'],
  company: ['uscc', 'name'],
  event: ['name'],
};

/** Keys looked up through an index at most; more, and the table is read once instead. */
const INDEX_LOOKUP_LIMIT = 2000;

type AnyRepo = RecordRepository<BaseRecord & Record<string, unknown>>;

const same = (a: unknown, b: unknown): boolean =>
  a === b || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export class ImportRepository {
  constructor(
    private readonly ctx: RepoContext,
    private readonly repos: Record<ImportKind, AnyRepo>,
  ) {}

  private tables(): Table[] {
    const set = new Set<Table>([this.ctx.db.importBatches, this.ctx.db.changes]);
    for (const repo of Object.values(this.repos)) for (const t of repo.tablesForWrite()) set.add(t);
    return [...set];
  }

  /** Live records of a kind, for matching rows by id and natural key. */
  async existing(kind: ImportKind): Promise<ExistingRecord[]> {
    const rows = await this.repos[kind].allRows();
    const live: ExistingRecord[] = [];
    for (const r of rows)
      if (!r.deletedAt) live.push({ ...r, name: typeof r.name === 'string' ? r.name : '' });
    return live;
  }

  /**
   * The live records that rows of a sheet may match by id or natural key,
   * found through the indexes: by id, then, for each indexed field a natural
   * key is built from, the stored values equal to a row's once normalised
   * (full-width, spaces, case). Only the index keys and the candidates are
   * read (unless a sheet names thousands of them); findMatches then decides among them exactly
   * as it would over every record (same id order, so the same first match).
   */
  async candidates(
    kind: ImportKind,
    rows: readonly { input: Record<string, unknown> }[],
  ): Promise<ExistingRecord[]> {
    const table = this.ctx.db.table<BaseRecord & Record<string, unknown>, string>(TABLE_OF_KIND[kind]);
    const found = new Map<string, BaseRecord & Record<string, unknown>>();
    let all: (BaseRecord & Record<string, unknown>)[] | undefined;
    const ids = new Set<string>();
    for (const r of rows) if (typeof r.input[ID_FIELD] === 'string') ids.add(r.input[ID_FIELD]);
    for (const r of await table.bulkGet([...ids])) if (r) found.set(r.id, r);
    for (const field of KEY_INDEXES[kind]) {
      const wanted = new Set<string>();
      for (const r of rows) {
        const v = r.input[field];
        if (typeof v === 'string' && v.trim()) wanted.add(normalizeName(v));
      }
      if (wanted.size === 0) continue;
      const stored = await table.orderBy(field).uniqueKeys();
      const hits = stored.filter((k): k is string => typeof k === 'string' && wanted.has(normalizeName(k)));
      if (hits.length === 0) continue;
      // A whole sheet can name thousands of stored records: past that, one read of the table is
      // quicker than a cursor jumping key to key. A row fix (one row) always goes through the index.
      const records =
        hits.length > INDEX_LOOKUP_LIMIT
          ? (all ??= await table.toArray()).filter((r) => {
              const v = r[field];
              return typeof v === 'string' && wanted.has(normalizeName(v));
            })
          : await table.where(field).anyOf(hits).toArray();
      for (const r of records) found.set(r.id, r);
    }
    const live: ExistingRecord[] = [];
    for (const r of found.values())
      if (!r.deletedAt) live.push({ ...r, name: typeof r.name === 'string' ? r.name : '' });
    return live.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Names of live events and deals, to link 签约活动 / 关联项目 cells by name. */
  async refs(): Promise<{ events: NamedRef[]; deals: NamedRef[] }> {
    const [events, deals] = await Promise.all([this.ctx.db.events.toArray(), this.ctx.db.deals.toArray()]);
    const named = (r: { id: string; name: string; deletedAt?: string }[]) =>
      r.filter((x) => !x.deletedAt).map((x) => ({ id: x.id, name: x.name }));
    return { events: named(events), deals: named(deals) };
  }

  /** Import batches, newest first. */
  async list(): Promise<ImportBatch[]> {
    const rows = await this.ctx.db.importBatches.toArray();
    return [...rows].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }

  /** `record` moved along its path as far as the row says (never backwards); unchanged otherwise. */
  private progressed<T extends Progressed>(
    kind: ImportKind,
    record: T,
    progress: RowProgress | undefined,
    isNew: boolean,
  ): T {
    const f = PROGRESS_FIELDS[kind];
    if (!f || !progress) return record;
    let history = (record[f.history] as StageChange<string>[] | undefined) ?? [];
    const first = progress.steps[0];
    if (isNew && !record.signedDate && history.length === 1 && first && first.date < history[0]!.date) {
      // A new record without a signing date starts on the import day; its first dated step is earlier.
      history = [{ ...history[0]!, date: first.date }];
    }
    const moved = advance(
      { status: record[f.status] as string, history },
      progress,
      f.path,
      this.ctx.actor(),
      this.ctx.now().toISOString(),
    );
    if (!moved) return record;
    const next: T = { ...record, [f.status]: moved.status, [f.history]: moved.history };
    if (kind === 'deal') {
      // Each stage reached ticks its own milestone on the stage's date (shared/domain/stageMilestones.ts).
      let milestones = (record.milestones as Milestone[] | undefined) ?? [];
      for (const c of moved.history.slice(history.length))
        milestones = [
          ...milestonesAfterStageChange(milestones, c.stage as DealStage, c.date, c.by, c.at).milestones,
        ];
      (next as Record<string, unknown>).milestones = milestones;
    }
    return next;
  }

  /**
   * Ids of the contacts the rows name, found by mobile (else name and unit)
   * among live contacts or created once for the whole file. Runs inside the
   * import transaction.
   */
  private async linkContacts(
    kind: ImportKind,
    rows: readonly ImportWriteRow[],
    cause: ChangeCause,
  ): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    const wanted = rows.filter((r) => r.contact);
    if (wanted.length === 0) return out;
    const live = (await this.ctx.db.contacts.toArray()).filter((c) => !c.deletedAt);
    const keyOf = (c: { name?: string; mobile?: string; company?: string }) =>
      c.mobile
        ? `m:${c.mobile}`
        : c.name
          ? `n:${normalizeName(c.name)}|${normalizeName(c.company ?? '')}`
          : '';
    const byKey = new Map<string, string>();
    for (const c of live) {
      const k = keyOf(c);
      if (k && !byKey.has(k)) byKey.set(k, c.id);
    }
    const created: Progressed[] = [];
    for (const row of wanted) {
      const c = row.contact as ContactCell;
      const unit = kind === 'deal' ? row.input.investor : row.input.name;
      const company = typeof unit === 'string' ? unit : undefined;
      const key = keyOf({ ...c, ...(company ? { company } : {}) });
      if (!key || !c.name) continue;
      let id = byKey.get(key);
      if (!id) {
        const input: Record<string, unknown> = { name: c.name };
        if (c.mobile) input.mobile = c.mobile;
        if (c.phone) input.phone = c.phone;
        if (company) input.company = company;
        let record: Progressed;
        try {
          record = this.repos.contact.prepareCreate(input);
        } catch (e) {
          if (e instanceof ValidationError) continue;
          throw e;
        }
        created.push(record);
        id = record.id;
        byKey.set(key, id);
      }
      out.set(row.rowNumber, id);
    }
    if (created.length) await this.repos.contact.insertManyPrepared(created, cause, 'import');
    return out;
  }

  /** Writes every row in one transaction; any refused row aborts the whole import. */
  async run(req: ImportRequest): Promise<ImportBatch> {
    const repo = this.repos[req.kind];
    const batchId = newId();
    const cause: ChangeCause = { type: 'import', batchId };
    const batch: ImportBatch = {
      id: batchId,
      recordKind: req.kind,
      fileName: req.fileName.slice(0, 200),
      createdAt: this.ctx.now().toISOString(),
      createdBy: this.ctx.actor(),
      created: 0,
      updated: 0,
      skipped: req.skipped,
      mode: req.mode,
    };
    const refused = (rowNumber: number, e: unknown): unknown =>
      e instanceof ValidationError
        ? new ImportRowError(rowNumber, Object.values(e.fieldErrors).join('；') || e.message)
        : e;
    // Checked and prepared before the transaction: it must not wait on work outside the database.
    const creates = req.rows.filter((row) => row.action === 'create');
    const prepared = creates.map((row) => {
      try {
        return this.progressed(req.kind, repo.prepareCreate(withoutId(row.input)), row.progress, true);
      } catch (e) {
        throw refused(row.rowNumber, e);
      }
    });
    const events = (req.newEvents ?? []).map((e) => {
      const input: Record<string, unknown> = { name: e.name };
      if (e.startDate) input.startDate = e.startDate;
      if (e.endDate) input.endDate = e.endDate;
      try {
        return this.repos.event.prepareCreate(input, { id: e.id });
      } catch (err) {
        if (err instanceof ValidationError)
          throw new ValidationError(
            err.fieldErrors,
            `无法新建活动「${e.name}」：${Object.values(err.fieldErrors).join('；') || err.message}。整批未导入，数据库没有任何改动。`,
          );
        throw err;
      }
    });
    await this.ctx.db.transaction('rw', this.tables(), async () => {
      // Events first: the rows link to them.
      if (events.length) {
        if (req.kind === 'event') throw new ValidationError({}, '活动表不能再新建关联活动');
        await this.repos.event.insertManyPrepared(events, cause, 'import');
      }
      const contactOf = await this.linkContacts(req.kind, req.rows, cause);
      const withContact = <T extends Progressed>(record: T, rowNumber: number): T => {
        const id = contactOf.get(rowNumber);
        const ids = (record.contactIds as string[] | undefined) ?? [];
        return id && !ids.includes(id) ? { ...record, contactIds: [...ids, id] } : record;
      };
      creates.forEach((row, i) => {
        prepared[i] = withContact(prepared[i]!, row.rowNumber);
      });
      // Updates first, one by one, so the new records are checked against the updated ones.
      for (const row of req.rows) {
        if (row.action !== 'update') continue;
        try {
          const current = row.targetId ? await this.repos[req.kind].get(row.targetId) : undefined;
          if (!current || current.deletedAt) throw new ValidationError({}, '要更新的记录不存在或已删除');
          const next = this.progressed(
            req.kind,
            repo.prepareUpdate(current, withoutId(row.input)),
            row.progress,
            false,
          );
          await repo.replacePrepared(current, withContact(next, row.rowNumber), 'update', cause);
          batch.updated++;
        } catch (e) {
          throw refused(row.rowNumber, e);
        }
      }
      // New records in one bulk write per table, checked together as if written in file order.
      try {
        await repo.insertManyPrepared(
          prepared,
          cause,
          'import',
          creates.map((row) => row.rowNumber),
        );
      } catch (e) {
        throw refused(e instanceof RefusedAtError ? creates[e.index]!.rowNumber : 0, e);
      }
      batch.created = prepared.length;
      await this.ctx.db.importBatches.add(batch);
    });
    return batch;
  }

  /** Whether a live record other than the undone ones still links to this event or contact. */
  private async inUse(kind: 'event' | 'contact', id: string): Promise<boolean> {
    const db = this.ctx.db;
    const live = (r: { deletedAt?: string }) => !r.deletedAt;
    if (kind === 'event') {
      const deals = await db.deals.where('eventId').equals(id).filter(live).count();
      const contacts = (await db.contacts.toArray()).some((c) => live(c) && c.eventId === id);
      return deals > 0 || contacts;
    }
    const deals = await db.deals.where('contactIds').equals(id).filter(live).count();
    const companies = await db.companies.where('contactIds').equals(id).filter(live).count();
    return deals + companies > 0;
  }

  /** Undoes a batch in one transaction, logging each step with cause {type:'undo-import'}. */
  async undo(batchId: string): Promise<UndoResult> {
    return this.ctx.db.transaction('rw', this.tables(), async () => {
      const batch = await this.ctx.db.importBatches.get(batchId);
      if (!batch) throw new ValidationError({}, '找不到该导入批次');
      if (batch.undoneAt) throw new ValidationError({}, '该批次已撤销');
      const kind = batch.recordKind as ImportKind;
      const cause: ChangeCause = { type: 'undo-import', batchId };
      const entries = expandRows(await this.ctx.db.changes.where('batchId').equals(batchId).toArray()).filter(
        (e) => e.cause.type === 'import',
      );
      const result: UndoResult = { removed: 0, restored: 0, keptFields: 0 };
      const own = entries.filter((e) => e.recordKind === kind);
      // Events and contacts the import created for its rows: undone after the rows, and only when unused.
      const linked = entries.filter((e) => e.recordKind !== kind && e.action === 'import');
      for (const entry of own) {
        const repo = this.repos[kind];
        const current = await this.repos[kind].get(entry.recordId);
        if (!current) continue;
        if (entry.action === 'import') {
          if (current.deletedAt) continue;
          await repo.replacePrepared(
            current,
            { ...current, deletedAt: this.ctx.now().toISOString() },
            'delete',
            cause,
          );
          result.removed++;
        } else {
          const next: Record<string, unknown> = { ...current };
          for (const change of entry.changes) {
            if (change.field === 'deletedAt') continue;
            if (!same(current[change.field], change.new)) {
              result.keptFields++;
              continue;
            }
            if (change.old === null || change.old === undefined) delete next[change.field];
            else next[change.field] = change.old;
          }
          await repo.replacePrepared(current, next as typeof current, 'update', cause);
          result.restored++;
        }
      }
      for (const entry of linked) {
        const k = entry.recordKind as RecordKind;
        if (k !== 'event' && k !== 'contact') continue;
        const current = await this.repos[k].get(entry.recordId);
        if (!current || current.deletedAt || (await this.inUse(k, current.id))) continue;
        await this.repos[k].replacePrepared(
          current,
          { ...current, deletedAt: this.ctx.now().toISOString() },
          'delete',
          cause,
        );
        result.linkedRemoved = (result.linkedRemoved ?? 0) + 1;
      }
      await this.ctx.db.importBatches.put({
        ...batch,
        undoneAt: this.ctx.now().toISOString(),
        undoneBy: this.ctx.actor(),
      });
      return result;
    });
  }
}
