import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  readHaystacks,
  serveHaystacks,
  type SearchWorkerReply,
  type SearchWorkerRequest,
} from '../../renderer/src/db/haystackReader';
import { LedgerDb } from '../../renderer/src/db/schema';
import { SearchIndex } from '../../renderer/src/db/searchIndex';
import { setup } from './helpers';

const names = async (t: ReturnType<typeof setup>, kind: 'deal' | 'contact', q: string) => {
  const ids = t.searchIndex.search(kind, q) ?? [];
  const table = kind === 'deal' ? t.db.deals : t.db.contacts;
  return (await table.bulkGet(ids)).map((r) => r!.name).sort();
};

describe('search index', () => {
  it('answers null until built, then finds by text, pinyin and initials', async () => {
    const t = setup();
    await t.repos.deals.create({ name: '大东鞋业女鞋生产基地', investor: '成都大东鞋业有限公司' });
    await t.repos.deals.create({ name: '重庆长安汽配项目', investor: '重庆长安汽车配件厂' });
    expect(t.searchIndex.search('deal', 'dd')).toBeNull();
    await t.searchIndex.build(t.db);
    expect(await names(t, 'deal', 'dd')).toEqual(['大东鞋业女鞋生产基地']);
    expect(await names(t, 'deal', 'dadong')).toEqual(['大东鞋业女鞋生产基地']);
    expect(await names(t, 'deal', 'cq')).toEqual(['重庆长安汽配项目']);
    expect(await names(t, 'deal', '')).toHaveLength(2);
  });

  it('stays correct after create, update, delete and restore through the repositories', async () => {
    const t = setup();
    await t.searchIndex.build(t.db);
    const d = await t.repos.deals.create({ name: '大东鞋业女鞋生产基地', investor: '成都大东鞋业有限公司' });
    expect(await names(t, 'deal', 'dd')).toEqual(['大东鞋业女鞋生产基地']);
    await t.repos.deals.update(d.id, { name: '万贯鞋材配套项目', investor: '万贯集团' });
    expect(await names(t, 'deal', 'dd')).toEqual([]);
    expect(await names(t, 'deal', 'wg')).toEqual(['万贯鞋材配套项目']);
    await t.repos.deals.remove(d.id);
    expect(await names(t, 'deal', 'wg')).toEqual([]);
    await t.repos.deals.restore(d.id);
    expect(await names(t, 'deal', 'wg')).toEqual(['万贯鞋材配套项目']);
  });

  it('sees bulk writes made outside the repositories (import, merge, restore) and table clears', async () => {
    const t = setup();
    await t.searchIndex.build(t.db);
    const base = {
      createdAt: '2017-10-01T00:00:00Z',
      updatedAt: '2017-10-01T00:00:00Z',
      createdBy: '',
      updatedBy: '',
      tags: [],
    };
    await t.db.transaction('rw', t.db.contacts, async () => {
      await t.db.contacts.bulkAdd([
        { ...base, id: 'a', name: '刘建国', mobile: '13800138000' },
        { ...base, id: 'b', name: '王小明', mobile: '13900139000' },
      ]);
    });
    expect(await names(t, 'contact', 'ljg')).toEqual(['刘建国']);
    expect(await names(t, 'contact', '139001')).toEqual(['王小明']);
    await t.db.contacts.update('b', { name: '王大明' });
    expect(await names(t, 'contact', 'wdm')).toEqual(['王大明']);
    await t.db.contacts.clear();
    expect(t.searchIndex.size('contact')).toBe(0);
  });

  it('leaves no trace of a transaction that aborted', async () => {
    const t = setup();
    await t.searchIndex.build(t.db);
    const failed = t.db
      .transaction('rw', t.db.contacts, async () => {
        await t.db.contacts.add({
          id: 'x',
          name: '赵六',
          createdAt: '',
          updatedAt: '',
          createdBy: '',
          updatedBy: '',
          tags: [],
        });
        throw new Error('写入中断');
      })
      .catch((e: Error) => e.message);
    expect(await failed).toBe('写入中断');
    expect(await names(t, 'contact', 'zl')).toEqual([]);
    expect(await t.db.contacts.count()).toBe(0);
  });

  it('narrows from the previous query without losing matches when the query changes', async () => {
    const t = setup();
    await t.searchIndex.build(t.db);
    await t.repos.contacts.create({ name: '大东', company: '大东鞋业' });
    await t.repos.contacts.create({ name: '东方', company: '东方鞋材' });
    expect(await names(t, 'contact', 'd')).toEqual(['东方', '大东']);
    expect(await names(t, 'contact', 'dd')).toEqual(['大东']);
    expect(await names(t, 'contact', 'df')).toEqual(['东方']);
    await t.repos.contacts.create({ name: '丁丁', company: '' });
    expect(await names(t, 'contact', 'dd')).toEqual(['丁丁', '大东']);
  });

  it('flags the matching rows of a list, deleted ones as not indexed', async () => {
    const t = setup();
    const a = await t.repos.deals.create({ name: '大东鞋业女鞋生产基地', investor: '成都大东鞋业有限公司' });
    const b = await t.repos.deals.create({ name: '重庆长安汽配项目', investor: '重庆长安汽车配件厂' });
    const rows = [b, a];
    expect(t.searchIndex.matchRows('deal', 'dd', rows)).toBeNull();
    await t.searchIndex.build(t.db);
    expect([...t.searchIndex.matchRows('deal', 'dd', rows)!]).toEqual([0, 1]);
    expect([...t.searchIndex.matchRows('deal', 'CQ', rows)!]).toEqual([1, 0]);
    await t.repos.deals.remove(a.id);
    expect([...t.searchIndex.matchRows('deal', 'dd', rows)!]).toEqual([0, 0]);
  });

  it('answers again after backspace, with the writes made since', async () => {
    const t = setup();
    await t.searchIndex.build(t.db);
    const d = await t.repos.contacts.create({ name: '大东', company: '' });
    expect(await names(t, 'contact', 'd')).toEqual(['大东']);
    expect(await names(t, 'contact', 'dd')).toEqual(['大东']);
    await t.repos.contacts.update(d.id, { name: '东方' });
    expect(await names(t, 'contact', 'dd')).toEqual([]);
    expect(await names(t, 'contact', 'd')).toEqual(['东方']);
    expect(await names(t, 'contact', 'df')).toEqual(['东方']);
    expect(await names(t, 'contact', 'dongfang')).toEqual(['东方']);
    expect(await names(t, 'contact', 'dadong')).toEqual([]);
  });

  it('keeps writes that commit after the build read a table, over the older rows it read', async () => {
    const t = setup();
    const kept = await t.repos.deals.create({
      name: '大东鞋业女鞋生产基地',
      investor: '成都大东鞋业有限公司',
    });
    const gone = await t.repos.deals.create({ name: '万贯鞋材配套项目', investor: '万贯集团' });
    const read = await t.db.deals.toArray();
    // The deals as the build read them, with two writes committing before it gets to index them.
    const firstPage = {
      toArray: async () => {
        await t.repos.deals.update(kept.id, { name: '重庆长安汽配项目' });
        await t.repos.deals.remove(gone.id);
        await t.repos.contacts.create({ name: '刘建国', company: '' });
        return read;
      },
    };
    // Two deals fit in the first page: the read asks for no second one.
    const deals = { orderBy: () => ({ limit: () => firstPage }) };
    const db = { table: (name: string) => (name === 'deals' ? deals : t.db.table(name)) };
    await t.searchIndex.build(db as unknown as LedgerDb);
    expect(await names(t, 'deal', 'cqca')).toEqual(['重庆长安汽配项目']);
    expect(await names(t, 'deal', 'nxscjd')).toEqual([]);
    expect(await names(t, 'deal', 'wg')).toEqual([]);
    expect(await names(t, 'contact', 'ljg')).toEqual(['刘建国']);
  });
});

