/**
 * The facts in an office's spreadsheets arrive in the ledger, written through
 * the wizard's path into a real database: statuses with dated timelines,
 * re-imports that move companies forward, events created in the import's
 * transaction and removed again by its undo, contacts linked by mobile.
 */
import { describe, expect, it } from 'vitest';
import { ImportRowError } from '../../renderer/src/db/repositories';
import { encodeGb18030, xlsxBytes, type Aoa } from '../support/excel/build';
import { DEAL_MERGES, DEALS, REGISTRATIONS, uscc } from '../support/excel/ledgers';
import { setup } from './helpers';
import { wizardImport } from './wizard';

const csv = (rows: Aoa) => encodeGb18030(rows.map((r) => r.join(',')).join('\r\n'));
const NOV = { now: '2017-11-05T10:00:00+08:00' };

describe('registration ledger', () => {
  it('rows become statuses with a dated timeline, a contact and a change log', async () => {
    const env = setup(NOV);
    const w = await wizardImport(env, csv(REGISTRATIONS), '注册台账.csv', { today: '2017-11-05' });
    expect(w.kind).toBe('company');
    const batch = await w.run();
    const counts = { create: 0, update: 0, skip: 0 };
    for (const p of w.plan) counts[p.action]++;
    expect(batch).toMatchObject({ created: counts.create, updated: counts.update, skipped: counts.skip });
    expect(batch.created).toBe(4);
    const companies = await env.repos.companies.list();
    const by = (name: string) => companies.find((c) => c.name === name)!;
    const dadong = by('四川大东鞋业有限公司');
    expect(dadong.status).toBe('moved_in');
    expect(dadong.statusHistory.map((h) => [h.stage, h.date])).toEqual([
      ['signed', '2017-10-12'],
      ['registered', '2017-10-12'],
      ['moved_in', '2017-10-20'],
    ]);
    expect(dadong).toMatchObject({ originCity: '成都', originDistrict: '武侯区', contactPerson: '刘3' });
    expect(by('重庆璧山鞋材有限公司')).toMatchObject({ status: 'signed', originDistrict: '璧山区' });
    expect(by('乐至县康达童鞋厂').status).toBe('moved_in');
    expect(by('成都锦程皮革有限公司').status).toBe('signed');
    // The contact named in 联系人及电话, linked by its mobile.
    const contacts = await env.repos.contacts.list();
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({
      name: '刘3',
      mobile: '13859121859',
      company: '四川大东鞋业有限公司',
    });
    expect(dadong.contactIds).toEqual([contacts[0]!.id]);
    // The timeline is in the change log of the import.
    const log = await env.repos.changes.forRecord(dadong.id);
    const history = log[0]!.changes.find((c) => c.field === 'statusHistory');
    expect(JSON.stringify(history?.new)).toContain('2017-10-20');
  });

  it('a month later, 新建并更新 moves companies forward with the new dates, without duplicates or going back', async () => {
    const env = setup(NOV);
    await (await wizardImport(env, csv(REGISTRATIONS), '十月.csv', { today: '2017-11-05' })).run();
    env.clock.now = new Date('2017-12-05T10:00:00+08:00');
    const december = REGISTRATIONS.map((r) => [...r]);
    december[1] = ['填报时间：2017年11月30日'];
    december[4]![6] = '2017-11-28'; // 大东 now producing
    december[4]![10] = '已投产';
    december[5]![3] = uscc('91500227MA5U12345'); // 璧山 registered since
    december[5]![4] = '2017-11-20';
    december[5]![10] = '已注册';
    december[6]![10] = '已注册'; // 康达 is already 已入驻: the sheet is behind
    const w = await wizardImport(env, csv(december), '十一月.csv', { today: '2017-12-05' });
    expect(w.plan.map((p) => p.action)).toEqual(['update', 'update', 'update', 'update']);
    expect(w.plan[2]!.problems.map((p) => p.message)).toContain(
      '表中为「已注册」，已有记录已是「已入驻」：不会倒退，保持「已入驻」',
    );
    expect(w.plan[0]!.note).toBe('更新「四川大东鞋业有限公司」：已入驻 → 已投产');
    const batch = await w.run();
    expect(batch).toMatchObject({ created: 0, updated: 4 });
    const companies = await env.repos.companies.list();
    expect(companies).toHaveLength(4);
    const by = (name: string) => companies.find((c) => c.name === name)!;
    expect(by('四川大东鞋业有限公司').statusHistory.map((h) => [h.stage, h.date])).toEqual([
      ['signed', '2017-10-12'],
      ['registered', '2017-10-12'],
      ['moved_in', '2017-10-20'],
      ['producing', '2017-11-28'],
    ]);
    expect(by('重庆璧山鞋材有限公司')).toMatchObject({ status: 'registered', registeredDate: '2017-11-20' });
    expect(by('乐至县康达童鞋厂').status).toBe('moved_in');
    expect(await env.repos.contacts.list()).toHaveLength(1);
    // Undoing December's import puts the statuses back where October left them.
    await env.repos.imports.undo(batch.id);
    const back = await env.repos.companies.list();
    expect(back.find((c) => c.name === '四川大东鞋业有限公司')!.status).toBe('moved_in');
    expect(back.find((c) => c.name === '重庆璧山鞋材有限公司')!.status).toBe('signed');
  });
});

