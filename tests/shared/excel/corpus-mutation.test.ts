/**
 * Seeded, deterministic corruptions OF THE COLLECTED CORPUS
 * (tests/fixtures/corpus: real files from other libraries' test suites,
 * each source with its licence), through the import path as the wizard runs
 * it (tests/support/excel/importPath.ts): byte flips, truncation, overwritten
 * runs, zip entries removed or duplicated, unpacked sizes inflated in the zip
 * headers, broken shared strings, and the right bytes under the wrong
 * extension. Each must preview or be refused in Chinese within 10 s and 1 GB
 * of heap; a message without Chinese or with an exception's English text
 * fails the test. Prints how many previewed, how many were refused and why,
 * and the time.
 *
 * CORPUS_MUTATION_SEED changes the run; a failure names the base file, the
 * mutation and its variant, so it can be replayed. CORPUS_MUTATION_TRACE names
 * a file that holds the case being run, for a case that takes the process down.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertNotPolluted, PathFailure, prototypeKeys, runImportPath } from '../../support/excel/importPath';
import { unzip, zip, zipLayout, type ZipEntry } from '../../support/fuzz/zip';

const ROOT = resolve(import.meta.dirname, '../../fixtures/corpus');
const SEED = Number(process.env.CORPUS_MUTATION_SEED ?? 20_261_015);
const LIMIT_MS = 10_000;
const LIMIT_HEAP = 1024 * 1024 * 1024;
/** Variants of each applicable mutation per base file. */
const VARIANTS = 2;
const CHINESE = /[\u4e00-\u9fff]/;
/** What an exception's own text looks like; the user must never see it. */
const RAW_ENGLISH =
  /\b(?:Error|TypeError|RangeError|SyntaxError|undefined|null|NaN|Cannot|Invalid|Unexpected|expected|failed|at [\w.]+ \()/;

interface Base {
  name: string;
  bytes: Uint8Array;
  zip: boolean;
}

/**
 * The bases: every collected file up to 64 KB (nine in ten of the corpus,
 * every format, every source); the few larger ones are previewed whole by
 * collected-corpus.test.ts, and corrupting them here would only cost time.
 */
function bases(): Base[] {
  return readdirSync(ROOT)
    .sort()
    .flatMap((source) =>
      readdirSync(join(ROOT, source))
        .filter((f) => !/^LICENSE|\.md$/i.test(f))
        .sort()
        .map((f) => ({ name: `${source}/${f}`, bytes: new Uint8Array(readFileSync(join(ROOT, source, f))) })),
    )
    .filter((b) => b.bytes.length > 0 && b.bytes.length <= 64 * 1024)
    .map((b) => ({ ...b, zip: b.bytes[0] === 0x50 && b.bytes[1] === 0x4b && zipLayout(b.bytes) !== null }));
}

/** mulberry32: small, fast and the same on every machine. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const int = (r: Random, n: number) => Math.floor(r() * n);

interface Mutated {
  bytes: Uint8Array;
  name: string;
  what: string;
}

type Mutation = {
  kind: string;
  /** Whether it applies to the base at all (zip mutations need a zip). */
  applies(b: Base): boolean;
  apply(b: Base, r: Random): Mutated;
};

function entriesOf(b: Base): ZipEntry[] | undefined {
  try {
    return unzip(b.bytes);
  } catch {
    return undefined;
  }
}

const hasSharedStrings = (b: Base) =>
  b.zip && (zipLayout(b.bytes)?.entries.some((e) => /sharedStrings\.xml$/i.test(e.name)) ?? false);

const EXTENSIONS = ['.xlsx', '.xls', '.csv', '.ods', '.xlsb', '.txt', ''];