describe('search index after import, undo and merge', () => {
  it('finds imported records, forgets them when the import is undone', async () => {
    const t = setup();
    await t.searchIndex.build(t.db);
    const batch = await t.repos.imports.run({
      kind: 'deal',
      fileName: '2017签约台账.xlsx',
      mode: 'create',
      skipped: 0,
      rows: [
        {
          rowNumber: 5,
          action: 'create',
          input: { name: '大东鞋业女鞋生产基地', investor: '成都大东鞋业有限公司' },
        },
        { rowNumber: 6, action: 'create', input: { name: '万贯鞋材配套项目', investor: '万贯集团' } },
      ],
    });
    expect(await names(t, 'deal', 'dd')).toEqual(['大东鞋业女鞋生产基地']);
    expect(await names(t, 'deal', 'wgxc')).toEqual(['万贯鞋材配套项目']);
    await t.repos.imports.undo(batch.id);
    expect(await names(t, 'deal', 'dd')).toEqual([]);
    expect(await names(t, 'deal', 'wgxc')).toEqual([]);
  });

  it('finds records merged from another copy’s exchange file', async () => {
    const a = setup();
    const b = setup();
    await b.searchIndex.build(b.db);
    await a.repos.contacts.create({ name: '刘建国', company: '成都大东鞋业有限公司', mobile: '13800138000' });
    const file = await a.repos.exchange.buildFile();
    const preview = await b.repos.exchange.preview(file, '张三.zsjh');
    await b.repos.exchange.apply(preview);
    expect(await names(b, 'contact', 'ljg')).toEqual(['刘建国']);
    expect(await names(b, 'contact', 'chengdudadong')).toEqual(['刘建国']);
  });
});

