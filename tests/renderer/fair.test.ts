import { describe, expect, it } from 'vitest';
import { decodeSnapshot, encodeSnapshot } from '../../shared/backup/snapshot';
import { decodeExchangeFile, encodeExchangeFile } from '../../shared/exchange/format';
import { conflictKey } from '../../renderer/src/db/repositories/exchange';
import { setup } from './helpers';

async function seed(s: ReturnType<typeof setup>) {
  const event = await s.repos.events.create({ name: '第十六届中国西部国际博览会', startDate: '2017-10-12' });
  return { event };
}

describe('quick entry', () => {
  it('writes the deal, a new contact and the link, each with its change entry', async () => {
    const s = setup();
    const { event } = await seed(s);
    const r = await s.repos.quickEntry.save({
      name: '大东鞋业女鞋生产基地',
      investor: '成都大东鞋业有限公司',
      agreedInvestment: 300_000_000,
      industry: '鞋业',
      team: '第一招商组团',
      eventId: event.id,
      contactName: '李四',
      mobile: '138 0013 8000',
    });
    expect(r.contactCreated).toBe(true);
    expect(r.deal).toMatchObject({ stage: 'signed', signedDate: '2017-10-20', contactIds: [r.contact!.id] });
    expect(r.contact).toMatchObject({ name: '李四', mobile: '13800138000', eventId: event.id });
    expect(await s.repos.changes.forRecord(r.deal.id)).toHaveLength(1);
    expect(await s.repos.changes.forRecord(r.contact!.id)).toHaveLength(1);
    expect(await s.repos.quickEntry.tallyToday(event.id)).toEqual({ count: 1, sum: 300_000_000 });
  });

  it('links the existing contact with that mobile instead of creating another', async () => {
    const s = setup();
    const known = await s.repos.contacts.create({ name: '李四', mobile: '13800138000' });
    const r = await s.repos.quickEntry.save({
      name: '项目甲',
      investor: '甲公司',
      mobile: '+86 13800138000',
    });
    expect(r.contactCreated).toBe(false);
    expect(r.deal.contactIds).toEqual([known.id]);
    expect(await s.db.contacts.count()).toBe(1);
  });

  it('writes nothing at all when any part is refused', async () => {
    const s = setup();
    await expect(
      s.repos.quickEntry.save({ name: '项目甲', investor: '', contactName: '李四', mobile: '13800138000' }),
    ).rejects.toThrow(/投资方/);
    await expect(
      s.repos.quickEntry.save({ name: '项目乙', investor: '乙公司', mobile: '13800138000' }),
    ).rejects.toThrow(/姓名/);
    await expect(
      s.repos.quickEntry.save({ name: '项目丙', investor: '丙公司', contactName: '王五', mobile: '123' }),
    ).rejects.toThrow(/手机号/);
    expect(await s.db.deals.count()).toBe(0);
    expect(await s.db.contacts.count()).toBe(0);
    expect(await s.db.changes.count()).toBe(0);
  });

  it('counts only today and only the current event', async () => {
    const s = setup();
    const { event } = await seed(s);
    await s.repos.quickEntry.save({ name: 'A', investor: 'a', agreedInvestment: 100, eventId: event.id });
    await s.repos.quickEntry.save({ name: 'B', investor: 'b', agreedInvestment: 50 });
    s.advance(24 * 3600_000);
    await s.repos.quickEntry.save({ name: 'C', investor: 'c', agreedInvestment: 7, eventId: event.id });
    expect(await s.repos.quickEntry.tallyToday(event.id)).toEqual({ count: 1, sum: 7 });
    expect(await s.repos.quickEntry.tallyToday(null)).toEqual({ count: 1, sum: 7 });
  });
});

/** Two laptops sharing nothing but files. */
async function transfer(from: ReturnType<typeof setup>, to: ReturnType<typeof setup>, peerId?: string) {
  const file = await from.repos.exchange.buildFile(peerId);
  const decoded = decodeExchangeFile(encodeExchangeFile(file));
  if (!decoded.ok) throw new Error(decoded.error);
  const preview = await to.repos.exchange.preview(decoded.value, 'f.zsjh');
  return { file, preview };
}

