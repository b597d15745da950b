import { describe, expect, it } from 'vitest';
import {
  computeProgress,
  fundTotalsByDeal,
  parseMonth,
  previousYearPeriod,
  rateText,
  sameDayLastYear,
  yoyText,
} from '../../shared/domain/progress';
import type { Deal, DealStage, FundReport, Target } from '../../shared/domain/records';

const AT = '2026-01-01T00:00:00.000Z';
const base = { createdAt: AT, updatedAt: AT, createdBy: '张三', updatedBy: '张三' };
let seq = 0;

function deal(over: Partial<Deal> & { history?: [DealStage, string][] } = {}): Deal {
  const { history, ...rest } = over;
  const stageHistory = (history ?? [['signed', over.signedDate ?? '2026-03-01']]).map(([stage, date]) => ({
    stage,
    date,
    by: '张三',
    at: AT,
  }));
  return {
    ...base,
    id: `d${++seq}`,
    name: `项目${seq}`,
    investor: '成都某鞋业有限公司',
    stage: stageHistory.at(-1)!.stage,
    stageHistory,
    milestones: [],
    contactIds: [],
    team: '第一招商组团',
    ...rest,
  };
}

function fund(dealId: string, month: string, amount: number, over: Partial<FundReport> = {}): FundReport {
  return { ...base, id: `f${++seq}`, dealId, kind: 'funds', month, amount, ...over };
}

function target(year: number, team: string, over: Partial<Target>): Target {
  return { ...base, id: `t${++seq}`, year, team, ...over };
}

const YTD_2026 = { from: '2026-01-01', to: '2026-10-31' };
const YI = 100_000_000;

