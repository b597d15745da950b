/**
 * Corrupted workbooks through the whole import, write included, in a
 * fake-indexeddb database: a refused file or a refused row leaves every
 * table as it was; an accepted one adds exactly its batch.
 * FUZZ_SEED and FUZZ_RUNS (a multiplier) change the run as in the shared test.
 */
import fc from 'fast-check';
import { IMPORT_CHUNK_SIZE } from '../../shared/domain/history';
import { describe, expect, it } from 'vitest';
import { ImportRowError } from '../../renderer/src/db/repositories';
import type { LedgerDb } from '../../renderer/src/db/schema';
import { assertNotPolluted, prototypeKeys, runImportPath } from '../support/excel/importPath';
import { applyByteOp, applyCsvOp, builtSeeds, byteOp, csvOp, isCsvSeed } from '../support/excel/mutate';
import { setup } from './helpers';

const SEED = Number((import.meta.env.FUZZ_SEED as string | undefined) ?? 20_171_012);
const SCALE = Number((import.meta.env.FUZZ_RUNS as string | undefined) ?? 1);
const seeds = builtSeeds();
const byName = new Map(seeds.map((s) => [s.name, s]));

async function counts(db: LedgerDb): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of db.tables) out[t.name] = await t.count();
  return out;
}

describe('corrupted workbooks written through ImportRepository', () => {
  it('refusals change nothing; accepted files add exactly their batch', { timeout: 240_000 }, async () => {
    const env = setup();
    const before = prototypeKeys();
    let writes = 0;
    let refusals = 0;
    const mutation = fc.oneof(
      fc.record({
        kind: fc.constant('bytes' as const),
        ops: fc.array(byteOp, { minLength: 1, maxLength: 2 }),
      }),
      fc.record({ kind: fc.constant('csv' as const), ops: fc.array(csvOp, { minLength: 1, maxLength: 2 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...seeds.map((s) => s.name)), mutation, async (name, m) => {
        const seed = byName.get(name)!;
        const bytes =
          m.kind === 'csv' && isCsvSeed(seed)
            ? m.ops.reduce(applyCsvOp, seed.bytes)
            : m.kind === 'bytes'
              ? m.ops.reduce(applyByteOp, seed.bytes)
              : seed.bytes;
        const refs = await env.repos.imports.refs();
        const outcome = runImportPath(bytes, seed.name, refs, 'create');
        for (const w of outcome.writes.filter((x) => x.rows.length > 0)) {
          const start = await counts(env.db);
          const startEntries = await env.repos.changes.count();
          try {
            const batch = await env.repos.imports.run({ ...w, fileName: seed.name, mode: 'create' });
            writes++;
            const end = await counts(env.db);
            expect(batch.created).toBe(w.rows.length);
            expect(end.importBatches).toBe(start.importBatches! + 1);
            // One entry per created record, whether stored one per row or in import chunks.
            expect(await env.repos.changes.count()).toBe(startEntries + w.rows.length);
            expect(end.changes).toBe(start.changes! + Math.ceil(w.rows.length / IMPORT_CHUNK_SIZE));
          } catch (e) {
            if (!(e instanceof ImportRowError)) throw e;
            refusals++;
            expect(await counts(env.db)).toEqual(start);
          }
        }
        if (outcome.error) refusals++;
        assertNotPolluted(before);
      }),
      { seed: SEED, numRuns: Math.round(250 * SCALE), endOnFailure: true },
    );
    // The mix must reach both sides, or the test proves little.
    expect(writes).toBeGreaterThan(10);
    expect(refusals).toBeGreaterThan(10);
    const stored = await env.db.deals.toArray();
    for (const d of stored) expect(Object.getPrototypeOf(d)).toBe(Object.prototype);
  });
});