describe('exchange between copies', () => {
  it('gives each copy a stable id and a name', async () => {
    const s = setup();
    const a = await s.repos.exchange.identity();
    expect(await s.repos.exchange.identity()).toEqual(a);
    expect(a.name).toBe('张三');
    await s.repos.exchange.setName('展会笔记本1');
    expect(await s.repos.exchange.identity()).toEqual({ id: a.id, name: '展会笔记本1' });
  });

  it('merges everything into an empty copy, logging which file brought what', async () => {
    const a = setup();
    const b = setup({ settings: { userName: '李四' } });
    const { event } = await seed(a);
    const r = await a.repos.quickEntry.save({
      name: '项目甲',
      investor: '甲公司',
      eventId: event.id,
      contactName: '王五',
      mobile: '13900139000',
    });
    await a.repos.followUps.add('deal', r.deal.id, { date: '2017-10-20', kind: 'call', summary: '电话回访' });
    const { preview } = await transfer(a, b);
    expect(preview.plan.summary.deal).toEqual({ new: 1, updated: 0, deleted: 0, conflicts: 0 });
    expect(preview.plan.summary.followUp.new).toBe(1);
    expect(await b.db.deals.count()).toBe(0);
    await b.repos.exchange.apply(preview);
    expect(await b.db.deals.get(r.deal.id)).toEqual(await a.db.deals.get(r.deal.id));
    expect(await b.db.contacts.get(r.contact!.id)).toEqual(await a.db.contacts.get(r.contact!.id));
    expect(await b.db.events.get(event.id)).toEqual(event);
    const history = await b.repos.changes.forRecord(r.deal.id);
    expect(history.some((c) => c.cause.type === 'merge' && c.cause.file === 'f.zsjh')).toBe(true);
    // The other copy's own entries came along too.
    expect(history.some((c) => c.action === 'create' && c.by === '张三')).toBe(true);
    expect((await b.repos.exchange.peers())[0]).toMatchObject({ name: '张三' });
  });

  it('is idempotent: the same file again changes nothing', async () => {
    const a = setup();
    const b = setup();
    await a.repos.quickEntry.save({ name: '项目甲', investor: '甲公司' });
    const { preview } = await transfer(a, b);
    await b.repos.exchange.apply(preview);
    const changes = await b.db.changes.count();
    const again = await b.repos.exchange.preview(preview.file, 'f.zsjh');
    expect(again.plan.writes).toHaveLength(0);
    await b.repos.exchange.apply(again);
    expect(await b.db.changes.count()).toBe(changes);
  });

  it('refuses its own file', async () => {
    const a = setup();
    const file = await a.repos.exchange.buildFile();
    await expect(a.repos.exchange.preview(file, 'x.zsjh')).rejects.toThrow('本机导出');
  });

  it('sends only what changed since the last file for that copy, and deletions', async () => {
    const a = setup();
    const b = setup();
    const one = await a.repos.deals.create({ name: '项目一', investor: '甲' });
    const two = await a.repos.deals.create({ name: '项目二', investor: '乙' });
    const first = await transfer(a, b);
    await b.repos.exchange.apply(first.preview);
    const bId = await b.repos.exchange.identity();
    await a.repos.exchange.markExported(bId, first.file.exportedAt);
    a.advance();
    await a.repos.deals.remove(two.id);
    const second = await transfer(a, b, bId.id);
    expect(second.file.records.deal.map((d) => d.id)).toEqual([two.id]);
    expect(second.preview.plan.summary.deal.deleted).toBe(1);
    await b.repos.exchange.apply(second.preview);
    expect((await b.db.deals.get(two.id))?.deletedAt).toBeDefined();
    expect(await b.db.deals.get(one.id)).toEqual(await a.db.deals.get(one.id));
  });

  it('lists a record edited on both copies for review and lets the user keep the other version', async () => {
    const a = setup();
    const b = setup({ settings: { userName: '李四' } });
    const deal = await a.repos.deals.create({ name: '项目甲', investor: '甲公司' });
    const first = await transfer(a, b);
    await b.repos.exchange.apply(first.preview);
    a.advance(120_000);
    b.advance(60_000);
    await b.repos.deals.update(deal.id, { leader: '王县长' });
    a.advance(60_000);
    await a.repos.deals.update(deal.id, { leader: '赵副县长' });
    const { preview } = await transfer(a, b);
    expect(preview.plan.conflicts).toHaveLength(1);
    const conflict = preview.plan.conflicts[0]!;
    expect(conflict).toMatchObject({ kind: 'deal', id: deal.id, winner: 'incoming' });
    expect((conflict.local as unknown as { leader: string }).leader).toBe('王县长');
    // The newer version would stay; the user keeps the local one instead.
    b.advance(60_000);
    await b.repos.exchange.apply(preview, { [conflictKey(conflict)]: 'local' });
    const now = await b.db.deals.get(deal.id);
    expect(now?.leader).toBe('王县长');
    expect(now!.updatedAt > conflict.incoming.updatedAt).toBe(true);
  });
});

