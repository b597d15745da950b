/**
 * An import batch's trace as one change-log row per chunk of records (Dexie
 * version 7, shared/domain/history.ts ImportChunk): history, undo, exchange
 * files, backups and the upgrade from version 5 with per-record entries all
 * read the same entries as when each record had a row of its own.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { decodeRestorable, encodeSnapshot } from '../../shared/backup/snapshot';
import { decodeExchangeFile, encodeExchangeFile } from '../../shared/exchange/format';
import { expandRows, IMPORT_CHUNK_SIZE, isImportChunk, type ChangeRow } from '../../shared/domain/history';
import type { ChangeEntry, Deal, ImportBatch } from '../../shared/domain/records';
import { LedgerDb } from '../../renderer/src/db/schema';
import { importDeals, setup } from './helpers';
import { releasedStores } from './releasedSchema';

type Env = ReturnType<typeof setup>;

const ROWS = 2500;
const names = Array.from({ length: ROWS }, (_, i) => `晋江鞋服产业项目${i + 1}号`);

const dealNamed = async (env: Env, name: string): Promise<Deal> => {
  const d = (await env.db.deals.toArray()).find((x) => x.name === name);
  if (!d) throw new Error(`no deal ${name}`);
  return d;
};
const valueOf = (entry: ChangeEntry | undefined, field: string) =>
  entry?.changes.find((c) => c.field === field)?.new;
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The compact entry version 6 stored for each created record, without its own id and time. */
const perRecordShape = (e: ChangeEntry) => ({
  recordKind: e.recordKind,
  recordId: e.recordId,
  action: e.action,
  changes: e.changes,
  by: e.by,
  cause: e.cause,
  batchId: e.batchId,
  sourceRow: e.sourceRow,
});

describe('an import batch over several chunk rows', () => {
  it('stores 2,500 records as three rows, and each record’s history shows its values, who and source row, before and after an edit', async () => {
    const env = setup();
    const batch = await importDeals(env, names);
    expect(batch.created).toBe(ROWS);
    const rows = await env.db.changes.toArray();
    expect(rows).toHaveLength(Math.ceil(ROWS / IMPORT_CHUNK_SIZE));
    expect(rows.every(isImportChunk)).toBe(true);
    expect(rows.map((r) => (isImportChunk(r) ? r.recordIds.length : 0)).sort()).toEqual([1000, 1000, 500]);
    const entries = expandRows(rows);
    expect(new Set(entries.map((e) => e.recordId)).size).toBe(ROWS);
    expect(new Set(entries.map((e) => e.id)).size).toBe(ROWS);

    // The last row of the sheet: in the third chunk.
    const deal = await dealNamed(env, names[ROWS - 1]!);
    let history = await env.repos.changes.forRecord(deal.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      action: 'import',
      by: '张三',
      batchId: batch.id,
      sourceRow: ROWS + 1,
      cause: { type: 'import', batchId: batch.id },
    });
    expect(valueOf(history[0], 'name')).toBe(names[ROWS - 1]);
    expect(valueOf(history[0], 'investor')).toBe(`${names[ROWS - 1]}投资有限公司`);
    expect(valueOf(history[0], 'agreedInvestment')).toBe((5000 + (ROWS - 1) * 100) * 10_000);

    env.advance();
    env.settings.userName = '李四';
    await env.repos.deals.update(deal.id, { agreedInvestment: 8_540_000_000, investor: '晋江鞋业集团' });
    history = await env.repos.changes.forRecord(deal.id);
    expect(history.map((e) => [e.action, e.by])).toEqual([
      ['update', '李四'],
      ['import', '张三'],
    ]);
    // What was imported, not what the record holds now.
    expect(valueOf(history[1], 'agreedInvestment')).toBe((5000 + (ROWS - 1) * 100) * 10_000);
    expect(valueOf(history[1], 'investor')).toBe(`${names[ROWS - 1]}投资有限公司`);
    expect(history[1]!.sourceRow).toBe(ROWS + 1);
    // Another record of the same chunk is untouched by the edit.
    const neighbour = await dealNamed(env, names[ROWS - 2]!);
    const other = await env.repos.changes.forRecord(neighbour.id);
    expect(other.map((e) => e.action)).toEqual(['import']);
    expect(other[0]!.sourceRow).toBe(ROWS);
  }, 120_000);

  it('undoes the whole 2,500-row batch from its chunk rows; an edited record keeps its edit in the history', async () => {
    const env = setup();
    const other = await importDeals(env, ['另一批次的项目']);
    const batch = await importDeals(env, names);
    const edited = await dealNamed(env, names[1500]!);
    env.advance();
    await env.repos.deals.update(edited.id, { team: '鞋业办公室' });
    env.advance();
    const result = await env.repos.imports.undo(batch.id);
    expect(result).toEqual({ removed: ROWS, restored: 0, keptFields: 0 });
    const live = (await env.db.deals.toArray()).filter((d) => !d.deletedAt);
    expect(live.map((d) => d.name)).toEqual(['另一批次的项目']);
    expect(((await env.repos.imports.list()).find((b) => b.id === other.id) as ImportBatch).undoneAt).toBe(
      undefined,
    );
    // Every record is still there, deleted (restorable), and its history says so.
    expect(await env.db.deals.count()).toBe(ROWS + 1);
    const history = await env.repos.changes.forRecord(edited.id);
    expect(history.map((e) => e.action)).toEqual(['delete', 'update', 'import']);
    expect(history[0]!.cause).toEqual({ type: 'undo-import', batchId: batch.id });
    expect(valueOf(history[2], 'team')).not.toBe('鞋业办公室');
    expect(valueOf(history[2], 'name')).toBe(names[1500]);
    await expect(env.repos.imports.undo(batch.id)).rejects.toThrow('该批次已撤销');
  }, 120_000);
});