const MUTATIONS: Mutation[] = [
  {
    kind: '翻转字节',
    applies: () => true,
    apply(b, r) {
      const out = b.bytes.slice();
      const flips = 1 + int(r, 8);
      for (let i = 0; i < flips; i++) out[int(r, out.length)]! ^= 1 << int(r, 8);
      return { bytes: out, name: b.name, what: `${flips} flips` };
    },
  },
  {
    kind: '截断',
    applies: () => true,
    apply(b, r) {
      const keep = int(r, b.bytes.length);
      return { bytes: b.bytes.slice(0, keep), name: b.name, what: `keep ${keep}/${b.bytes.length}` };
    },
  },
  {
    kind: '覆写一段',
    applies: () => true,
    apply(b, r) {
      const out = b.bytes.slice();
      const at = int(r, out.length);
      const len = 1 + int(r, 64);
      for (let i = at; i < Math.min(out.length, at + len); i++) out[i] = int(r, 256);
      return { bytes: out, name: b.name, what: `overwrite ${len} at ${at}` };
    },
  },
  {
    kind: '扩展名不符',
    applies: () => true,
    apply(b, r) {
      const own = extname(b.name).toLowerCase();
      const others = EXTENSIONS.filter((e) => e !== own);
      const ext = others[int(r, others.length)]!;
      return { bytes: b.bytes, name: b.name.slice(0, b.name.length - own.length) + ext, what: `as ${ext}` };
    },
  },
  {
    kind: '删去压缩包条目',
    applies: (b) => b.zip && (entriesOf(b)?.length ?? 0) > 1,
    apply(b, r) {
      const entries = entriesOf(b)!;
      const i = int(r, entries.length);
      const name = entries[i]!.name;
      entries.splice(i, 1);
      return { bytes: zip(entries), name: b.name, what: `remove ${name}` };
    },
  },
  {
    kind: '重复压缩包条目',
    applies: (b) => b.zip && (entriesOf(b)?.length ?? 0) > 0,
    apply(b, r) {
      const entries = entriesOf(b)!;
      const e = entries[int(r, entries.length)]!;
      // The copy carries other content half the time: which one a reader takes must not matter.
      const data = r() < 0.5 ? e.data : new TextEncoder().encode('<?xml version="1.0"?><x>重复</x>');
      entries.splice(int(r, entries.length + 1), 0, { name: e.name, data });
      return { bytes: zip(entries), name: b.name, what: `duplicate ${e.name}` };
    },
  },
  {
    kind: '头部解压大小虚报',
    applies: (b) => b.zip,
    apply(b, r) {
      const layout = zipLayout(b.bytes)!;
      const out = b.bytes.slice();
      const v = new DataView(out.buffer);
      const e = layout.entries[int(r, layout.entries.length)]!;
      const size = [0xffffffff, 0x7fffffff, 0x40000000, 0, 1][int(r, 5)]!;
      // Central directory and local header: unpacked size; and sometimes the packed size as well.
      if (e.cd + 28 <= out.length) v.setUint32(e.cd + 24, size, true);
      if (e.local + 26 <= out.length) v.setUint32(e.local + 22, size, true);
      const packed = r() < 0.3;
      if (packed && e.cd + 24 <= out.length) v.setUint32(e.cd + 20, size, true);
      return { bytes: out, name: b.name, what: `${e.name} size ${size}${packed ? ' (packed too)' : ''}` };
    },
  },
  {
    kind: '共享字符串损坏',
    applies: hasSharedStrings,
    apply(b, r) {
      const entries = entriesOf(b)!;
      const i = entries.findIndex((e) => /sharedStrings\.xml$/i.test(e.name));
      const xml = new TextDecoder().decode(entries[i]!.data);
      const how = int(r, 5);
      let out: string;
      if (how === 0) out = xml.slice(0, int(r, xml.length));
      else if (how === 1)
        out = xml
          .replace(/count="\d+"/, 'count="4294967295"')
          .replace(/uniqueCount="\d+"/, 'uniqueCount="-1"');
      else if (how === 2) out = xml.replace(/<si>/g, (m) => (r() < 0.3 ? '<si><t>未闭合' : m));
      else if (how === 3)
        out = xml.replace(/<\/si>/, `</si>${'<si><t>招商台账</t></si>'.repeat(1 + int(r, 2000))}`);
      else out = xml.replace(/<t[^>]*>[^<]*<\/t>/, `<t>${'&#xD800;&#0;\u0000'.repeat(1 + int(r, 50))}</t>`);
      entries[i] = { ...entries[i]!, data: new TextEncoder().encode(out) };
      // Also point a cell at a shared string far past the end, half the time.
      const sheet = entries.findIndex((e) => /worksheets\/sheet\d*\.xml$/i.test(e.name));
      const far = sheet >= 0 && r() < 0.5;
      if (far) {
        const s = new TextDecoder().decode(entries[sheet]!.data);
        const patched = s.replace(/(<c [^>]*t="s"[^>]*>\s*<v>)\d+(<\/v>)/, '$1999999999$2');
        entries[sheet] = { ...entries[sheet]!, data: new TextEncoder().encode(patched) };
      }
      return { bytes: zip(entries), name: b.name, what: `shared strings ${how}${far ? ' + far index' : ''}` };
    },
  },
];

