import type { Table } from 'dexie';
import type { FieldSpec } from '../../../../shared/domain/fields';
import type { BaseRecord, ChangeAction, ChangeCause, RecordKind } from '../../../../shared/domain/records';
import { validateFields } from '../../../../shared/domain/validate';
import { diffRecords, makeChangeEntry } from './changeLog';
import { NotFoundError, ValidationError, newId, type RepoContext } from './context';

const EDIT: ChangeCause = { type: 'edit' };

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

  /** Checks against other records (references, duplicates), run inside the write transaction. */
  protected async crossCheck(_candidate: T, _existing: T | undefined): Promise<Record<string, string>> {
    return {};
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

  protected tablesForWrite(): Table[] {
    return [this.table(), this.ctx.db.changes, ...this.extraTables()];
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

  /** Live records, newest change first. */
  async list(opts: ListOptions = {}): Promise<T[]> {
    const rows = await this.table().toArray();
    const kept = opts.deletedOnly
      ? rows.filter((r) => r.deletedAt)
      : opts.includeDeleted
        ? rows
        : rows.filter((r) => !r.deletedAt);
    return kept.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  }

  /**
   * Creates a record from form-shaped input. `fixed` sets fields outside the
   * form (a follow-up's target, an imported record's stage) after validation.
   */
  async create(
    input: Record<string, unknown>,
    opts: { cause?: ChangeCause; fixed?: Partial<T> } = {},
  ): Promise<T> {
    const cause = opts.cause ?? EDIT;
    const value = this.validate(input);
    const at = this.nowIso();
    const record = {
      ...this.initialFields(value, this.today()),
      ...value,
      ...opts.fixed,
      id: newId(),
      createdAt: at,
      updatedAt: at,
      createdBy: this.ctx.actor(),
      updatedBy: this.ctx.actor(),
    } as unknown as T;
    await this.ctx.db.transaction('rw', this.tablesForWrite(), async () => {
      const problems = await this.crossCheck(record, undefined);
      if (Object.keys(problems).length) throw new ValidationError(problems);
      await this.table().add(record);
      await this.log(record.id, 'create', undefined, record, cause, at);
    });
    return record;
  }

  /** Replaces the editable fields with `patch` merged over the current ones. */
  async update(id: string, patch: Record<string, unknown>, cause: ChangeCause = EDIT): Promise<T> {
    return this.mutate(
      id,
      (current) => {
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
      },
      'update',
      cause,
    );
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
      if (diffRecords(current, changed).length === 0) return current;
      const at = this.nowIso();
      const next = { ...changed, id, updatedAt: at, updatedBy: this.ctx.actor() };
      const problems = await this.crossCheck(next, current);
      if (Object.keys(problems).length) throw new ValidationError(problems);
      await this.table().put(next);
      await this.log(id, action, current, next, cause, at);
      return next;
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
