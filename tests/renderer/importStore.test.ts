/**
 * The wizard's store end to end in Node: a real (fake-indexeddb) database,
 * a stand-in platform and a Worker that runs the parser in-process.
 */
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { repos } from '../../renderer/src/app/services';
import {
  previewCounts,
  selectPlan,
  unresolvedErrors,
  useImportStore,
} from '../../renderer/src/features/import/store';
import { xlsxBytes } from '../support/excel/build';
import { DEAL_MERGES, DEALS } from '../support/excel/ledgers';
import { MESSY_DEALS, MESSY_MERGES } from '../support/excel/messy';
import { importEnv } from './importEnv';

const { env, start } = importEnv(xlsxBytes({ 签约项目: { rows: MESSY_DEALS, merges: MESSY_MERGES } }));
const saved = env.saved;

beforeAll(async () => {
  await start();
});

const store = () => useImportStore.getState();

describe('import wizard store', () => {
  it('walks file → mapping → list values → preview → import, and undoes it', async () => {
    await store().pickFile();
    expect(store()).toMatchObject({ step: 'sheet', kind: 'deal', fileName: '台账.xlsx', error: null });
    expect(store().layout?.headerRows).toBe(2);
    store().toMapping();
    expect(store().step).toBe('mapping');
    store().setField(8, null);
    store().setField(1, 'investor');
    await store().confirmMapping();
    expect(store().error).toBe('同一字段对应了多列：投资方。每个字段只能对应一列。');
    store().setField(1, 'name');
    await store().confirmMapping();
    expect(store().step).toBe('values');
    expect(store().unknown.map((u) => u.value)).toEqual(['一组']);
    store().decide('team', '一组', { action: 'add' });
    await store().confirmValues();
    // Added to the list only when the import commits.
    expect(env.settings.teams).not.toContain('一组');
    expect(store().step).toBe('preview');
    expect(unresolvedErrors(store())).toEqual([13]);

    store().fixRow(13, {
      name: '文旅综合体',
      investor: '无名投资公司',
      agreedInvestment: '3亿',
      signedDate: '2017-12-01',
    });
    expect(unresolvedErrors(store())).toEqual([]);
    await store().runImport();
    expect(store().step).toBe('done');
    expect(store().batch).toMatchObject({ created: 7, updated: 0, skipped: 1, mode: 'upsert' });
    expect(env.settings.teams).toContain('一组');
    const deals = await repos().deals.list();
    expect(deals.find((d) => d.name === '商贸物流园')?.team).toBe('一组');
    expect(deals.find((d) => d.name === '文旅综合体')?.agreedInvestment).toBe(300_000_000);

    expect(await store().undo(store().batch!.id)).toBe('已撤销：删除 7 条新建记录，恢复 0 条更新记录');
    expect(await repos().deals.list()).toEqual([]);
  });

  it('a row left with its error is skipped and never blocks the import; every count agrees', async () => {
    store().reset();
    await store().pickFile();
    store().toMapping();
    await store().confirmMapping();
    await store().confirmValues();
    expect(store().step).toBe('preview');
    expect(unresolvedErrors(store())).toEqual([13]);
    const counts = previewCounts(selectPlan(store()));
    expect(counts).toEqual({ create: 6, update: 0, skip: 2 });
    await store().runImport();
    expect(store().error).toBeNull();
    expect(store().step).toBe('done');
    expect(store().batch).toMatchObject({
      created: counts.create,
      updated: counts.update,
      skipped: counts.skip,
    });
    await store().undo(store().batch!.id);
  });

  it('offers unknown events in the values step: one created, one left unlinked, both undone together', async () => {
    store().reset();
    await store().loadFile('推进情况表.xlsx', xlsxBytes({ 台账: { rows: DEALS, merges: DEAL_MERGES } }));
    store().toMapping();
    await store().confirmMapping();
    expect(store().step).toBe('values');
    expect(store().unknownEvents.map((u) => [u.value, u.count])).toEqual([
      ['第十六届西博会', 2],
      ['2017中国（成都）鞋业博览会', 1],
    ]);
    expect(Object.values(store().eventDecisions).map((d) => d.action)).toEqual(['create', 'create']);
    store().decideEvent('2017中国（成都）鞋业博览会', 'leave');
    await store().confirmValues();
    const plan = selectPlan(store());
    expect(previewCounts(plan)).toEqual({ create: 4, update: 0, skip: 0 });
    expect(store().rows[2]!.problems.map((p) => p.message)).toContain(
      '签约活动「2017中国（成都）鞋业博览会」按选择不关联',
    );
    await store().runImport();
    expect(store().createdEvents).toEqual(['第十六届西博会']);
    const events = await repos().events.list();
    expect(events.map((e) => e.name)).toEqual(['第十六届西博会']);
    const deals = await repos().deals.list();
    expect(deals.filter((d) => d.eventId === events[0]!.id)).toHaveLength(2);
    expect(await store().undo(store().batch!.id)).toBe(
      '已撤销：删除 4 条新建记录，恢复 0 条更新记录；删除随导入新建、别处未用的活动或客商 2 条',
    );
    expect(await repos().events.list()).toEqual([]);
  });

  it('remembers the mapping for the same header set', async () => {
    store().reset();
    await store().pickFile();
    expect(store().mapping.find((m) => m.index === 8)?.field).toBeNull();
    expect(store().mapping.find((m) => m.index === 1)?.field).toBe('name');
  });

  it('downloads a template through the platform', async () => {
    await store().downloadTemplate('company');
    expect(saved.at(-1)?.defaultName).toBe('企业导入模板.xlsx');
    expect(saved.at(-1)?.data.byteLength).toBeGreaterThan(1000);
  });
});
