/**
 * The compact import trace (过程痕迹, SPEC §2.6). An import writes, for each
 * record it creates, an entry that names the batch and the source row instead
 * of copying every field: the values it imported are the record as it stands
 * with every later change rolled back. Reading the history fills the entry's
 * changes in, so the history shows the imported values as before; entries
 * written in full by earlier versions read as they always did.
 */
import type { ChangeCause, ChangeEntry, FieldChange, RecordKind } from './records';

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

/** An import entry that refers to its batch and row instead of carrying the values. */
export function isCompactImport(entry: ChangeEntry): boolean {
  return entry.action === 'import' && entry.changes.length === 0;
}

/** A field every stored record of its kind has (name, or a follow-up's date, a target's year…). */
const REQUIRED_FIELDS = new Set(['name', 'date', 'description', 'year', 'month']);

/**
 * Whether an entry records the record arriving on this laptop (created, or
 * merged in from an exchange file) rather than a change to it: every field
 * was empty before, a required one among them. Rolling it back would empty
 * the record, so it is not a change to roll back.
 */
function isArrival(e: ChangeEntry): boolean {
  return (
    e.changes.some((c) => REQUIRED_FIELDS.has(c.field)) &&
    e.changes.every((c) => c.old === null || c.old === undefined)
  );
}

/**
 * The record's fields as the entry's write left them: each field's value is
 * the `old` value of the earliest later change to it, else its value now.
 */
export function valuesAt(
  entry: ChangeEntry,
  record: object,
  entries: readonly ChangeEntry[],
): Record<string, unknown> {
  const values: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  const later = entries
    .filter((e) => e.id !== entry.id && e.at >= entry.at && !isArrival(e))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  // Newest first, so the earliest change's old value is the one left standing.
  for (const e of later)
    for (const c of e.changes) {
      if (c.old === null || c.old === undefined) delete values[c.field];
      else values[c.field] = c.old;
    }
  return values;
}

/**
 * One record's entries with every compact import entry filled in from the
 * record (`undefined` when it is gone: the entry then lists no values).
 */
export function expandHistory(entries: readonly ChangeEntry[], record: object | undefined): ChangeEntry[] {
  return entries.map((e) =>
    isCompactImport(e) && record
      ? { ...e, changes: diffRecords(undefined, valuesAt(e, record, entries)) }
      : e,
  );
}

/** Most records one import chunk names: 50,000 imported rows are 50 change-log rows. */
export const IMPORT_CHUNK_SIZE = 1000;

/**
 * One change-log row standing for the compact import entries of up to
 * IMPORT_CHUNK_SIZE records one batch created (Dexie version 7). A record
 * finds its chunk through the multi-entry index on `recordIds`; the entry it
 * stands for (entryOfChunk) is the compact entry earlier versions stored one
 * row per record, so every reader sees the same entries as before.
 */
export interface ImportChunk {
  id: string;
  recordKind: RecordKind;
  /** The records created, in the order written. */
  recordIds: string[];
  /** Each record's spreadsheet row, in the same order; absent when the records had none (linked contacts). */
  sourceRows?: number[];
  action: 'import';
  by: string;
  at: string;
  cause: Extract<ChangeCause, { type: 'import' }>;
  batchId: string;
}

/** A stored row of the change log: one entry, or a chunk of import entries. */
export type ChangeRow = ChangeEntry | ImportChunk;

export function isImportChunk(row: ChangeRow): row is ImportChunk {
  return Array.isArray((row as Partial<ImportChunk>).recordIds);
}

/**
 * The id of the entry a chunk stands for at `index`: the chunk's id and the
 * position, so the same entry has the same id in every exchange file and a
 * copy that receives it twice keeps it once.
 */
export function chunkEntryId(chunkId: string, index: number): string {
  return `${chunkId}#${index}`;
}

/** The chunk id and position of an id made by chunkEntryId, else undefined. */
export function parseChunkEntryId(id: string): { chunkId: string; index: number } | undefined {
  const m = /^(.+)#(0|[1-9]\d{0,5})$/.exec(id);
  return m ? { chunkId: m[1]!, index: Number(m[2]) } : undefined;
}

/** The compact import entry a chunk stands for at `index` (a position in its recordIds). */
export function entryOfChunk(chunk: ImportChunk, index: number): ChangeEntry {
  const entry: ChangeEntry = {
    id: chunkEntryId(chunk.id, index),
    recordKind: chunk.recordKind,
    recordId: chunk.recordIds[index]!,
    action: 'import',
    changes: [],
    by: chunk.by,
    at: chunk.at,
    cause: chunk.cause,
    batchId: chunk.batchId,
  };
  const row = chunk.sourceRows?.[index];
  if (row !== undefined) entry.sourceRow = row;
  return entry;
}

/** Stored rows as the entries they stand for, a chunk's in its records' order. */
export function expandRows(rows: readonly ChangeRow[]): ChangeEntry[] {
  const out: ChangeEntry[] = [];
  for (const row of rows) {
    if (!isImportChunk(row)) out.push(row);
    else for (let i = 0; i < row.recordIds.length; i++) out.push(entryOfChunk(row, i));
  }
  return out;
}

/**
 * The import's trace of `records` (created by one batch, in write order):
 * one chunk row per IMPORT_CHUNK_SIZE records, each at the newest creation
 * time among its records (what their own entries would have said at most).
 */
export function importChunks(
  records: readonly { id: string; createdAt: string }[],
  meta: {
    recordKind: RecordKind;
    by: string;
    cause: Extract<ChangeCause, { type: 'import' }>;
    sourceRows?: readonly number[];
    newId: () => string;
  },
): ImportChunk[] {
  const chunks: ImportChunk[] = [];
  for (let start = 0; start < records.length; start += IMPORT_CHUNK_SIZE) {
    const part = records.slice(start, start + IMPORT_CHUNK_SIZE);
    let at = part[0]!.createdAt;
    for (const r of part) if (r.createdAt > at) at = r.createdAt;
    const chunk: ImportChunk = {
      id: meta.newId(),
      recordKind: meta.recordKind,
      recordIds: part.map((r) => r.id),
      action: 'import',
      by: meta.by,
      at,
      cause: meta.cause,
      batchId: meta.cause.batchId,
    };
    if (meta.sourceRows) chunk.sourceRows = meta.sourceRows.slice(start, start + part.length);
    chunks.push(chunk);
  }
  return chunks;
}
