import { describe, expect, it } from 'vitest';
import { decodeExchangeFile, encodeExchangeFile } from '../../shared/exchange/format';
import { setup } from './helpers';

async function aDeal(s: ReturnType<typeof setup>, name = '运动鞋智能制造项目') {
  return s.repos.deals.create({
    name,
    investor: '成都某鞋业有限公司',
    team: '第一招商组团',
    signedDate: '2017-03-01',
  });
}

describe('targets (目标任务)', () => {
  it('sets a year for the county and teams, logs every change and clears a figure left empty', async () => {
    const s = setup();
    await s.repos.targets.setYear(2017, [
      { team: '', values: { signedCount: '30', agreed: '85.4亿', funds: '20亿' } },
      { team: '第一招商组团', values: { signedCount: 5, agreed: '3000万' } },
      { team: '第二招商组团', values: {} },
    ]);
    const year = await s.repos.targets.forYear(2017);
    expect(year).toHaveLength(2);
    const county = year.find((t) => t.team === '')!;
    expect(county).toMatchObject({
      year: 2017,
      signedCount: 30,
      agreed: 8_540_000_000,
      funds: 2_000_000_000,
    });
    expect(year.find((t) => t.team === '第一招商组团')!.agreed).toBe(30_000_000);

    s.advance();
    const changed = await s.repos.targets.setYear(2017, [
      { team: '', values: { signedCount: 32, agreed: '85.4亿' } },
      { team: '第一招商组团', values: { signedCount: 5, agreed: '3000万' } },
    ]);
    expect(changed).toBe(1);
    const after = (await s.repos.targets.forYear(2017)).find((t) => t.team === '')!;
    expect(after.signedCount).toBe(32);
    expect(after.funds).toBeUndefined();
    const log = await s.repos.changes.forRecord(county.id);
    expect(log.map((e) => e.action).sort()).toEqual(['create', 'update']);
    const update = log.find((e) => e.action === 'update')!;
    expect(update.changes).toEqual(
      expect.arrayContaining([
        { field: 'signedCount', old: 30, new: 32 },
        { field: 'funds', old: 2_000_000_000, new: null },
      ]),
    );
  });

  it('refuses the whole grid when one cell is wrong, naming the team', async () => {
    const s = setup();
    await expect(
      s.repos.targets.setYear(2017, [
        { team: '', values: { signedCount: 30 } },
        { team: '第三招商组团', values: { agreed: '很多' } },
      ]),
    ).rejects.toThrow(/第三招商组团/);
    expect(await s.db.targets.count()).toBe(0);
    await expect(s.repos.targets.setYear(1800, [])).rejects.toThrow('年度无效');
  });
});

describe('funds in place and investment completed', () => {
  it('records amounts by month on a deal, normalising the month, with a change-log entry', async () => {
    const s = setup();
    const deal = await aDeal(s);
    const f = await s.repos.fundReports.add(deal.id, {
      kind: 'funds',
      month: '2017年3月',
      amount: '1.2亿元',
      note: '企业自筹',
    });
    expect(f).toMatchObject({ month: '2017-03', amount: 120_000_000, by: '张三', dealId: deal.id });
    await s.repos.fundReports.add(deal.id, { kind: 'invested', month: '2017-04', amount: '3000万' });
    expect((await s.repos.fundReports.forDeal(deal.id)).map((x) => x.month)).toEqual(['2017-04', '2017-03']);
    expect((await s.repos.changes.forRecord(f.id)).map((e) => e.action)).toEqual(['create']);
  });

  it('refuses a bad month, a zero amount and a deleted deal, writing nothing', async () => {
    const s = setup();
    const deal = await aDeal(s);
    await expect(
      s.repos.fundReports.add(deal.id, { kind: 'funds', month: '三月', amount: 5 }),
    ).rejects.toThrow('月份应为');
    await expect(
      s.repos.fundReports.add(deal.id, { kind: 'funds', month: '2017-03', amount: 0 }),
    ).rejects.toThrow('金额');
    await s.repos.deals.remove(deal.id);
    await expect(
      s.repos.fundReports.add(deal.id, { kind: 'funds', month: '2017-03', amount: 5 }),
    ).rejects.toThrow('所属项目不存在或已删除');
    expect(await s.db.fundReports.count()).toBe(0);
  });
});

