import { describe, expect, it } from 'vitest';
import { setup } from './helpers';
import { computeLightSince } from '../../shared/domain/lights';
import { computeOverview } from '../../shared/domain/overview';
import { generateSample } from '../../shared/sample/generate';
import { openProblemsByDeal } from '../../shared/domain/problems';
import { ValidationError } from '../../renderer/src/db/repositories';

const deal = {
  name: '大东鞋业女鞋生产基地',
  investor: '成都大东鞋业有限公司',
  team: '第一招商组团',
  signedDate: '2017-10-12',
  agreedInvestment: '3.5亿',
};

describe('milestones on a deal', () => {
  it('a new deal gets the template, with 签约 ticked off on the signing date', async () => {
    const { repos, settings } = setup();
    const d = await repos.deals.create(deal);
    expect(d.milestones.map((m) => m.name)).toEqual(settings.milestoneTemplate);
    expect(d.milestones[0]).toMatchObject({ name: '签约', doneDate: '2017-10-12', doneBy: '张三' });
  });

  it('ticking off records who and when and writes one change-log entry; unticking is logged too', async () => {
    const { db, repos, advance, settings } = setup();
    const d = await repos.deals.create(deal);
    advance();
    settings.userName = '李四';
    const t = await repos.deals.tickMilestone(d.id, '注册', '2017-10-18');
    expect(t.milestones[1]).toEqual({
      name: '注册',
      doneDate: '2017-10-18',
      doneBy: '李四',
      doneAt: t.updatedAt,
    });
    const [entry] = await repos.changes.forRecord(d.id);
    expect(entry).toMatchObject({ action: 'update', by: '李四', cause: { type: 'edit' } });
    // 注册 stands for 已注册: the deal moved with the tick, in the same entry.
    expect(entry!.changes.map((c) => c.field).sort()).toEqual(['milestones', 'stage', 'stageHistory']);
    expect(t.stage).toBe('registered');

    await expect(repos.deals.tickMilestone(d.id, '注册')).rejects.toThrow('「注册」已于2017-10-18销号');
    await expect(repos.deals.tickMilestone(d.id, '环评', '2099-01-01')).rejects.toThrow(
      '完成日期不能晚于今天',
    );
    expect(await db.changes.count()).toBe(2);

    advance();
    const u = await repos.deals.untickMilestone(d.id, '注册');
    expect(u.milestones[1]).toEqual({ name: '注册' });
    expect(u.stage).toBe('registered');
    const log = await repos.changes.forRecord(d.id);
    expect(log).toHaveLength(3);
    expect(log[0]!.changes[0]!.old).toContainEqual(expect.objectContaining({ name: '注册', doneBy: '李四' }));
  });

  it('stage and milestones agree: 已注册 ticks 注册 with the stage date, ticking 开工 moves to 已开工', async () => {
    const { db, repos, advance } = setup({ now: '2018-03-01T10:00:00+08:00' });
    const d = await repos.deals.create(deal);
    advance();
    const r = await repos.deals.changeStage(d.id, 'registered', '2017-11-02');
    expect(r.milestones.find((m) => m.name === '注册')).toMatchObject({
      doneDate: '2017-11-02',
      doneBy: '张三',
    });
    const [entry] = await repos.changes.forRecord(d.id);
    expect(entry!.changes.map((c) => c.field).sort()).toEqual(['milestones', 'stage', 'stageHistory']);

    advance();
    const s = await repos.deals.tickMilestone(d.id, '开工', '2018-02-20');
    expect(s.stage).toBe('started');
    expect(s.stageHistory.at(-1)).toMatchObject({ stage: 'started', date: '2018-02-20', by: '张三' });
    // The next stage change finds 开工 already ticked and keeps its date.
    advance();
    const p = await repos.deals.changeStage(d.id, 'producing', '2018-02-28');
    expect(p.milestones.find((m) => m.name === '开工')!.doneDate).toBe('2018-02-20');
    expect(p.milestones.find((m) => m.name === '竣工投产')!.doneDate).toBe('2018-02-28');

    // A refused stage change ticks nothing.
    const count = await db.changes.count();
    await expect(repos.deals.changeStage(d.id, 'producing', '2018-02-28')).rejects.toThrow();
    expect(await db.changes.count()).toBe(count);
    expect((await repos.deals.get(d.id))!.milestones.filter((m) => m.doneDate)).toHaveLength(4);
  });

  it('ticks today by default', async () => {
    const { repos } = setup({ now: '2017-10-20T09:00:00+08:00' });
    const d = await repos.deals.create(deal);
    const t = await repos.deals.tickMilestone(d.id, '环评');
    expect(t.milestones.find((m) => m.name === '环评')?.doneDate).toBe('2017-10-20');
  });

  it('edits the list per deal; bad edits change nothing', async () => {
    const { db, repos } = setup();
    const d = await repos.deals.create(deal);
    const e = await repos.deals.setMilestones(d.id, [
      { name: '签约', plannedDate: '2017-10-12' },
      { name: '厂房交付', plannedDate: '2017-12-01' },
    ]);
    expect(e.milestones).toEqual([d.milestones[0], { name: '厂房交付', plannedDate: '2017-12-01' }]);
    const before = await db.changes.count();
    const err = await repos.deals.setMilestones(d.id, [{ name: '签约' }, { name: '签约' }]).catch((x) => x);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toContain('节点名称重复：签约');
    expect(await db.changes.count()).toBe(before);
  });
});