describe('the haystacks read in pages', () => {
  it('reads every live record once, each page in its own transaction, so a short read can go between them', async () => {
    const t = setup();
    const made = [];
    for (let i = 0; i < 7; i++)
      made.push(
        await t.repos.deals.create({ name: `第${i + 1}号签约项目`, investor: '成都大东鞋业有限公司' }),
      );
    await t.repos.deals.remove(made[2]!.id);
    await t.repos.contacts.create({ name: '刘建国', company: '', mobile: '13800138000' });
    // A second connection, as the worker opens, counting the transactions that read deals.
    const reader = new LedgerDb(t.db.name);
    let dealReads = 0;
    reader.use({
      stack: 'dbcore',
      name: 'count-deal-reads',
      create: (down) => ({
        ...down,
        transaction: (stores, mode, options) => {
          if (stores.includes('deals') && mode === 'readonly') dealReads++;
          return down.transaction(stores, mode, options);
        },
      }),
    });
    const chunks = [];
    for await (const chunk of readHaystacks(reader, 3)) chunks.push(chunk);
    reader.close();
    const deals = chunks.filter((c) => c.kind === 'deal');
    const ids = deals.flatMap((c) => c.ids);
    expect(ids.sort()).toEqual(
      made
        .filter((_, i) => i !== 2)
        .map((d) => d.id)
        .sort(),
    );
    expect(new Set(ids).size).toBe(6);
    // Seven deals three at a time: three pages read, no empty page handed on.
    expect(deals).toHaveLength(3);
    expect(dealReads).toBe(3);
    expect(chunks.find((c) => c.kind === 'contact')!.haystacks[0]).toContain('13800138000');
  });

  it('ends a ledger whose size is a multiple of the page with one empty read and no empty page', async () => {
    const t = setup();
    for (let i = 0; i < 6; i++)
      await t.repos.deals.create({ name: `第${i + 1}号签约项目`, investor: '万贯集团' });
    const deals = [];
    for await (const chunk of readHaystacks(t.db, 3)) if (chunk.kind === 'deal') deals.push(chunk.ids.length);
    expect(deals).toEqual([3, 3]);
  });
});