describe('problems (问题台账)', () => {
  it('raises, coordinates and resolves a problem; resolving needs what was done', async () => {
    const s = setup();
    const deal = await aDeal(s);
    const p = await s.repos.problems.raise(deal.id, {
      description: '用地指标未落实',
      kind: 'land',
      unit: '县自然资源局',
      leader: '王副县长',
      deadline: '2017-10-31',
    });
    expect(p).toMatchObject({ status: 'open', raisedDate: '2017-10-20', dealId: deal.id });
    await s.repos.problems.update(p.id, { status: 'coordinating' });
    await expect(s.repos.problems.update(p.id, { status: 'resolved' })).rejects.toThrow('解决情况');
    const done = await s.repos.problems.resolve(p.id, '已调剂用地指标50亩');
    expect(done).toMatchObject({
      status: 'resolved',
      resolvedDate: '2017-10-20',
      resolution: '已调剂用地指标50亩',
    });
    expect((await s.repos.changes.forRecord(p.id)).map((e) => e.action).sort()).toEqual([
      'create',
      'update',
      'update',
    ]);
    await expect(
      s.repos.problems.raise(deal.id, { description: 'x', kind: 'land', deadline: '2017-01-01' }),
    ).rejects.toThrow('办结时限不能早于提出日期');
  });
});

describe('exchange files and backups carry the new records', () => {
  it('targets, funds and problems travel to another copy', async () => {
    const a = setup();
    const b = setup({ settings: { userName: '李四' } });
    const deal = await aDeal(a);
    await a.repos.targets.setYear(2017, [{ team: '', values: { signedCount: 30 } }]);
    await a.repos.fundReports.add(deal.id, { kind: 'funds', month: '2017-05', amount: '5000万' });
    await a.repos.problems.raise(deal.id, { description: '环评批复未下达', kind: 'eia' });
    const decoded = decodeExchangeFile(encodeExchangeFile(await a.repos.exchange.buildFile()));
    if (!decoded.ok) throw new Error(decoded.error);
    const preview = await b.repos.exchange.preview(decoded.value, 'a.zsjh');
    expect(preview.plan.summary.target.new).toBe(1);
    expect(preview.plan.summary.fundReport.new).toBe(1);
    expect(preview.plan.summary.problem.new).toBe(1);
    await b.repos.exchange.apply(preview);
    expect((await b.repos.fundReports.forDeal(deal.id))[0]!.amount).toBe(50_000_000);
    expect((await b.repos.problems.all())[0]!.description).toBe('环评批复未下达');
  });

  it('an exchange file written before these records existed still reads', () => {
    const old = {
      format: 'zhaoshang-ledger-exchange',
      version: 1,
      source: { id: 'x', name: '旧版' },
      exportedAt: '2017-10-01T00:00:00.000Z',
      records: { event: [], deal: [], contact: [], company: [], followUp: [] },
      changes: [],
    };
    const r = decodeExchangeFile(new TextEncoder().encode(JSON.stringify(old)));
    expect(r.ok && r.value.records.problem).toEqual([]);
  });

  it('a backup holds and restores the new tables', async () => {
    const s = setup();
    const deal = await aDeal(s);
    await s.repos.problems.raise(deal.id, { description: '施工用电未接通', kind: 'utilities' });
    await s.repos.targets.setYear(2017, [{ team: '', values: { funds: '20亿' } }]);
    const snap = await s.repos.snapshots.export('manual');
    expect(snap.header.counts).toMatchObject({ problems: 1, targets: 1, fundReports: 0 });
    await s.db.problems.clear();
    await s.repos.snapshots.restore(snap);
    expect(await s.db.problems.count()).toBe(1);
  });
});

describe('importing a funds sheet by project name', () => {
  it('writes every row in one go, or nothing when a name is not in the ledger', async () => {
    const s = setup();
    const deal = await aDeal(s);
    await expect(
      s.repos.fundReports.importByName(
        [
          { row: 2, name: '运动鞋智能制造项目', month: '2017-03', funds: 30_000_000, invested: 10_000_000 },
          { row: 3, name: '不存在的项目', month: '2017-04', funds: 1 },
        ],
        '导入：资金表.xlsx',
      ),
    ).rejects.toThrow('第3行「不存在的项目」在台账中找不到');
    expect(await s.db.fundReports.count()).toBe(0);
    const n = await s.repos.fundReports.importByName(
      [{ row: 2, name: '运动鞋智能制造项目', month: '2017-03', funds: 30_000_000, invested: 10_000_000 }],
      '导入：资金表.xlsx',
    );
    expect(n).toBe(2);
    expect((await s.repos.fundReports.forDeal(deal.id)).map((f) => [f.kind, f.amount]).sort()).toEqual([
      ['funds', 30_000_000],
      ['invested', 10_000_000],
    ]);
  });
});
