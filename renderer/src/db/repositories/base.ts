import type { Table } from 'dexie';
import type { FieldSpec } from '../../../../shared/domain/fields';
import {
  byNewestChange,
  type BaseRecord,
  type ChangeAction,
  type ChangeCause,
  type RecordKind,
} from '../../../../shared/domain/records';
import { validateFields } from '../../../../shared/domain/validate';
import { checkBatch } from '../../../../shared/gate/gate';
import { dexieLookup } from './gateLookup';
import { diffRecords, importTrace, makeChangeEntry } from './changeLog';
import { NotFoundError, RefusedAtError, ValidationError, newId, type RepoContext } from './context';
import { readInParts } from './parts';

const EDIT: ChangeCause = { type: 'edit' };

type Problems = Record<string, string>;

export interface ListOptions {
  includeDeleted?: boolean;
  deletedOnly?: boolean;
}

/**
 * Every write of one record kind: validation, timestamps, soft delete and
 * restore, each in one transaction with its change-log entry.
 */
export abstract class RecordRepository<T extends BaseRecord> {
  protected abstract readonly kind: RecordKind;
  protected abstract readonly specs: readonly FieldSpec[];
  protected abstract readonly noun: string;

  constructor(protected readonly ctx: RepoContext) {}

  protected abstract table(): Table<T, string>;

  /** Fields a new record starts with besides the form's (stage, history…). */
  protected initialFields(_value: Record<string, unknown>, _today: string): Partial<T> {
    return {};
  }

  /**
   * The gate's checks (shared/gate) of one record against the others
   * (references, duplicates), run inside the write transaction, as for a
   * batch of one.
   */
  protected async crossCheck(candidate: T, _existing: T | undefined): Promise<Problems> {
    return (await this.crossCheckMany([candidate]))?.errors ?? {};
  }

  /**
   * The gate's checks for many records at once, as if they were written one
   * after another (a record may not reuse a unique value of an earlier one):
   * each record's schema and facts, unique fields and references. Returns
   * the first record with problems, or null.
   */
  protected async crossCheckMany(records: readonly T[]): Promise<{ index: number; errors: Problems } | null> {
    const problems = await checkBatch({ [this.kind]: records }, dexieLookup(this.ctx.db), {
      references: 'live',
      maxProblems: 50,
    });
    if (!problems.length) return null;
    const index = problems[0]!.index;
    const errors: Problems = {};
    for (const p of problems) if (p.index === index) errors[p.field ?? 'id'] ??= p.message;
    return { index, errors };
  }

  /** Tables a write touches besides its own and the change log. */
  protected extraTables(): Table[] {
    return [];
  }

  protected nowIso(): string {
    return this.ctx.now().toISOString();
  }

  protected today(): string {
    const d = this.ctx.now();
    const p = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  }

  protected validate(input: Record<string, unknown>): Record<string, unknown> {
    const { value, errors } = validateFields(this.specs, input);
    if (Object.keys(errors).length) throw new ValidationError(errors);
    return value;
  }

  async get(id: string): Promise<T | undefined> {
    return this.table().get(id);
  }

  async require(id: string): Promise<T> {
    const rec = await this.table().get(id);
    if (!rec) throw new NotFoundError(this.noun);
    return rec;
  }

  /** The records with these ids that exist (live ones only unless asked), in no particular order. */
  async getMany(ids: readonly string[], opts: { includeDeleted?: boolean } = {}): Promise<T[]> {
    if (ids.length === 0) return [];
    const rows = await this.table().bulkGet([...ids]);
    return rows.filter((r): r is T => !!r && (opts.includeDeleted || !r.deletedAt));
  }

  /**
   * The newest live records, read through the updatedAt index: what a list
   * shows first while the whole table loads.
   */
  async recent(limit: number): Promise<T[]> {
    return this.table()
      .orderBy('updatedAt')
      .reverse()
      .filter((r) => !r.deletedAt)
      .limit(limit)
      .toArray();
  }

  /** Every stored record, deleted ones too, unsorted: for matching a whole import at once. */
  async allRows(): Promise<T[]> {
    return readInParts(this.table());
  }

  /** Live records, newest change first. */
  async list(opts: ListOptions = {}): Promise<T[]> {
    const rows = await readInParts(this.table());
    const kept = opts.deletedOnly
      ? rows.filter((r) => r.deletedAt)
      : opts.includeDeleted
        ? rows.slice()
        : rows.filter((r) => !r.deletedAt);
    return kept.sort(byNewestChange);
  }

  /**
   * Builds a new record from form-shaped input without writing it: validated,
   * with its initial fields and timestamps. `fixed` sets fields outside the
   * form (a follow-up's target) after validation. Throws ValidationError.
   */
  prepareCreate(input: Record<string, unknown>, opts: { fixed?: Partial<T>; id?: string } = {}): T {
    const value = this.validate(input);
    const at = this.nowIso();
    // The validated fields plus the stored ones make a T: the kind's schema knows it, the compiler cannot.
    return {
      ...this.initialFields(value, this.today()),
      ...value,
      ...opts.fixed,
      id: opts.id ?? newId(),
      createdAt: at,
      updatedAt: at,
      createdBy: this.ctx.actor(),
      updatedBy: this.ctx.actor(),
    } as unknown as T;
  }

  /** The record with its editable fields replaced by `patch` merged over the current ones; not written. */
  prepareUpdate(current: T, patch: Record<string, unknown>): T {
    const editable: Record<string, unknown> = {};
    for (const spec of this.specs) {
      if (!spec.readOnly) editable[spec.key] = (current as Record<string, unknown>)[spec.key];
    }
    const value = this.validate({ ...editable, ...patch });
    const next = { ...current } as Record<string, unknown>;
    for (const spec of this.specs) {
      if (spec.readOnly) continue;
      if (value[spec.key] === undefined) delete next[spec.key];
      else next[spec.key] = value[spec.key];
    }
    return next as T;
  }

