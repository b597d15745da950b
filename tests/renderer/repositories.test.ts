import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../renderer/src/db/repositories';
import { setup } from './helpers';
import { expandRows } from '../../shared/domain/history';

const deal = {
  name: '大东鞋业女鞋生产基地',
  investor: '成都大东鞋业有限公司',
  origin: '成都',
  industry: '鞋业',
  team: '第一招商组团',
  signedDate: '2017-10-12',
  agreedInvestment: '3.5亿',
  leader: '王县长',
};

describe('repositories refuse invalid records and write nothing', () => {
  it('refuses a deal without name and investor, with Chinese field messages', async () => {
    const { db, repos } = setup();
    const err = await repos.deals.create({ name: ' ', agreedInvestment: '三亿' }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fieldErrors).toMatchObject({
      name: '项目名称不能为空',
      investor: '投资方不能为空',
    });
    expect(err.fieldErrors.agreedInvestment).toContain('无法识别的金额');
    expect(err.message).toContain('项目名称不能为空');
    expect(await db.deals.count()).toBe(0);
    expect(await db.changes.count()).toBe(0);
  });

  it('refuses a bad mobile, a bad USCC and a duplicate mobile', async () => {
    const { db, repos } = setup();
    await expect(repos.contacts.create({ name: '李四', mobile: '12345' })).rejects.toThrow(
      /手机号格式不正确/,
    );
    await expect(repos.companies.create({ name: '某鞋业', uscc: '91350100M000100Y4Z' })).rejects.toThrow(
      /校验位错误/,
    );
    await repos.contacts.create({ name: '李四', mobile: '138-0000-1234' });
    const dup = await repos.contacts.create({ name: '李四四', mobile: '+86 138 0000 1234' }).catch((e) => e);
    expect(dup.fieldErrors.mobile).toBe('手机号已属于客商「李四」');
    expect(await db.contacts.count()).toBe(1);
    expect(await db.companies.count()).toBe(0);
    expect(await db.changes.count()).toBe(1);
  });

  it('refuses an event that ends before it starts', async () => {
    const { db, repos } = setup();
    const err = await repos.events
      .create({ name: '西博会', startDate: '2017-10-12', endDate: '2017-10-10' })
      .catch((e) => e);
    expect(err.fieldErrors.endDate).toBe('结束日期不能早于开始日期');
    expect(await db.events.count()).toBe(0);
  });
});

describe('every write leaves exactly one change-log entry', () => {
  it('create logs the set fields; amounts are integers in 元', async () => {
    const { db, repos } = setup();
    const d = await repos.deals.create(deal);
    expect(d.agreedInvestment).toBe(350_000_000);
    expect(d.stage).toBe('signed');
    expect(d.createdBy).toBe('张三');
    const log = expandRows(await db.changes.toArray());
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      recordKind: 'deal',
      recordId: d.id,
      action: 'create',
      by: '张三',
      cause: { type: 'edit' },
    });
    expect(log[0]!.changes).toContainEqual({ field: 'agreedInvestment', old: null, new: 350_000_000 });
    expect(log[0]!.changes).toContainEqual({ field: 'name', old: null, new: '大东鞋业女鞋生产基地' });
  });

  it('update logs only changed fields with old and new values; a no-op writes nothing', async () => {
    const { db, repos, advance } = setup();
    const d = await repos.deals.create(deal);
    advance();
    const u = await repos.deals.update(d.id, { agreedInvestment: '4亿', leader: '王县长' });
    expect(u.agreedInvestment).toBe(400_000_000);
    expect(u.updatedAt > d.updatedAt).toBe(true);
    const entries = await repos.changes.forRecord(d.id);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      action: 'update',
      changes: [{ field: 'agreedInvestment', old: 350_000_000, new: 400_000_000 }],
    });
    await repos.deals.update(d.id, { agreedInvestment: 400_000_000 });
    expect(await db.changes.count()).toBe(2);
  });

  it('clearing an optional field removes it and logs the old value', async () => {
    const { repos, advance } = setup();
    const d = await repos.deals.create(deal);
    advance();
    const u = await repos.deals.update(d.id, { leader: '' });
    expect(u.leader).toBeUndefined();
    const [last] = await repos.changes.forRecord(d.id);
    expect(last!.changes).toEqual([{ field: 'leader', old: '王县长', new: null }]);
  });

  it('delete hides the record, restore brings it back, each logged once', async () => {
    const { db, repos, advance } = setup();
    const c = await repos.contacts.create({ name: '王五', company: '重庆某鞋材厂', mobile: '13900001111' });
    advance();
    await repos.contacts.remove(c.id);
    expect(await repos.contacts.list()).toHaveLength(0);
    expect((await repos.contacts.list({ deletedOnly: true })).map((x) => x.id)).toEqual([c.id]);
    await expect(repos.contacts.update(c.id, { title: '总经理' })).rejects.toThrow(/已删除/);
    advance();
    await repos.contacts.restore(c.id);
    expect((await repos.contacts.list()).map((x) => x.name)).toEqual(['王五']);
    const actions = (await repos.changes.forRecord(c.id)).map((e) => e.action);
    expect(actions).toEqual(['restore', 'delete', 'create']);
    expect(await db.changes.count()).toBe(3);
  });

  it('a deleted contact frees its mobile only while deleted', async () => {
    const { repos } = setup();
    const c = await repos.contacts.create({ name: '王五', mobile: '13900001111' });
    await repos.contacts.remove(c.id);
    await repos.contacts.create({ name: '王五（新）', mobile: '13900001111' });
    await expect(repos.contacts.restore(c.id)).rejects.toThrow(/手机号已属于/);
  });
});