describe('light overrides', () => {
  it('requires a reason, records who and when, logs set and clear', async () => {
    const { db, repos, advance } = setup();
    const d = await repos.deals.create(deal);
    advance();
    await expect(repos.deals.setLightOverride(d.id, 'red', '  ')).rejects.toThrow('请填写调整原因');
    await expect(repos.deals.setLightOverride(d.id, 'blue' as 'red', '原因')).rejects.toThrow(
      '请选择红灯、黄灯或绿灯',
    );
    expect(await db.changes.count()).toBe(1);
    const o = await repos.deals.setLightOverride(d.id, 'red', ' 投资方资金未到位 ');
    expect(o.lightOverride).toEqual({
      light: 'red',
      reason: '投资方资金未到位',
      by: '张三',
      at: o.updatedAt,
    });
    const [entry] = await repos.changes.forRecord(d.id);
    expect(entry!.changes).toEqual([{ field: 'lightOverride', old: null, new: o.lightOverride }]);
    advance();
    const c = await repos.deals.clearLightOverride(d.id);
    expect(c.lightOverride).toBeUndefined();
    expect((await repos.changes.forRecord(d.id))[0]!.changes).toEqual([
      { field: 'lightOverride', old: o.lightOverride, new: null },
    ]);
    await expect(repos.deals.clearLightOverride(d.id)).rejects.toThrow('没有人工调整');
  });
});

describe('follow-ups for whole lists', () => {
  it('groups every deal follow-up in one query', async () => {
    const { repos } = setup();
    const a = await repos.deals.create(deal);
    const b = await repos.deals.create({ ...deal, name: '另一个项目' });
    const c = await repos.contacts.create({ name: '李四' });
    await repos.followUps.add('deal', a.id, { date: '2017-10-15', kind: 'visit', summary: '走访' });
    await repos.followUps.add('deal', a.id, { date: '2017-10-16', kind: 'call', summary: '电话' });
    await repos.followUps.add('contact', c.id, { date: '2017-10-16', kind: 'call', summary: '电话' });
    const f = await repos.followUps.add('deal', b.id, { date: '2017-10-16', kind: 'call', summary: '电话' });
    await repos.followUps.remove(f.id);
    const latest = await repos.followUps.latestDates('deal');
    expect(latest.get(a.id)).toBe('2017-10-16');
    expect(latest.has(b.id)).toBe(false);
    expect(latest.has(c.id)).toBe(false);
  });
});

describe('the sample loader', () => {
  it('loads the dataset into an empty ledger in one go, each record with a create entry, and refuses a second load', async () => {
    const { db, repos } = setup({ now: '2017-10-20T09:00:00+08:00' });
    expect(await repos.sample.isEmpty()).toBe(true);
    const data = await repos.sample.loadGenerated({ deals: 30, contacts: 20, companies: 15 });
    expect(await db.deals.count()).toBe(30);
    expect(await db.companies.count()).toBe(15);
    const records =
      data.deals.length +
      data.contacts.length +
      data.companies.length +
      data.events.length +
      data.followUps.length +
      data.targets.length +
      data.fundReports.length +
      data.problems.length;
    expect(data.problems.length).toBeGreaterThan(0);
    expect(await db.problems.count()).toBe(data.problems.length);
    expect(await db.changes.count()).toBe(records);
    expect(
      (await db.changes.toArray()).every((e) => e.cause.type === 'sample' && e.action === 'create'),
    ).toBe(true);
    await expect(repos.sample.loadGenerated()).rejects.toThrow('台账中已有数据');
    expect(await db.deals.count()).toBe(30);
  });

  it('the overview of the loaded records matches the overview of the generated ones', async () => {
    const { repos, settings } = setup({ now: '2017-10-20T09:00:00+08:00' });
    const data = generateSample({ today: '2017-10-20', deals: 40, companies: 20, contacts: 10 });
    await repos.sample.load(data);
    const input = {
      deals: await repos.deals.list(),
      companies: await repos.companies.list(),
      events: await repos.events.list(),
      followUps: await repos.followUps.all(),
      problems: await repos.problems.all(),
    };
    const fromDb = computeOverview(input, {}, '2017-10-20', settings.lightThresholds);
    const fromData = computeOverview(data, {}, '2017-10-20', settings.lightThresholds);
    expect(fromDb.signed).toEqual(fromData.signed);
    expect(fromDb.lights.red).toBe(fromData.lights.red);
    const latest = await repos.followUps.latestDates('deal');
    const problems = openProblemsByDeal(input.problems);
    const reds = input.deals.filter(
      (d) =>
        computeLightSince(d, latest.get(d.id), '2017-10-20', settings.lightThresholds, problems.get(d.id))
          .light === 'red',
    );
    expect(reds.length).toBe(fromDb.lights.red);
  });
});
