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
import type { ExistingRecord, ImportMode } from '../../../../shared/excel/duplicates';
import type { NamedRef } from '../../../../shared/excel/rows';
import { ID_FIELD, type ImportKind } from '../../../../shared/excel/synonyms';
import type { BaseRecord, ChangeCause, ImportBatch } from '../../../../shared/domain/records';
import type { RecordRepository } from './base';
import { newId, RefusedAtError, ValidationError, type RepoContext } from './context';

export interface ImportWriteRow {
  rowNumber: number;
  action: 'create' | 'update';
  input: Record<string, unknown>;
  targetId?: string;
}

export interface ImportRequest {
  kind: ImportKind;
  fileName: string;
  mode: ImportMode;
  rows: readonly ImportWriteRow[];
  skipped: number;
}

export interface UndoResult {
  removed: number;
  restored: number;
  /** Fields left as they are because they were edited after the import. */
  keptFields: number;
}

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

  private table(kind: ImportKind): Table<BaseRecord & Record<string, unknown>, string> {
    const db = this.ctx.db;
    const map = { deal: db.deals, contact: db.contacts, company: db.companies, event: db.events };
    return map[kind] as unknown as Table<BaseRecord & Record<string, unknown>, string>;
  }

  /** Live records of a kind, for matching rows by id and natural key. */
  async existing(kind: ImportKind): Promise<ExistingRecord[]> {
    const rows = await this.table(kind).toArray();
    return rows.filter((r) => !r.deletedAt) as unknown as ExistingRecord[];
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
        return repo.prepareCreate(withoutId(row.input));
      } catch (e) {
        throw refused(row.rowNumber, e);
      }
    });
    await this.ctx.db.transaction('rw', this.tables(), async () => {
      // Updates first, one by one, so the new records are checked against the updated ones.
      for (const row of req.rows) {
        if (row.action !== 'update') continue;
        try {
          const current = row.targetId ? await this.table(req.kind).get(row.targetId) : undefined;
          if (!current || current.deletedAt) throw new ValidationError({}, '要更新的记录不存在或已删除');
          await repo.replacePrepared(
            current,
            repo.prepareUpdate(current, withoutId(row.input)),
            'update',
            cause,
          );
          batch.updated++;
        } catch (e) {
          throw refused(row.rowNumber, e);
        }
      }
      // New records in one bulk write per table, checked together as if written in file order.
      try {
        await repo.insertManyPrepared(prepared, cause, 'import');
      } catch (e) {
        throw refused(e instanceof RefusedAtError ? creates[e.index]!.rowNumber : 0, e);
      }
      batch.created = prepared.length;
      await this.ctx.db.importBatches.add(batch);
    });
    return batch;
  }

  /** Undoes a batch in one transaction, logging each step with cause {type:'undo-import'}. */
  async undo(batchId: string): Promise<UndoResult> {
    return this.ctx.db.transaction('rw', this.tables(), async () => {
      const batch = await this.ctx.db.importBatches.get(batchId);
      if (!batch) throw new ValidationError({}, '找不到该导入批次');
      if (batch.undoneAt) throw new ValidationError({}, '该批次已撤销');
      const kind = batch.recordKind as ImportKind;
      const repo = this.repos[kind];
      const cause: ChangeCause = { type: 'undo-import', batchId };
      const entries = (await this.ctx.db.changes.where('batchId').equals(batchId).toArray()).filter(
        (e) => e.cause.type === 'import',
      );
      const result: UndoResult = { removed: 0, restored: 0, keptFields: 0 };
      for (const entry of entries) {
        const current = await this.table(kind).get(entry.recordId);
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
      await this.ctx.db.importBatches.put({
        ...batch,
        undoneAt: this.ctx.now().toISOString(),
        undoneBy: this.ctx.actor(),
      });
      return result;
    });
  }
}
