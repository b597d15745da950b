import type {
  ChangeAction,
  ChangeCause,
  ChangeEntry,
  FieldChange,
  RecordKind,
} from '../../../../shared/domain/records';
import type { RepoContext } from './context';
import { newId } from './context';

const SYSTEM_FIELDS = new Set(['id', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy']);

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Field-by-field difference of two versions of a record, system fields left out. */
export function diffRecords(before: object | undefined, after: object | undefined): FieldChange[] {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const changes: FieldChange[] = [];
  for (const field of keys) {
    if (SYSTEM_FIELDS.has(field)) continue;
    if (!same(a[field], b[field])) changes.push({ field, old: a[field] ?? null, new: b[field] ?? null });
  }
  return changes;
}

export function makeChangeEntry(
  ctx: RepoContext,
  recordKind: RecordKind,
  recordId: string,
  action: ChangeAction,
  changes: FieldChange[],
  cause: ChangeCause,
  at: string,
): ChangeEntry {
  const entry: ChangeEntry = {
    id: newId(),
    recordKind,
    recordId,
    action,
    changes,
    by: ctx.actor(),
    at,
    cause,
  };
  if (cause.type === 'import' || cause.type === 'undo-import') entry.batchId = cause.batchId;
  return entry;
}

/** Read side of the change log. Entries are only ever added, never edited. */
export class ChangeLogRepository {
  constructor(private readonly ctx: RepoContext) {}

  async forRecord(recordId: string): Promise<ChangeEntry[]> {
    const rows = await this.ctx.db.changes.where('recordId').equals(recordId).toArray();
    return [...rows].sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : 0));
  }

  count(): Promise<number> {
    return this.ctx.db.changes.count();
  }
}