describe('exchange files and backups after a chunked import', () => {
  it('writes the per-record entries the chunks stand for, so the file is as before and merges once', async () => {
    const a = setup();
    const b = setup();
    await a.repos.exchange.identity();
    await b.repos.exchange.identity();
    const batch = await importDeals(a, names.slice(0, 1200));
    const file = await a.repos.exchange.buildFile();
    // The file's entries: one per record, each of the shape version 6 stored, ids stable.
    expect(file.changes).toHaveLength(1200);
    const deals = await a.db.deals.toArray();
    const expected = deals.map((d) => ({
      recordKind: 'deal',
      recordId: d.id,
      action: 'import',
      changes: [],
      by: '张三',
      cause: { type: 'import', batchId: batch.id },
      batchId: batch.id,
      sourceRow: names.indexOf(d.name) + 2,
    }));
    const byRecord = (x: { recordId: string }, y: { recordId: string }) =>
      x.recordId < y.recordId ? -1 : x.recordId > y.recordId ? 1 : 0;
    expect(file.changes.map(perRecordShape).sort(byRecord)).toEqual(expected.sort(byRecord));
    expect((await a.repos.exchange.buildFile()).changes.map((c) => c.id)).toEqual(
      file.changes.map((c) => c.id),
    );

    // Through the file's bytes and its own checks, as a user hands it over.
    const decoded = decodeExchangeFile(encodeExchangeFile(file));
    if (!decoded.ok) throw new Error(decoded.error);
    const preview = await b.repos.exchange.preview(decoded.value, '张三.zsjh');
    expect(preview.plan.newChanges).toHaveLength(1200);
    await b.repos.exchange.apply(preview);
    const deal = await dealNamed(b, names[1100]!);
    const there = await b.repos.changes.forRecord(deal.id);
    const here = await a.repos.changes.forRecord(deal.id);
    // b holds the same import entry (and its own entry for the merge that brought the record).
    const imported = there.filter((e) => e.action === 'import');
    expect(imported).toEqual(here);
    expect(there.map((e) => e.action).sort()).toEqual(['import', 'merge']);
    expect(imported[0]).toMatchObject({ by: '张三', sourceRow: 1102, batchId: batch.id });
    expect(valueOf(imported[0], 'investor')).toBe(`${names[1100]}投资有限公司`);

    // The entries come back in b's file: a knows them as its own chunks' and adds none.
    const back = await b.repos.exchange.buildFile();
    expect(back.changes.length).toBeGreaterThanOrEqual(1200);
    const returned = await a.repos.exchange.preview(back, '李四.zsjh');
    expect(returned.plan.newChanges.filter((c) => c.action === 'import')).toEqual([]);
    await a.repos.exchange.apply(returned);
    const after = (await a.repos.changes.forRecord(deal.id)).filter((e) => e.action === 'import');
    expect(after).toEqual(here);
    expect(await a.db.changes.where('batchId').equals(batch.id).count()).toBe(2);
  }, 120_000);

  it('backs the chunk rows up as they are and restores them: history and undo as before the backup', async () => {
    const env = setup();
    const batch = await importDeals(env, names.slice(0, 1500));
    const deal = await dealNamed(env, names[1400]!);
    env.advance();
    await env.repos.deals.update(deal.id, { agreedInvestment: 123_400_000 });
    const before = {
      rows: (await env.db.changes.toArray()).sort(byId),
      history: await env.repos.changes.forRecord(deal.id),
    };
    const snap = await env.repos.snapshots.export('manual');
    expect(snap.header.counts.changes).toBe(3); // two chunks and the edit
    const read = decodeRestorable(encodeSnapshot(snap));
    if (!read.ok) throw new Error(read.error);

    const fresh = setup();
    await fresh.repos.snapshots.restore(read.value);
    expect(((await fresh.db.changes.toArray()) as ChangeRow[]).sort(byId)).toEqual(before.rows);
    expect(await fresh.repos.changes.forRecord(deal.id)).toEqual(before.history);
    // Undo works on the restored copy, from the restored chunks.
    fresh.advance(120_000);
    expect(await fresh.repos.imports.undo(batch.id)).toEqual({ removed: 1500, restored: 0, keptFields: 0 });
  }, 120_000);

  it('refuses a backup whose chunk row is damaged, naming the table', async () => {
    const env = setup();
    await importDeals(env, names.slice(0, 3));
    const snap = await env.repos.snapshots.export('manual');
    const chunk = snap.tables.changes![0] as Record<string, unknown>;
    const damaged = { ...snap, tables: { ...snap.tables, changes: [{ ...chunk, sourceRows: [2, 3] }] } };
    const r = decodeRestorable(encodeSnapshot(damaged));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBe('备份文件中「变更记录」的第 1 条有误（sourceRows），未恢复任何内容');
  });
});

