import type {
  ChangeAction,
  ChangeCause,
  ChangeEntry,
  FieldChange,
  RecordKind,
  BaseRecord,
} from '../../../../shared/domain/records';
import {
  diffRecords,
  entryOfChunk,
  expandHistory,
  expandRows,
  importChunks,
  isImportChunk,
  parseChunkEntryId,
  type ChangeRow,
} from '../../../../shared/domain/history';
import { TABLE_OF_KIND } from '../../../../shared/domain/records';
import type { LedgerDb } from '../schema';
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
 * The trace of records an import created: one change-log row per chunk of
 * records (their ids and source rows, the batch), not an entry per record
 * nor a copy of every field (shared/domain/history.ts reads the values back).
 */
export function importTrace(
  ctx: RepoContext,
  recordKind: RecordKind,
  records: readonly { id: string; createdAt: string }[],
  cause: ChangeCause,
  sourceRows?: readonly number[],
): ChangeRow[] {
  if (cause.type !== 'import') {
    // Only an import batch has a chunk's batch to point to; anything else keeps one entry per record.
    return records.map((r) => makeChangeEntry(ctx, recordKind, r.id, 'import', [], cause, r.createdAt));
  }
  return importChunks(records, { recordKind, by: ctx.actor(), cause, sourceRows, newId });
}

/**
 * The entries with these ids that this copy holds, whether stored as rows of
 * their own or standing in an import chunk (ids made by chunkEntryId).
 */
export async function knownEntries(db: LedgerDb, ids: readonly string[]): Promise<ChangeEntry[]> {
  const found: ChangeEntry[] = [];
  const rows = await db.changes.bulkGet([...ids]);
  const inChunks = new Map<string, number[]>();
  rows.forEach((row, i) => {
    if (row) {
      found.push(...expandRows([row]));
      return;
    }
    const ref = parseChunkEntryId(ids[i]!);
    if (!ref) return;
    const indexes = inChunks.get(ref.chunkId);
    if (indexes) indexes.push(ref.index);
    else inChunks.set(ref.chunkId, [ref.index]);
  });
  if (inChunks.size === 0) return found;
  const chunkIds = [...inChunks.keys()];
  const chunks = await db.changes.bulkGet(chunkIds);
  chunks.forEach((chunk, i) => {
    if (!chunk || !isImportChunk(chunk)) return;
    for (const index of inChunks.get(chunkIds[i]!)!)
      if (index < chunk.recordIds.length) found.push(entryOfChunk(chunk, index));
  });
  return found;
}

/** Read side of the change log. Entries are only ever added, never edited. */
export class ChangeLogRepository {
  constructor(private readonly ctx: RepoContext) {}

  /** A record's entries, newest first, compact import entries filled in with the values imported. */
  async forRecord(recordId: string): Promise<ChangeEntry[]> {
    const own = await this.ctx.db.changes.where('recordId').equals(recordId).toArray();
    const chunks = await this.ctx.db.changes.where('recordIds').equals(recordId).toArray();
    const rows = expandRows(own);
    for (const chunk of chunks)
      if (isImportChunk(chunk)) rows.push(entryOfChunk(chunk, chunk.recordIds.indexOf(recordId)));
    const kind = rows[0]?.recordKind;
    const record: BaseRecord | undefined = kind
      ? await this.ctx.db.table<BaseRecord, string>(TABLE_OF_KIND[kind]).get(recordId)
      : undefined;
    return expandHistory(rows, record).sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : 0));
  }

  /** How many entries the log holds, an import chunk counted as the entries it stands for. */
  async count(): Promise<number> {
    let n = 0;
    await this.ctx.db.changes.each((row) => {
      n += isImportChunk(row) ? row.recordIds.length : 1;
    });
    return n;
  }
}