describe('backup snapshots', () => {
  it('round-trips a database with every record kind to identical records', async () => {
    const a = setup();
    const { event } = await seed(a);
    const r = await a.repos.quickEntry.save({
      name: '项目甲',
      investor: '甲公司',
      eventId: event.id,
      contactName: '王五',
      mobile: '13900139000',
    });
    const company = await a.repos.companies.create({ name: '成都大东鞋业有限公司', dealId: r.deal.id });
    await a.repos.followUps.add('company', company.id, {
      date: '2017-10-20',
      kind: 'visit',
      summary: '走访',
    });
    await a.repos.deals.remove(r.deal.id);
    await a.db.importBatches.add({
      id: 'b1',
      recordKind: 'deal',
      fileName: 'x.xlsx',
      createdAt: '2017-10-20T01:00:00.000Z',
      createdBy: '张三',
      created: 1,
      updated: 0,
    });
    await a.repos.exchange.identity();
    const snap = await a.repos.snapshots.export('manual');
    const decoded = decodeSnapshot(encodeSnapshot(snap));
    expect(decoded.ok).toBe(true);

    const b = setup();
    await b.repos.deals.create({ name: '将被替换', investor: '无' });
    const bCopy = await b.repos.exchange.identity();
    await b.repos.snapshots.restore(decoded.ok ? decoded.value : snap);
    for (const table of a.db.tables) {
      if (table.name === 'meta') continue;
      const sort = (rows: { id: string }[]) => rows.sort((x, y) => (x.id < y.id ? -1 : 1));
      expect(sort(await b.db.table(table.name).toArray())).toEqual(sort(await table.toArray()));
    }
    // The copy keeps its own identity.
    expect(await b.repos.exchange.identity()).toEqual(bCopy);
    expect(snap.header.counts).toMatchObject({
      deals: 1,
      contacts: 1,
      companies: 1,
      events: 1,
      followUps: 1,
      importBatches: 1,
    });
  });

  it('refuses a damaged snapshot and leaves the database as it was', async () => {
    const s = setup();
    await s.repos.deals.create({ name: '保留', investor: '甲' });
    const snap = await s.repos.snapshots.export('manual');
    await expect(
      s.repos.snapshots.restore({ ...snap, tables: { ...snap.tables, deals: [{ name: '无编号' }] } }),
    ).rejects.toThrow('备份文件中的记录有误：签约项目「无编号」的「编号」：缺少此项');
    await expect(s.repos.snapshots.restore({ ...snap, tables: { strange: [] } })).rejects.toThrow(/不认识/);
    expect(await s.db.deals.count()).toBe(1);
  });

  it('knows an empty ledger', async () => {
    const s = setup();
    expect(await s.repos.snapshots.isEmpty()).toBe(true);
    await s.repos.events.create({ name: '活动' });
    expect(await s.repos.snapshots.isEmpty()).toBe(false);
  });
});
