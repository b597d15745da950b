/**
 * The import store's parts without React: what it writes to settings and
 * when, how much of a table a row fix reads, and that every store (and every
 * reset) starts from its own clean state.
 */
import 'fake-indexeddb/auto';
import type { DBCore, DBCoreQuery } from 'dexie';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { repos, services } from '../../renderer/src/app/services';
import {
  createImportStore,
  initialState,
  previewCounts,
  selectPlan,
  unresolvedErrors,
} from '../../renderer/src/features/import/store';
import { xlsxBytes } from '../support/excel/build';
import { MESSY_DEALS, MESSY_MERGES } from '../support/excel/messy';
import { importEnv } from './importEnv';
import { findMatches } from '../../shared/excel/duplicates';
import type { ImportRow } from '../../shared/excel/rows';

const bytes = xlsxBytes({ 签约项目: { rows: MESSY_DEALS, merges: MESSY_MERGES } });
const { env, start } = importEnv(bytes);

/**
 * Reads of the deals table that start at its first key: a full-table read,
 * whether in one query or in the key-range parts of readInParts (its first
 * part starts there). Candidates read through an index never do.
 */
const reads = { full: 0, records: 0 };
const wholeRange = (q: DBCoreQuery) =>
  q.range.type === 3 || (q.range.type === 2 && q.range.lower === undefined);

beforeAll(async () => {
  await start();
  const db = services().db;
  db.close();
  db.use({
    stack: 'dbcore',
    name: 'count-deal-reads',
    create: (down: DBCore): DBCore => ({
      ...down,
      table(name) {
        const t = down.table(name);
        if (name !== 'deals') return t;
        return {
          ...t,
          async query(req) {
            const res = await t.query(req);
            if (req.values) {
              reads.records += res.result.length;
              if (wholeRange(req.query)) reads.full++;
            }
            return res;
          },
          openCursor(req) {
            if (req.values !== false && wholeRange(req.query)) reads.full++;
            return t.openCursor(req);
          },
          async getMany(req) {
            const res = await t.getMany(req);
            reads.records += res.filter(Boolean).length;
            return res;
          },
        };
      },
    }),
  });
  await db.open();
});

/** A store taken from file to preview with 一组 added to 组团 and column 9 (备注) unmapped. */
async function toPreview(store = createImportStore()) {
  const s = store.getState;
  await s().pickFile();
  s().toMapping();
  s().setField(8, null);
  await s().confirmMapping();
  s().decide('team', '一组', { action: 'add' });
  await s().confirmValues();
  expect(s().step).toBe('preview');
  return store;
}

describe('import store: settings are written when the import commits', () => {
  it('a cancelled import writes neither the list values nor the remembered mapping', async () => {
    const before = { teams: [...env.settings.teams], storage: new Map(env.storage) };
    const store = await toPreview();
    expect(env.settingsWrites).toBe(0);
    store.getState().reset();
    expect(store.getState().step).toBe('file');
    expect(env.settingsWrites).toBe(0);
    expect(env.settings.teams).toEqual(before.teams);
    expect(env.storage).toEqual(before.storage);
    expect(await repos().deals.list()).toEqual([]);
  });

  it('a failed import leaves settings unchanged and says so in Chinese', async () => {
    const before = new Map(env.storage);
    const store = await toPreview();
    const run = vi.spyOn(repos().imports, 'run').mockRejectedValueOnce(new Error('磁盘已满'));
    await store.getState().runImport();
    run.mockRestore();
    expect(store.getState().step).toBe('preview');
    expect(store.getState().error).toContain('磁盘已满');
    expect(env.settingsWrites).toBe(0);
    expect(env.settings.teams).not.toContain('一组');
    expect(env.storage).toEqual(before);
  });

  it('a committed import adds the list values and remembers the mapping, once', async () => {
    const store = await toPreview();
    await store.getState().runImport();
    expect(store.getState().step).toBe('done');
    expect(env.settingsWrites).toBe(1);
    expect(env.settings.teams).toContain('一组');
    const next = createImportStore();
    await next.getState().pickFile();
    expect(next.getState().mapping.find((m) => m.index === 8)?.field).toBeNull();
    await store.getState().undo(store.getState().batch!.id);
  });
});

describe('import store: matching reads through the indexes', () => {
  it('a fixRow on a 5,000-record table reads the candidates only, never the whole table', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      rowNumber: i + 2,
      action: 'create' as const,
      input: { name: `产业园项目${i}`, investor: `投资公司${i}`, team: '第一招商组团' },
    }));
    await repos().imports.run({ kind: 'deal', fileName: '存量.xlsx', mode: 'create', rows, skipped: 0 });
    expect(await services().db.deals.count()).toBeGreaterThanOrEqual(5000);

    const store = await toPreview();
    const s = store.getState;
    expect(unresolvedErrors(s())).toEqual([13]);
    reads.full = 0;
    reads.records = 0;
    // Written with a full-width digit and a space: the natural key is compared normalised.
    s().fixRow(13, { name: '产业园项目 １２３４', investor: '投资公司1234', signedDate: '2017-12-01' });
    await vi.waitFor(() => expect(s().matches.find((m) => m.match)?.match?.name).toBe('产业园项目1234'));
    expect(reads.full).toBe(0);
    expect(reads.records).toBeLessThanOrEqual(1);
    expect(previewCounts(selectPlan(s()))).toMatchObject({ update: 1 });

    // Through the index (a few rows) or one read (thousands), the matches are those over every record.
    for (const n of [3, 2500]) {
      const sheet: ImportRow[] = Array.from({ length: n }, (_, i) => ({
        rowNumber: i + 2,
        values: {},
        problems: [],
        input: { name: `产业园项目 ${i * 2}`, investor: i % 3 ? `投资公司${i * 2}` : '别的公司' },
      }));
      expect(findMatches('deal', sheet, await repos().imports.candidates('deal', sheet))).toEqual(
        findMatches('deal', sheet, await repos().imports.existing('deal')),
      );
    }
    reads.full = 0;
    reads.records = 0;
    // The spy does see a whole-table read when one happens.
    await repos().imports.existing('deal');
    expect(reads.full).toBe(1);
    expect(reads.records).toBeGreaterThanOrEqual(5000);
  });
});

describe('import store: no state shared between stores or across a reset', () => {
  it('two stores keep their own plan, and a reset empties only its own', async () => {
    const a = await toPreview();
    const b = createImportStore();
    expect(selectPlan(a.getState()).length).toBeGreaterThan(0);
    expect(selectPlan(b.getState())).toEqual([]);
    a.getState().reset();
    expect(selectPlan(a.getState())).toEqual([]);
    expect(a.getState()).toMatchObject({ ...initialState, skipped: new Set() });
    expect(a.getState().skipped).not.toBe(initialState.skipped);
  });

  it("one store's reset cancels its own parse, not another store's", async () => {
    const a = createImportStore();
    const b = createImportStore();
    const loadA = a.getState().loadFile('甲.xlsx', bytes);
    const loadB = b.getState().loadFile('乙.xlsx', bytes);
    a.getState().reset();
    await Promise.all([loadA, loadB]);
    expect(a.getState()).toMatchObject({ step: 'file', fileName: '', workbook: null });
    expect(b.getState()).toMatchObject({ step: 'sheet', fileName: '乙.xlsx', error: null });
  });
});