describe('完成率 and 同比', () => {
  it('counts signings, agreed investment, funds in place, starts and production against the target', () => {
    const a = deal({ signedDate: '2026-03-10', agreedInvestment: 5 * YI });
    const b = deal({
      signedDate: '2026-05-01',
      agreedInvestment: 3 * YI,
      history: [
        ['signed', '2026-05-01'],
        ['started', '2026-08-01'],
        ['producing', '2026-10-20'],
      ],
    });
    const lastYear = deal({ signedDate: '2025-06-01', agreedInvestment: 4 * YI });
    const input = {
      deals: [a, b, lastYear],
      fundReports: [
        fund(a.id, '2026-04', 1 * YI),
        fund(b.id, '2026-10', 0.5 * YI),
        fund(b.id, '2026-11', 9 * YI), // after the period
        fund(lastYear.id, '2025-09', 2 * YI),
        fund(a.id, '2026-05', 7 * YI, { kind: 'invested' }), // 完成投资 is not 到位资金
      ],
      targets: [
        target(2026, '', { signedCount: 4, agreed: 10 * YI, funds: 3 * YI, started: 2, producing: 1 }),
      ],
    };
    const p = computeProgress(input, YTD_2026);
    const f = p.county.figures;
    expect(f.signedCount).toMatchObject({ target: 4, done: 2, rate: 0.5, previous: 1, diff: 1, yoy: 1 });
    expect(f.agreed).toMatchObject({
      target: 10 * YI,
      done: 8 * YI,
      rate: 0.8,
      previous: 4 * YI,
      diff: 4 * YI,
    });
    expect(f.agreed.yoy).toBeCloseTo(1);
    expect(f.funds).toMatchObject({
      done: 1.5 * YI,
      rate: 0.5,
      previous: 2 * YI,
      diff: -0.5 * YI,
      yoy: -0.25,
    });
    expect(f.started).toMatchObject({ done: 1, rate: 0.5 });
    expect(f.producing).toMatchObject({ done: 1, rate: 1 });
    expect(rateText(f.agreed.rate)).toBe('80.0%');
    expect(yoyText(f.funds.yoy)).toBe('-25.0%');
    expect(yoyText(f.signedCount.yoy)).toBe('+100.0%');
  });

  it('no target: the rate is empty, not zero or infinite', () => {
    const a = deal({ signedDate: '2026-03-10', agreedInvestment: YI });
    const p = computeProgress({ deals: [a], fundReports: [], targets: [] }, YTD_2026);
    expect(p.county.figures.agreed).toMatchObject({ target: null, done: YI, rate: null });
    expect(p.county.score).toBeNull();
    expect(rateText(p.county.figures.agreed.rate)).toBe('—');
  });

  it('a target of zero gives no rate, whatever was done', () => {
    const a = deal({ signedDate: '2026-03-10' });
    const p = computeProgress(
      { deals: [a], fundReports: [], targets: [target(2026, '', { signedCount: 0 })] },
      YTD_2026,
    );
    expect(p.county.figures.signedCount).toMatchObject({ target: 0, done: 1, rate: null });
  });

  it('no previous-year data: the difference is the figure itself and the percentage is empty', () => {
    const a = deal({ signedDate: '2026-03-10', agreedInvestment: 2 * YI });
    const p = computeProgress({ deals: [a], fundReports: [], targets: [] }, YTD_2026);
    expect(p.county.figures.agreed).toMatchObject({ previous: 0, diff: 2 * YI, yoy: null });
    expect(yoyText(p.county.figures.agreed.yoy)).toBe('—');
  });

  it('the previous period is the same days one year earlier, 29 February included', () => {
    expect(previousYearPeriod(YTD_2026)).toEqual({ from: '2025-01-01', to: '2025-10-31' });
    expect(sameDayLastYear('2028-02-29')).toBe('2027-02-28');
    // Signed on 1 November last year: outside 1 January–31 October of last year.
    const late = deal({ signedDate: '2025-11-01' });
    const p = computeProgress({ deals: [late], fundReports: [], targets: [] }, YTD_2026);
    expect(p.county.figures.signedCount.previous).toBe(0);
  });

  it('a period that crosses a year counts both months and takes the target of the year it ends in', () => {
    const dec = deal({ signedDate: '2025-12-15', agreedInvestment: YI });
    const jan = deal({ signedDate: '2026-01-10', agreedInvestment: YI });
    const prevDec = deal({ signedDate: '2024-12-20', agreedInvestment: YI });
    const input = {
      deals: [dec, jan, prevDec],
      fundReports: [
        fund(dec.id, '2025-12', YI),
        fund(jan.id, '2026-01', YI),
        fund(prevDec.id, '2025-01', YI),
      ],
      targets: [target(2025, '', { signedCount: 100 }), target(2026, '', { signedCount: 10 })],
    };
    const p = computeProgress(input, { from: '2025-12-01', to: '2026-01-31' });
    expect(p.year).toBe(2026);
    expect(p.previousPeriod).toEqual({ from: '2024-12-01', to: '2025-01-31' });
    expect(p.county.figures.signedCount).toMatchObject({ target: 10, done: 2, rate: 0.2, previous: 1 });
    expect(p.county.figures.funds).toMatchObject({ done: 2 * YI, previous: YI, yoy: 1 });
  });

  it('a team that changed its name keeps its target and last year under the new name', () => {
    const old = deal({ team: '第七招商组团', signedDate: '2025-04-01', agreedInvestment: 2 * YI });
    const now = deal({ team: '鞋业招商组团', signedDate: '2026-04-01', agreedInvestment: 3 * YI });
    const input = {
      deals: [old, now],
      fundReports: [],
      targets: [target(2026, '第七招商组团', { agreed: 6 * YI })],
    };
    const p = computeProgress(input, YTD_2026, {
      teams: ['鞋业招商组团'],
      teamAliases: { 第七招商组团: '鞋业招商组团' },
    });
    expect(p.teams.map((t) => t.team)).toEqual(['鞋业招商组团']);
    expect(p.teams[0]!.figures.agreed).toMatchObject({
      target: 6 * YI,
      done: 3 * YI,
      rate: 0.5,
      previous: 2 * YI,
    });
    // Without the alias the two names are two teams.
    const apart = computeProgress(input, YTD_2026);
    expect(apart.teams.map((t) => t.team).sort()).toEqual(['第七招商组团', '鞋业招商组团'].sort());
  });

  it('deleted deals, deleted reports, reports of deleted deals, cancelled deals and deleted targets do not count', () => {
    const gone = deal({ signedDate: '2026-03-01', agreedInvestment: YI, deletedAt: AT });
    const cancelled = deal({
      signedDate: '2026-03-01',
      agreedInvestment: YI,
      history: [
        ['signed', '2026-03-01'],
        ['cancelled', '2026-04-01'],
      ],
    });
    const kept = deal({ signedDate: '2026-03-01', agreedInvestment: YI });
    const input = {
      deals: [gone, cancelled, kept],
      fundReports: [
        fund(gone.id, '2026-03', YI),
        fund(kept.id, '2026-03', YI, { deletedAt: AT }),
        fund(kept.id, '2026-04', 5),
      ],
      targets: [target(2026, '', { signedCount: 5, deletedAt: AT })],
    };
    const p = computeProgress(input, YTD_2026);
    expect(p.county.figures.signedCount).toMatchObject({ done: 1, target: null });
    expect(p.county.figures.agreed.done).toBe(YI);
    expect(p.county.figures.funds.done).toBe(5);
    expect(fundTotalsByDeal(input.fundReports).get(kept.id)).toEqual({ funds: 5, invested: 0 });
  });

  it('ranks teams on completion, teams without a target last; the county target falls back to the sum of the teams', () => {
    const a = deal({ team: '第一招商组团', signedDate: '2026-02-01' });
    const b = deal({ team: '第二招商组团', signedDate: '2026-02-01' });
    const b2 = deal({ team: '第二招商组团', signedDate: '2026-02-02' });
    const c = deal({ team: '第三招商组团', signedDate: '2026-02-02' });
    const input = {
      deals: [a, b, b2, c],
      fundReports: [],
      targets: [
        target(2026, '第一招商组团', { signedCount: 4 }),
        target(2026, '第二招商组团', { signedCount: 4 }),
      ],
    };
    const p = computeProgress(input, YTD_2026, {
      teams: ['第一招商组团', '第二招商组团', '第三招商组团', '第四招商组团'],
    });
    expect(p.teams.map((t) => [t.team, t.rank, t.score])).toEqual([
      ['第二招商组团', 1, 0.5],
      ['第一招商组团', 2, 0.25],
      ['第三招商组团', 3, null],
      ['第四招商组团', 4, null],
    ]);
    expect(p.county.figures.signedCount).toMatchObject({ target: 8, done: 4, rate: 0.5 });
  });
});

describe('parseMonth', () => {
  it.each([
    ['2026-03', '2026-03'],
    ['2026/3', '2026-03'],
    ['2026.3', '2026-03'],
    ['2026年3月', '2026-03'],
    ['２０２６年１１月', '2026-11'],
    ['2026-03-15', '2026-03'],
    [46082, '2026-03'], // Excel serial of 2026-03-01
  ])('%s → %s', (input, month) => {
    expect(parseMonth(input)).toBe(month);
  });
  it.each(['2026-13', '三月', '', '2026', 'abc'])('refuses %s', (input) => {
    expect(parseMonth(input)).toBeNull();
  });
});
