/**
 * The import chunk (shared/domain/history.ts): how many records a row names,
 * the entries it stands for and their ids, and the schema a backup checks it
 * with.
 */
import { describe, expect, it } from 'vitest';
import {
  chunkEntryId,
  entryOfChunk,
  expandRows,
  IMPORT_CHUNK_SIZE,
  importChunks,
  parseChunkEntryId,
} from '../../shared/domain/history';
import type { ChangeEntry } from '../../shared/domain/records';
import { changeEntrySchema, importChunkSchema } from '../../shared/gate/schemas';

const cause = { type: 'import' as const, batchId: 'batch-2017-10' };
let n = 0;
const meta = (sourceRows?: number[]) => ({
  recordKind: 'deal' as const,
  by: '张三',
  cause,
  sourceRows,
  newId: () => `chunk-${n++}`,
});
const records = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    id: `deal-${i}`,
    // Prepared over a few milliseconds, as a large import's records are.
    createdAt: new Date(Date.UTC(2017, 9, 20, 1, 0, 0, i % 7)).toISOString(),
  }));

describe('import chunks', () => {
  it('cut a batch into rows of at most IMPORT_CHUNK_SIZE records, in order, with their source rows', () => {
    const recs = records(2 * IMPORT_CHUNK_SIZE + 1);
    const rows = recs.map((_, i) => i + 5);
    const chunks = importChunks(recs, meta(rows));
    expect(chunks.map((c) => c.recordIds.length)).toEqual([IMPORT_CHUNK_SIZE, IMPORT_CHUNK_SIZE, 1]);
    expect(chunks.flatMap((c) => c.recordIds)).toEqual(recs.map((r) => r.id));
    expect(chunks.flatMap((c) => c.sourceRows)).toEqual(rows);
    // Each chunk is as late as its latest record, never earlier than a record's own creation.
    expect(chunks[0]!.at).toBe('2017-10-20T01:00:00.006Z');
    expect(chunks[2]!.at).toBe(recs[2 * IMPORT_CHUNK_SIZE]!.createdAt);
    for (const c of chunks) expect(importChunkSchema.safeParse(c).success).toBe(true);
    expect(importChunks([], meta())).toEqual([]);
  });

  it('stand for the compact entries earlier versions stored, with ids that name the chunk and place', () => {
    const [chunk] = importChunks(records(3), meta([2, 3, 4]));
    const entries = expandRows([chunk!]);
    expect(entries).toEqual([0, 1, 2].map((i) => entryOfChunk(chunk!, i)));
    expect(entries[1]).toEqual({
      id: chunkEntryId(chunk!.id, 1),
      recordKind: 'deal',
      recordId: 'deal-1',
      action: 'import',
      changes: [],
      by: '张三',
      at: chunk!.at,
      cause,
      batchId: cause.batchId,
      sourceRow: 3,
    } satisfies ChangeEntry);
    for (const e of entries) expect(changeEntrySchema.safeParse(e).success).toBe(true);
    expect(parseChunkEntryId(entries[2]!.id)).toEqual({ chunkId: chunk!.id, index: 2 });
    // Linked contacts have no sheet row of their own.
    const [contacts] = importChunks(records(2), { ...meta(), recordKind: 'contact' });
    expect(expandRows([contacts!]).map((e) => e.sourceRow)).toEqual([undefined, undefined]);
    expect('sourceRow' in expandRows([contacts!])[0]!).toBe(false);
  });

  it('reads ids that were not made from a chunk as no chunk', () => {
    for (const id of [
      '3f2a9c1e-8d7b-4f6a-9e2d-1c0b5a4d3e2f',
      'old-entry-1',
      '#3',
      'chunk#',
      'chunk#01',
      'a#-1',
    ])
      expect(parseChunkEntryId(id)).toBeUndefined();
  });

  it('a backup’s chunk row must agree with itself', () => {
    const [chunk] = importChunks(records(2), meta([2, 3]));
    const bad = [
      { ...chunk, sourceRows: [2] },
      { ...chunk, recordIds: [] },
      { ...chunk, batchId: 'another-batch' },
      { ...chunk, cause: { type: 'edit' } },
      { ...chunk, action: 'delete' },
      { ...chunk, recordIds: Array.from({ length: IMPORT_CHUNK_SIZE + 1 }, (_, i) => `d${i}`) },
      { ...chunk, extra: 1 },
    ];
    for (const row of bad)
      expect(importChunkSchema.safeParse(row).success, JSON.stringify(row).slice(0, 80)).toBe(false);
  });
});
