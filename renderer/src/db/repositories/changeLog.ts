import type {
  ChangeAction,
  ChangeCause,
  ChangeEntry,
  FieldChange,
  RecordKind,
  BaseRecord,
} from '../../../../shared/domain/records';
import { diffRecords, expandHistory } from '../../../../shared/domain/history';
import { TABLE_OF_KIND } from '../../../../shared/domain/records';
import type { RepoContext } from './context';
import { newId } from './context';

export { diffRecords };

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

/**
 * The compact entry of a record an import created: its batch and source row,
 * not a copy of every field (shared/domain/history.ts reads the values back).
 */
export function importEntry(
  ctx: RepoContext,
  recordKind: RecordKind,
  recordId: string,
  cause: ChangeCause,
  at: string,
  sourceRow?: number,
): ChangeEntry {
  const entry = makeChangeEntry(ctx, recordKind, recordId, 'import', [], cause, at);
  if (sourceRow !== undefined) entry.sourceRow = sourceRow;
  return entry;
}

/** Read side of the change log. Entries are only ever added, never edited. */
export class ChangeLogRepository {
  constructor(private readonly ctx: RepoContext) {}

  /** A record's entries, newest first, compact import entries filled in with the values imported. */
  async forRecord(recordId: string): Promise<ChangeEntry[]> {
    const rows = await this.ctx.db.changes.where('recordId').equals(recordId).toArray();
    const kind = rows[0]?.recordKind;
    const record: BaseRecord | undefined = kind
      ? await this.ctx.db.table<BaseRecord, string>(TABLE_OF_KIND[kind]).get(recordId)
      : undefined;
    return expandHistory(rows, record).sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : 0));
  }

  count(): Promise<number> {
    return this.ctx.db.changes.count();
  }
}