describe('search index read by its worker', () => {
  /**
   * Stands in for searchIndex.worker.ts: the same serveHaystacks, answering
   * through a second connection to the database, as the worker does.
   */
  function fakeWorker(opts: { failAfterChunks?: number; beforeReplies?: () => Promise<void> } = {}) {
    const state = { terminated: false, started: 0 };
    const start = () => {
      state.started++;
      const worker = {
        onmessage: null as ((e: { data: SearchWorkerReply }) => void) | null,
        onerror: null,
        postMessage(request: SearchWorkerRequest) {
          void (async () => {
            const replies: SearchWorkerReply[] = [];
            await serveHaystacks(request, (reply) => replies.push(reply));
            await opts.beforeReplies?.();
            let chunks = 0;
            for (const reply of replies) {
              if (reply.type === 'chunk' && chunks++ === opts.failAfterChunks) {
                worker.onmessage?.({ data: { type: 'error', message: '读取中断' } });
                return;
              }
              worker.onmessage?.({ data: reply });
            }
          })();
        },
        terminate() {
          state.terminated = true;
        },
      };
      return worker as unknown as Worker;
    };
    return { start, state };
  }

  function setupWith(start: () => Worker) {
    const t = setup();
    const searchIndex = new SearchIndex(start);
    t.db.use(searchIndex.middleware());
    return { ...t, searchIndex };
  }

  it('finds what the worker read, and stops the worker', async () => {
    const worker = fakeWorker();
    const t = setupWith(worker.start);
    await t.repos.deals.create({ name: '大东鞋业女鞋生产基地', investor: '成都大东鞋业有限公司' });
    const gone = await t.repos.deals.create({ name: '万贯鞋材配套项目', investor: '万贯集团' });
    await t.repos.deals.remove(gone.id);
    await t.repos.contacts.create({ name: '刘建国', company: '', mobile: '13800138000' });
    await t.searchIndex.build(t.db);
    expect(await names(t, 'deal', 'dd')).toEqual(['大东鞋业女鞋生产基地']);
    expect(await names(t, 'deal', 'wg')).toEqual([]);
    expect(await names(t, 'contact', '1380013')).toEqual(['刘建国']);
    expect(worker.state).toEqual({ terminated: true, started: 1 });
  });

  it('reads again here when the worker fails part way, without duplicates', async () => {
    const worker = fakeWorker({ failAfterChunks: 1 });
    const t = setupWith(worker.start);
    await t.repos.deals.create({ name: '大东鞋业女鞋生产基地', investor: '成都大东鞋业有限公司' });
    await t.repos.contacts.create({ name: '刘建国', company: '' });
    await t.searchIndex.build(t.db);
    expect(worker.state.terminated).toBe(true);
    expect(await names(t, 'deal', 'dd')).toEqual(['大东鞋业女鞋生产基地']);
    expect(await names(t, 'contact', 'ljg')).toEqual(['刘建国']);
    expect(t.searchIndex.size('deal')).toBe(1);
  });

  it('reads here when the worker cannot start', async () => {
    const t = setupWith(() => {
      throw new Error('不支持');
    });
    await t.repos.deals.create({ name: '大东鞋业女鞋生产基地', investor: '成都大东鞋业有限公司' });
    await t.searchIndex.build(t.db);
    expect(await names(t, 'deal', 'dd')).toEqual(['大东鞋业女鞋生产基地']);
  });

  it('keeps writes that commit after the worker read, over the older rows it sends', async () => {
    const opts: { beforeReplies?: () => Promise<void> } = {};
    const t = setupWith(fakeWorker(opts).start);
    const kept = await t.repos.deals.create({
      name: '大东鞋业女鞋生产基地',
      investor: '成都大东鞋业有限公司',
    });
    opts.beforeReplies = async () => {
      await t.repos.deals.update(kept.id, { name: '重庆长安汽配项目' });
      await t.repos.contacts.create({ name: '刘建国', company: '' });
    };
    await t.searchIndex.build(t.db);
    expect(await names(t, 'deal', 'cqca')).toEqual(['重庆长安汽配项目']);
    expect(await names(t, 'deal', 'nxscjd')).toEqual([]);
    expect(await names(t, 'contact', 'ljg')).toEqual(['刘建国']);
  });
});