  /** Tables a write of this kind touches: its own, the change log and those cross-checks read. */
  tablesForWrite(): Table[] {
    return [this.table(), this.ctx.db.changes, ...this.extraTables()];
  }

  /**
   * Adds a prepared record with its change-log entry. Must run inside a
   * transaction over tablesForWrite(); the caller's transaction decides
   * whether it commits.
   */
  async insertPrepared(record: T, cause: ChangeCause, action: ChangeAction = 'create'): Promise<T> {
    const problems = await this.crossCheck(record, undefined);
    if (Object.keys(problems).length) throw new ValidationError(problems);
    await this.table().add(record);
    await this.log(record.id, action, undefined, record, cause, record.createdAt);
    return record;
  }

  /**
   * Adds many prepared records, each with its change-log entry, in one bulk
   * write per table. Must run inside a transaction over tablesForWrite().
   * Throws a RefusedAtError carrying the index of the first refused record;
   * then nothing is written.
   */
  async insertManyPrepared(
    records: readonly T[],
    cause: ChangeCause,
    action: ChangeAction = 'create',
    sourceRows?: readonly number[],
  ): Promise<void> {
    const problem = await this.crossCheckMany(records);
    if (problem) throw new RefusedAtError(problem.index, problem.errors);
    // An import's trace is one row per chunk of records naming its batch and rows; the records hold the values.
    const entries =
      action === 'import'
        ? importTrace(this.ctx, this.kind, records, cause, sourceRows)
        : records.map((r) =>
            makeChangeEntry(this.ctx, this.kind, r.id, action, diffRecords(undefined, r), cause, r.createdAt),
          );
    // Both writes go out before either is awaited, so the log's rows are sent while the records are
    // stored. Each is awaited as Dexie's own promise (a native Promise.all would leave the transaction).
    const adding = this.table().bulkAdd(records as T[]);
    const logging = this.ctx.db.changes.bulkAdd(entries);
    logging.catch(() => undefined);
    await adding;
    await logging;
  }

  /**
   * Writes `next` over `current` with one change-log entry; nothing when
   * nothing changed. Must run inside a transaction over tablesForWrite().
   */
  async replacePrepared(current: T, next: T, action: ChangeAction, cause: ChangeCause): Promise<T> {
    if (diffRecords(current, next).length === 0) return current;
    const at = this.nowIso();
    const written = { ...next, id: current.id, updatedAt: at, updatedBy: this.ctx.actor() };
    const problems = await this.crossCheck(written, current);
    if (Object.keys(problems).length) throw new ValidationError(problems);
    await this.table().put(written);
    await this.log(current.id, action, current, written, cause, at);
    return written;
  }

  /** Creates a record from form-shaped input, in one transaction with its change-log entry. */
  async create(
    input: Record<string, unknown>,
    opts: { cause?: ChangeCause; fixed?: Partial<T> } = {},
  ): Promise<T> {
    const record = this.prepareCreate(input, opts);
    // Dexie keeps the transaction across native awaits only inside an async scope function.
    return this.ctx.db.transaction(
      'rw',
      this.tablesForWrite(),
      async () => await this.insertPrepared(record, opts.cause ?? EDIT),
    );
  }

  /** Replaces the editable fields with `patch` merged over the current ones. */
  async update(id: string, patch: Record<string, unknown>, cause: ChangeCause = EDIT): Promise<T> {
    return this.mutate(id, (current) => this.prepareUpdate(current, patch), 'update', cause);
  }

  async remove(id: string, cause: ChangeCause = EDIT): Promise<T> {
    return this.mutate(
      id,
      (current) => {
        if (current.deletedAt) throw new ValidationError({}, `该${this.noun}已删除`);
        return { ...current, deletedAt: this.nowIso() };
      },
      'delete',
      cause,
      { allowDeleted: true },
    );
  }

  async restore(id: string, cause: ChangeCause = EDIT): Promise<T> {
    return this.mutate(
      id,
      (current) => {
        if (!current.deletedAt) throw new ValidationError({}, `该${this.noun}未被删除`);
        const next = { ...current };
        delete next.deletedAt;
        return next;
      },
      'restore',
      cause,
      { allowDeleted: true },
    );
  }

  /**
   * Reads the record, applies `change`, and writes it with one change-log
   * entry, all in one transaction. No entry and no write when nothing changed.
   */
  protected async mutate(
    id: string,
    change: (current: T) => T | Promise<T>,
    action: ChangeAction,
    cause: ChangeCause = EDIT,
    opts: { allowDeleted?: boolean } = {},
  ): Promise<T> {
    return this.ctx.db.transaction('rw', this.tablesForWrite(), async () => {
      const current = await this.table().get(id);
      if (!current) throw new NotFoundError(this.noun);
      if (current.deletedAt && !opts.allowDeleted) {
        throw new ValidationError({}, `该${this.noun}已删除，请先恢复再修改`);
      }
      const changed = await change(current);
      return await this.replacePrepared(current, changed, action, cause);
    });
  }

  protected async log(
    id: string,
    action: ChangeAction,
    before: T | undefined,
    after: T,
    cause: ChangeCause,
    at: string,
  ): Promise<void> {
    const entry = makeChangeEntry(this.ctx, this.kind, id, action, diffRecords(before, after), cause, at);
    await this.ctx.db.changes.add(entry);
  }
}
