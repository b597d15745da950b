/**
 * The compact import trace (issue 17, SPEC §2.6): each record an import
 * creates gets an entry naming its batch and source row instead of a copy of
 * every field; the history still shows the values imported and who imported
 * them, after later edits and after undo; entries written in full by earlier
 * versions read as before; the entries travel in exchange files.
 */
import { describe, expect, it } from 'vitest';
import { changeEntrySchema, importChunkSchema } from '../../shared/gate/schemas';
import { expandRows, isImportChunk } from '../../shared/domain/history';
import type { ChangeEntry, Deal } from '../../shared/domain/records';
import { importDeals, setup } from './helpers';

const byName = async (env: ReturnType<typeof setup>, name: string): Promise<Deal> => {
  const d = (await env.repos.deals.list({ includeDeleted: true })).find((x) => x.name === name);
  if (!d) throw new Error(`no deal ${name}`);
  return d;
};
const valueOf = (entry: ChangeEntry | undefined, field: string) =>
  entry?.changes.find((c) => c.field === field)?.new;

describe('compact import trace', () => {
  it('stores one row for the batch naming its records and source rows, not the fields', async () => {
    const env = setup();
    const batch = await importDeals(env, ['鞋业智能制造产业园', '女鞋生产基地', '皮革新材料项目']);
    const stored = await env.db.changes.where('batchId').equals(batch.id).toArray();
    expect(stored).toHaveLength(1);
    const chunk = stored[0]!;
    if (!isImportChunk(chunk)) throw new Error('expected an import chunk');
    expect(chunk).toMatchObject({
      recordKind: 'deal',
      action: 'import',
      by: '张三',
      cause: { type: 'import', batchId: batch.id },
      batchId: batch.id,
    });
    expect(importChunkSchema.safeParse(chunk).success).toBe(true);
    // Rows 2, 3, 4 of the sheet (row 1 is the header), in the order of the records.
    const deal = await byName(env, '女鞋生产基地');
    expect(chunk.sourceRows).toEqual([2, 3, 4]);
    expect(chunk.sourceRows![chunk.recordIds.indexOf(deal.id)]).toBe(3);
    // Found for the record through its multi-entry index.
    expect(await env.db.changes.where('recordIds').equals(deal.id).primaryKeys()).toEqual([chunk.id]);
    // Read as the compact per-record entries earlier versions stored, each a valid entry.
    const entries = expandRows(stored);
    expect(entries.map((e) => [e.recordId, e.sourceRow])).toEqual(
      chunk.recordIds.map((id, i) => [id, i + 2]),
    );
    for (const e of entries) {
      expect(e).toMatchObject({ action: 'import', changes: [], by: '张三', batchId: batch.id });
      expect(changeEntrySchema.safeParse(e).success).toBe(true);
    }
    // A reference, not a copy: far smaller than the records it stands for.
    expect(JSON.stringify(chunk).length).toBeLessThan(JSON.stringify(deal).length);
  });

  it('shows the imported values and who imported them, also after an edit', async () => {
    const env = setup();
    await importDeals(env, ['鞋业智能制造产业园', '女鞋生产基地']);
    const deal = await byName(env, '女鞋生产基地');
    expect(deal.agreedInvestment).toBe(51_000_000);
    env.advance();
    env.settings.userName = '李四';
    await env.repos.deals.update(deal.id, { agreedInvestment: 85_400_000, team: '鞋业办公室' });

    const history = await env.repos.changes.forRecord(deal.id);
    expect(history.map((e) => e.action)).toEqual(['update', 'import']);
    const imported = history[1]!;
    expect(imported.by).toBe('张三');
    expect(imported.sourceRow).toBe(3);
    // The values as imported, not as they are now.
    expect(valueOf(imported, 'name')).toBe('女鞋生产基地');
    expect(valueOf(imported, 'investor')).toBe('女鞋生产基地投资有限公司');
    expect(valueOf(imported, 'agreedInvestment')).toBe(51_000_000);
    expect(valueOf(imported, 'team')).toBe('第二招商组团');
    expect(history[0]!.by).toBe('李四');
    expect(history[0]!.changes.find((c) => c.field === 'agreedInvestment')).toMatchObject({
      old: 51_000_000,
      new: 85_400_000,
    });
  });

  it('still undoes the batch, and the history of an undone record still shows what was imported', async () => {
    const env = setup();
    const batch = await importDeals(env, ['鞋业智能制造产业园', '女鞋生产基地']);
    env.advance();
    const result = await env.repos.imports.undo(batch.id);
    expect(result.removed).toBe(2);
    expect(await env.repos.deals.list()).toEqual([]);
    const deal = await byName(env, '鞋业智能制造产业园');
    const history = await env.repos.changes.forRecord(deal.id);
    expect(history.map((e) => e.action)).toEqual(['delete', 'import']);
    expect(valueOf(history[1], 'name')).toBe('鞋业智能制造产业园');
    expect(history[1]!.changes.some((c) => c.field === 'deletedAt')).toBe(false);
  });

  it('reads entries written in full by earlier versions as they were', async () => {
    const env = setup();
    const deal = await env.repos.deals.create({ name: '旧版导入项目', investor: '晋江鞋业集团' });
    const full: ChangeEntry = {
      id: 'old-entry-1',
      recordKind: 'deal',
      recordId: deal.id,
      action: 'import',
      changes: [
        { field: 'name', old: null, new: '旧版导入项目（导入时）' },
        { field: 'investor', old: null, new: '晋江鞋业集团' },
      ],
      by: '王五',
      at: '2017-10-01T08:00:00.000Z',
      cause: { type: 'import', batchId: 'old-batch-1' },
      batchId: 'old-batch-1',
    };
    await env.db.changes.add(full);
    const history = await env.repos.changes.forRecord(deal.id);
    expect(history.find((e) => e.id === 'old-entry-1')).toEqual(full);
  });

  it('travels in an exchange file, and the other laptop shows the imported values', async () => {
    const a = setup();
    const b = setup();
    await a.repos.exchange.identity();
    await b.repos.exchange.identity();
    await importDeals(a, ['鞋业智能制造产业园']);
    const preview = await b.repos.exchange.preview(await a.repos.exchange.buildFile(), '张三.zsjh');
    await b.repos.exchange.apply(preview);
    const deal = await byName(b, '鞋业智能制造产业园');
    const history = await b.repos.changes.forRecord(deal.id);
    const imported = history.find((e) => e.action === 'import');
    expect(imported).toMatchObject({ by: '张三', sourceRow: 2 });
    expect(valueOf(imported, 'investor')).toBe('鞋业智能制造产业园投资有限公司');
  });
});