describe('stages and statuses are dated and kept', () => {
  it('moves a deal along its stages with dates; a backward move is refused', async () => {
    const { repos, advance } = setup({ now: '2018-03-01T10:00:00+08:00' });
    const d = await repos.deals.create(deal);
    advance();
    await repos.deals.changeStage(d.id, 'registered', '2017-11-02');
    advance();
    const started = await repos.deals.changeStage(d.id, 'started', '2018-02-20');
    expect(started.stageHistory.map((h) => [h.stage, h.date])).toEqual([
      ['signed', '2017-10-12'],
      ['registered', '2017-11-02'],
      ['started', '2018-02-20'],
    ]);
    const before = await repos.changes.forRecord(d.id);
    await expect(repos.deals.changeStage(d.id, 'negotiating', '2018-02-21')).rejects.toThrow(
      /不能从「已开工」改为「在谈」/,
    );
    expect(await repos.changes.forRecord(d.id)).toHaveLength(before.length);
  });

  it('registering a company needs a valid USCC and a date, written with the status', async () => {
    const { repos, advance } = setup({ now: '2017-12-01T10:00:00+08:00' });
    const c = await repos.companies.create({
      name: '四川大东鞋业有限公司',
      originCity: '成都',
      park: '万贯鞋业产业园',
      signedDate: '2017-10-15',
    });
    expect(c.status).toBe('signed');
    await expect(repos.companies.changeStatus(c.id, 'registered', '2017-11-20')).rejects.toThrow(
      /统一社会信用代码/,
    );
    await expect(
      repos.companies.changeStatus(c.id, 'registered', '2017-11-20', {
        uscc: '91350100M000100Y4Z',
        registeredDate: '2017-11-20',
      }),
    ).rejects.toThrow(/校验位错误/);
    advance();
    const r = await repos.companies.changeStatus(c.id, 'registered', '2017-11-20', {
      uscc: '91310110666007217t',
      registeredDate: '2017年11月20日',
    });
    expect(r.uscc).toBe('91310110666007217T');
    expect(r.registeredDate).toBe('2017-11-20');
    expect(r.statusHistory.map((h) => h.stage)).toEqual(['signed', 'registered']);
    await expect(repos.companies.update(c.id, { uscc: '' })).rejects.toThrow(/必须有统一社会信用代码/);
    const [entry] = await repos.changes.forRecord(c.id);
    expect(entry!.changes.map((x) => x.field).sort()).toEqual([
      'registeredDate',
      'status',
      'statusHistory',
      'uscc',
    ]);
  });
});

describe('links and follow-ups', () => {
  it('links a contact to a deal and finds the deal from the contact', async () => {
    const { repos } = setup();
    const d = await repos.deals.create(deal);
    const c = await repos.contacts.create({
      name: '刘总',
      company: '成都大东鞋业有限公司',
      mobile: '13800138000',
    });
    await repos.deals.linkContact(d.id, c.id);
    await repos.deals.linkContact(d.id, c.id);
    expect((await repos.deals.get(d.id))!.contactIds).toEqual([c.id]);
    expect((await repos.deals.forContact(c.id)).map((x) => x.name)).toEqual([deal.name]);
    await expect(repos.deals.linkContact(d.id, 'no-such-id')).rejects.toThrow(/客商不存在/);
  });

  it('lists follow-ups newest first and refuses a missing target', async () => {
    const { repos } = setup();
    const d = await repos.deals.create(deal);
    await repos.followUps.add('deal', d.id, { date: '2017-10-15', kind: 'call', summary: '电话确认用地' });
    await repos.followUps.add('deal', d.id, { date: '2017-11-01', kind: 'visit', summary: '实地走访' });
    const list = await repos.followUps.forTarget('deal', d.id);
    expect(list.map((f) => f.summary)).toEqual(['实地走访', '电话确认用地']);
    expect(list[0]!.by).toBe('张三');
    await expect(
      repos.followUps.add('deal', 'missing', { date: '2017-11-01', kind: 'visit', summary: 'x' }),
    ).rejects.toThrow(/跟进对象不存在/);
  });
});
