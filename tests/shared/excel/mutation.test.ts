/**
 * Thousands of corrupted variants of real workbooks through the import path:
 * each must preview or be refused with a Chinese message, must not throw,
 * must not hang and must not touch the built-in prototypes.
 * FUZZ_SEED and FUZZ_RUNS (a multiplier, default 1) change the run;
 * fast-check prints the seed and the shrunk mutation of any failure.
 */
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type ImportLimits } from '../../../shared/excel/limits';
import { assertNotPolluted, PathFailure, prototypeKeys, runImportPath } from '../../support/excel/importPath';
import {
  applyByteOp,
  applyCsvOp,
  byteOp,
  csvOp,
  isCsvSeed,
  isZipSeed,
  type SeedFile,
} from '../../support/excel/mutate';
import { applyXmlOp, applyZipOp, seedFiles, xmlOp, zipOp } from '../../support/fuzz/zipMutate';

const SEED = Number(process.env.FUZZ_SEED ?? 20_171_012);
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
/** Far above any case seen (a few hundred ms at most): this catches hangs, it does not time anything. */
const HANG_MS = Number(process.env.FUZZ_HANG_MS ?? 15_000);

const seeds = seedFiles();
const zips = seeds.filter(isZipSeed);
const csvs = seeds.filter(isCsvSeed);
const before = prototypeKeys();
let cases = 0;
let slowest = { ms: 0, what: '' };

function check(seed: SeedFile, bytes: Uint8Array, what: unknown, limits?: ImportLimits): void {
  if (process.env.FUZZ_TRACE) writeFileSync(process.env.FUZZ_TRACE, `${seed.name} ${JSON.stringify(what)}`);
  const started = performance.now();
  try {
    runImportPath(bytes, seed.name, undefined, 'upsert', limits);
  } catch (e) {
    if (e instanceof PathFailure) throw e;
    throw new PathFailure(`uncaught ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
  const ms = performance.now() - started;
  cases++;
  if (ms > slowest.ms) slowest = { ms, what: `${seed.name} ${JSON.stringify(what).slice(0, 200)}` };
  if (ms > HANG_MS) throw new PathFailure(`took ${Math.round(ms)} ms`);
  assertNotPolluted(before);
}

const runs = (n: number) => ({ seed: SEED, numRuns: Math.round(n * SCALE), endOnFailure: true });
/** Seeds by name, so a counterexample prints the file's name rather than its bytes. */
const pick = (list: readonly SeedFile[]) => fc.constantFrom(...list.map((s) => s.name));
const byName = new Map(seeds.map((s) => [s.name, s]));
const seedOf = (name: string): SeedFile => byName.get(name)!;
/** A low row limit lets the CSV cases reach the too-many-rows refusal without building 100,000 rows. */
const CSV_LIMITS: ImportLimits = { ...DEFAULT_LIMITS, maxRows: 3_000 };

afterAll(() => {
  console.log(
    `import mutation test: ${cases} cases, seed ${SEED}, slowest ${Math.round(slowest.ms)} ms: ${slowest.what}`,
  );
});

describe('corrupted workbooks through the import path', () => {
  it('has seeds of each format', () => {
    expect(zips.length).toBeGreaterThanOrEqual(2);
    expect(csvs.length).toBeGreaterThanOrEqual(1);
    expect(seeds.some((s) => s.name.endsWith('.xls'))).toBe(true);
  });

  it('byte flips, truncations, inserted, deleted and duplicated runs', { timeout: 240_000 }, () => {
    fc.assert(
      fc.property(pick(seeds), fc.array(byteOp, { minLength: 1, maxLength: 3 }), (name, ops) => {
        const seed = seedOf(name);
        check(seed, ops.reduce(applyByteOp, seed.bytes), ops);
      }),
      runs(700),
    );
  });

  it('zip directory and entry corruption', { timeout: 240_000 }, () => {
    fc.assert(
      fc.property(pick(zips), fc.array(zipOp, { minLength: 1, maxLength: 2 }), (name, ops) => {
        const seed = seedOf(name);
        check(seed, ops.reduce(applyZipOp, seed.bytes), ops);
      }),
      runs(500),
    );
  });

  it('sheet XML edits before re-zipping', { timeout: 240_000 }, () => {
    fc.assert(
      fc.property(pick(zips), xmlOp, fc.nat(), (name, op, target) => {
        const seed = seedOf(name);
        check(seed, applyXmlOp(seed.bytes, op, target), op);
      }),
      runs(500),
    );
  });

  it('CSV edits', { timeout: 240_000 }, () => {
    fc.assert(
      fc.property(pick(csvs), fc.array(csvOp, { minLength: 1, maxLength: 3 }), (name, ops) => {
        const seed = seedOf(name);
        check(seed, ops.reduce(applyCsvOp, seed.bytes), ops, CSV_LIMITS);
      }),
      runs(400),
    );
  });
});