describe('the upgrade to version 7', () => {
  it('keeps the per-record entries of version 5: their history and undo read as before, new imports are chunked', async () => {
    const name = `v5-${Date.now()}`;
    // The released stores up to version 5, as a laptop holds them before version 7.
    const v5 = new Dexie(name);
    releasedStores(v5, 5);
    await v5.open();

    // An older import on that laptop: one compact entry per record.
    const old = setup();
    const oldBatch = await importDeals(old, ['老版本导入的鞋业项目', '老版本导入的皮革项目']);
    const oldDeals = await old.db.deals.toArray();
    const perRecord: ChangeEntry[] = expandRows(await old.db.changes.toArray()).map((e, i) => ({
      ...e,
      id: `v5-entry-${i}`,
    }));
    await v5.table('deals').bulkAdd(oldDeals);
    await v5.table('changes').bulkAdd(perRecord);
    await v5.table('importBatches').add(await old.db.importBatches.get(oldBatch.id));
    v5.close();

    const db = new LedgerDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(7);
    expect(await db.changes.toArray()).toEqual(expect.arrayContaining(perRecord));
    db.close();

    const upgraded = setup({ dbName: name });
    const deal = oldDeals.find((d) => d.name === '老版本导入的皮革项目')!;
    const history = await upgraded.repos.changes.forRecord(deal.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ id: perRecord.find((e) => e.recordId === deal.id)!.id, sourceRow: 3 });
    expect(valueOf(history[0], 'name')).toBe('老版本导入的皮革项目');

    // A new import next to the old entries: chunked; the old batch still undoes from its own entries.
    const fresh = await importDeals(upgraded, ['升级后导入的项目']);
    const rows = await upgraded.db.changes.where('batchId').equals(fresh.id).toArray();
    expect(rows.map(isImportChunk)).toEqual([true]);
    upgraded.advance();
    expect(await upgraded.repos.imports.undo(oldBatch.id)).toEqual({
      removed: 2,
      restored: 0,
      keptFields: 0,
    });
    const live = (await upgraded.db.deals.toArray()).filter((d) => !d.deletedAt);
    expect(live.map((d) => d.name)).toEqual(['升级后导入的项目']);
    upgraded.db.close();
  });
});