describe('deal ledger whose events do not exist yet', () => {
  const bytes = () => xlsxBytes({ 台账: { rows: DEALS, merges: DEAL_MERGES } });

  it('lists each unknown event with its rows and dates, and creates them in the import batch', async () => {
    const env = setup(NOV);
    const w = await wizardImport(env, bytes(), '台账.xlsx', { today: '2017-11-05' });
    expect(w.unknown).toEqual([
      {
        field: 'eventId',
        label: '签约活动',
        value: '第十六届西博会',
        count: 2,
        rows: [6, 7],
        from: '2017-10-12',
        to: '2017-10-12',
      },
      {
        field: 'eventId',
        label: '签约活动',
        value: '2017中国（成都）鞋业博览会',
        count: 1,
        rows: [8],
        from: '2017-10-15',
        to: '2017-10-15',
      },
    ]);
    expect(w.rows.flatMap((r) => r.problems.map((p) => p.message))).not.toContain(
      '未找到签约活动「第十六届西博会」，该项不关联',
    );
    const batch = await w.run();
    expect(batch.created).toBe(4);
    const events = await env.repos.events.list();
    expect(events.map((e) => [e.name, e.startDate, e.endDate]).sort()).toEqual([
      ['2017中国（成都）鞋业博览会', '2017-10-15', '2017-10-15'],
      ['第十六届西博会', '2017-10-12', '2017-10-12'],
    ]);
    const deals = await env.repos.deals.list();
    const xbh = events.find((e) => e.name === '第十六届西博会')!;
    expect(
      deals
        .filter((d) => d.eventId === xbh.id)
        .map((d) => d.name)
        .sort(),
    ).toEqual(['商贸物流园', '女鞋生产基地']);
    const shoes = deals.find((d) => d.name === '女鞋生产基地')!;
    expect(shoes.stage).toBe('started');
    expect(shoes.stageHistory.map((h) => [h.stage, h.date])).toEqual([
      ['signed', '2017-10-12'],
      ['started', '2017-10-25'],
    ]);
    // Each stage reached ticks its milestone on the same date (the stage ↔ milestone rule).
    expect(shoes.milestones.find((m) => m.name === '开工')).toMatchObject({ doneDate: '2017-10-25' });
    expect(shoes.milestones.find((m) => m.name === '竣工投产')?.doneDate).toBeUndefined();
    const shoeMaterials = deals.find((d) => d.name === '鞋材配套项目')!;
    expect(shoeMaterials.stage).toBe('producing');
    expect(shoeMaterials.milestones.find((m) => m.name === '竣工投产')?.doneDate).toBe('2017-10-28');
    expect(shoeMaterials.milestones.find((m) => m.name === '开工')?.doneDate).toBeUndefined();
    expect(deals.find((d) => d.name === '汽配产业园')).toMatchObject({
      stage: 'signed',
      plannedStartDate: '2018-03-01',
    });
    const contacts = await env.repos.contacts.list();
    expect(contacts.map((c) => [c.name, c.mobile, c.company])).toEqual([
      ['张总', '13912345678', '成都大东鞋业有限公司'],
    ]);
    expect(shoes.contactIds).toEqual([contacts[0]!.id]);

    // Undo removes the deals and the events and contact it created that nothing else uses.
    const r = await env.repos.imports.undo(batch.id);
    expect(r).toMatchObject({ removed: 4, linkedRemoved: 3 });
    expect(await env.repos.events.list()).toEqual([]);
    expect(await env.repos.deals.list()).toEqual([]);
    expect(await env.repos.contacts.list()).toEqual([]);
  });

  it('undo keeps a created event that a deal entered since links to', async () => {
    const env = setup(NOV);
    const batch = await (await wizardImport(env, bytes(), '台账.xlsx', { today: '2017-11-05' })).run();
    const xbh = (await env.repos.events.list()).find((e) => e.name === '第十六届西博会')!;
    await env.repos.deals.create({
      name: '鞋机项目',
      investor: '泉州鞋机公司',
      eventId: xbh.id,
      signedDate: '2017-10-13',
    });
    await env.repos.imports.undo(batch.id);
    expect((await env.repos.events.list()).map((e) => e.name)).toEqual(['第十六届西博会']);
    expect((await env.repos.deals.list()).map((d) => d.name)).toEqual(['鞋机项目']);
  });

  it('maps one name to an existing event and leaves another unlinked on purpose', async () => {
    const env = setup(NOV);
    const fair = await env.repos.events.create({ name: '西博会', startDate: '2017-10-12' });
    const w = await wizardImport(env, bytes(), '台账.xlsx', {
      today: '2017-11-05',
      events: { 第十六届西博会: { map: fair.id }, '2017中国（成都）鞋业博览会': 'leave' },
    });
    expect(w.rows[2]!.problems.map((p) => p.message)).toContain(
      '签约活动「2017中国（成都）鞋业博览会」按选择不关联',
    );
    await w.run();
    expect((await env.repos.events.list()).map((e) => e.name)).toEqual(['西博会']);
    const deals = await env.repos.deals.list();
    expect(deals.filter((d) => d.eventId === fair.id)).toHaveLength(2);
    expect(deals.find((d) => d.name === '汽配产业园')!.eventId).toBeUndefined();
  });

  it('all or nothing: a refused row leaves no created event behind', async () => {
    const env = setup(NOV);
    const w = await wizardImport(env, bytes(), '台账.xlsx', {
      today: '2017-11-05',
      events: { '2017中国（成都）鞋业博览会': { map: 'no-such-event' } },
    });
    await expect(w.run()).rejects.toBeInstanceOf(ImportRowError);
    expect(await env.repos.events.list()).toEqual([]);
    expect(await env.repos.deals.list()).toEqual([]);
    expect(await env.repos.contacts.list()).toEqual([]);
  });

  it('rows with errors are skipped, never block the others, and every count agrees', async () => {
    const env = setup(NOV);
    const rows = DEALS.map((r) => [...r]);
    rows[6]![1] = ''; // 商贸物流园 without a name: an error
    const w = await wizardImport(env, xlsxBytes({ 台账: { rows, merges: DEAL_MERGES } }), '台账.xlsx', {
      today: '2017-11-05',
      skip: [9],
    });
    expect(w.plan.map((p) => [p.rowNumber, p.action, p.note])).toEqual([
      [6, 'create', '新建'],
      [7, 'skip', '有错误'],
      [8, 'create', '新建'],
      [9, 'skip', '已跳过'],
    ]);
    const batch = await w.run();
    expect(batch).toMatchObject({ created: 2, updated: 0, skipped: 2 });
    expect(w.writes).toHaveLength(2);
  });
});