interface Case {
  base: Base;
  mutation: Mutation;
  variant: number;
}

const all = bases();
const cases: Case[] = all.flatMap((base) =>
  MUTATIONS.filter((m) => m.applies(base)).flatMap((mutation) =>
    Array.from({ length: VARIANTS }, (_, variant) => ({ base, mutation, variant })),
  ),
);

const tally = {
  previewed: 0,
  refused: new Map<string, number>(),
  ms: 0,
  slowest: { ms: 0, what: '' },
  maxHeap: 0,
};
const before = prototypeKeys();

/** The refusal's reason: its first clause, which names what is wrong. */
function reasonOf(message: string): string {
  return message.split(/[，。（：；]/)[0]!.slice(0, 30);
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

afterAll(() => {
  const refused = [...tally.refused.values()].reduce((a, b) => a + b, 0);
  const reasons = [...tally.refused.entries()].sort((a, b) => b[1] - a[1]);
  console.log(
    [
      `corpus mutations: ${tally.previewed + refused} of ${cases.length} cases on ${all.length} collected files, seed ${SEED}`,
      `  previewed ${tally.previewed}, refused in Chinese ${refused}`,
      ...reasons.map(([reason, n]) => `    ${String(n).padStart(5)}  ${reason}`),
      `  ${(tally.ms / 1000).toFixed(1)} s in all, slowest ${Math.round(tally.slowest.ms)} ms (${tally.slowest.what}), heap at most ${Math.round(tally.maxHeap / 1048576)} MB`,
    ].join('\n'),
  );
});

describe('seeded mutations of the collected corpus', () => {
  it('adds up to at least 2,000 cases, over every format the corpus holds', () => {
    expect(cases.length).toBeGreaterThanOrEqual(2000);
    const formats = new Set(all.map((b) => extname(b.name).toLowerCase()));
    for (const f of ['.xlsx', '.xls', '.csv', '.ods', '.xlsb']) expect(formats).toContain(f);
    for (const m of MUTATIONS)
      expect(
        cases.some((c) => c.mutation === m),
        m.kind,
      ).toBe(true);
  });

  it('a .xls cut inside a record is refused before SheetJS reads it (it looped until out of memory)', () => {
    const whole = readFileSync(join(ROOT, 'xlrd/tests_samples_biff4_no_format_no_window2.xls'));
    // 3 bytes of a 4-byte record header are left at the end.
    const started = performance.now();
    const r = runImportPath(new Uint8Array(whole.subarray(0, 2439)), '签约项目.xls');
    expect(r.error).toMatch(/^文件不完整或已损坏（Excel 工作簿的记录在中途断开）/);
    expect(performance.now() - started).toBeLessThan(1000);
    // The whole file still previews.
    expect(runImportPath(new Uint8Array(whole), '签约项目.xls').error).toBeUndefined();
  });

  it('each previews or is refused in Chinese, within 10 s and 1 GB', { timeout: 240_000 }, () => {
    for (const c of cases) {
      const r = rng(SEED ^ hash(`${c.base.name}|${c.mutation.kind}|${c.variant}`));
      const m = c.mutation.apply(c.base, r);
      const label = `${c.base.name} ${c.mutation.kind} #${c.variant} (${m.what}) as ${m.name}`;
      if (process.env.CORPUS_MUTATION_TRACE) writeFileSync(process.env.CORPUS_MUTATION_TRACE, label);
      const started = performance.now();
      let error: string | undefined;
      try {
        error = runImportPath(m.bytes, m.name).error;
      } catch (e) {
        const text = e instanceof PathFailure ? e.message : `uncaught ${String(e)}`;
        throw new Error(`${label}: ${text}`, { cause: e });
      }
      const ms = performance.now() - started;
      const heap = process.memoryUsage().heapUsed;
      tally.ms += ms;
      tally.maxHeap = Math.max(tally.maxHeap, heap);
      if (ms > tally.slowest.ms) tally.slowest = { ms, what: label };
      expect(ms, label).toBeLessThan(LIMIT_MS);
      expect(heap, label).toBeLessThan(LIMIT_HEAP);
      if (error === undefined) tally.previewed++;
      else {
        expect(error, label).toMatch(CHINESE);
        expect(error, label).not.toMatch(RAW_ENGLISH);
        const reason = `${c.mutation.kind} → ${reasonOf(error)}`;
        tally.refused.set(reason, (tally.refused.get(reason) ?? 0) + 1);
      }
    }
    assertNotPolluted(before);
  });
});
