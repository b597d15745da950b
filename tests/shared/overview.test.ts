import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates';
import { computeLight } from '../../shared/domain/lights';
import { computeOverview, formatRate, NO_EVENT } from '../../shared/domain/overview';
import type { Company, CompanyStatus, Deal, DealStage, LedgerEvent } from '../../shared/domain/records';
import { generateSample } from '../../shared/sample/generate';
import { computeProgress } from '../../shared/domain/progress';
import { DEFAULT_SETTINGS } from '../../shared/settings';

const T = DEFAULT_SETTINGS.lightThresholds;
const TODAY = '2017-10-20';
const meta = { createdAt: 'x', updatedAt: 'x', createdBy: '', updatedBy: '' };
const YI = 100_000_000;

let n = 0;
function deal(over: Partial<Deal>): Deal {
  const stage: DealStage = over.stage ?? 'signed';
  return {
    ...meta,
    id: `d${n++}`,
    name: `项目${n}`,
    investor: '某公司',
    stage,
    stageHistory: [{ stage, date: over.signedDate ?? TODAY, by: '', at: '' }],
    milestones: [],
    contactIds: [],
    ...over,
  };
}
function company(status: CompanyStatus, signedDate: string, over: Partial<Company> = {}): Company {
  return {
    ...meta,
    id: `c${n++}`,
    name: `企业${n}`,
    status,
    signedDate,
    statusHistory: [{ stage: status, date: signedDate, by: '', at: '' }],
    contactIds: [],
    ...over,
  };
}
const fair: LedgerEvent = { ...meta, id: 'e1', name: '第十六届中国西部国际博览会' };

describe('overview figures are the sums of their records', () => {
  const deals = [
    deal({
      team: '第一招商组团',
      industry: '鞋业',
      eventId: 'e1',
      signedDate: '2017-10-12',
      agreedInvestment: (35 * YI) / 10,
      firstPhaseInvestment: YI,
    }),
    deal({
      team: '第一招商组团',
      industry: '鞋业',
      eventId: 'e1',
      signedDate: '2017-10-13',
      agreedInvestment: 5 * YI,
    }),
    deal({
      team: '第二招商组团',
      industry: '文旅',
      signedDate: '2017-09-01',
      agreedInvestment: 2 * YI,
      statsEntryDate: '2017-10-01',
      statsEntryAmount: YI / 2,
    }),
    deal({ team: '第二招商组团', signedDate: '2016-12-01', agreedInvestment: 9 * YI }), // before the period
    deal({ team: '第二招商组团', stage: 'cancelled', signedDate: '2017-10-01', agreedInvestment: 4 * YI }),
    deal({ team: '第二招商组团', signedDate: '2017-10-02', agreedInvestment: 1 * YI, deletedAt: 'x' }),
  ];
  const input = { deals, companies: [], events: [fair], followUps: [] };
  const o = computeOverview(input, { from: '2017-01-01', to: '2017-12-31' }, TODAY, T);

  it('counts signings and agreed investment in the period, leaving out cancelled and deleted deals', () => {
    expect(o.signed).toEqual({ count: 3, agreed: (105 * YI) / 10, firstPhase: YI });
    expect(o.byTeam).toEqual([
      { key: '第一招商组团', count: 2, agreed: (85 * YI) / 10 },
      { key: '第二招商组团', count: 1, agreed: 2 * YI },
    ]);
    expect(o.byEvent).toEqual([
      { key: fair.name, count: 2, agreed: (85 * YI) / 10 },
      { key: NO_EVENT, count: 1, agreed: 2 * YI },
    ]);
    expect(o.byMonth.map((r) => [r.key, r.count])).toEqual([
      ['2017-09', 1],
      ['2017-10', 2],
    ]);
    expect(o.byIndustry.find((r) => r.key === '鞋业')?.count).toBe(2);
    expect(o.statsEntry).toEqual({ count: 1, amount: YI / 2 });
  });

  it('every breakdown adds up to the total', () => {
    for (const rows of [o.byTeam, o.byIndustry, o.byEvent, o.byMonth]) {
      expect(rows.reduce((s, r) => s + r.count, 0)).toBe(o.signed.count);
      expect(rows.reduce((s, r) => s + r.agreed, 0)).toBe(o.signed.agreed);
    }
  });

  it('filters by team', () => {
    const t = computeOverview(input, { team: '第二招商组团' }, TODAY, T);
    expect(t.signed).toMatchObject({ count: 2, agreed: 11 * YI });
    expect(t.stageCounts.cancelled).toBe(1);
  });
});

describe('lit deals', () => {
  it('list the longest without progress first, then the earliest signed', () => {
    const idle = (days: number, signedDaysAgo: number, name: string) =>
      deal({
        name,
        signedDate: addDays(TODAY, -signedDaysAgo),
        stageHistory: [{ stage: 'signed', date: addDays(TODAY, -days), by: '', at: '' }],
      });
    const deals = [
      idle(95, 95, '乙'),
      idle(120, 130, '甲'),
      idle(95, 100, '丙'),
      idle(70, 80, '丁'),
      idle(61, 61, '戊'),
    ];
    const o = computeOverview({ deals, companies: [], events: [], followUps: [] }, {}, TODAY, T);
    expect(o.lights.redList.map((l) => l.deal.name)).toEqual(['甲', '丙', '乙']);
    expect(o.lights.yellowList.map((l) => l.deal.name)).toEqual(['丁', '戊']);
  });

  it('count a follow-up as progress and leave out deleted follow-ups', () => {
    const d = deal({
      signedDate: addDays(TODAY, -20),
      stageHistory: [{ stage: 'signed', date: addDays(TODAY, -70), by: '', at: '' }],
    });
    const followUp = (date: string, deletedAt?: string) => ({
      ...meta,
      id: `f${n++}`,
      targetKind: 'deal' as const,
      targetId: d.id,
      date,
      kind: 'visit' as const,
      summary: '回访',
      by: '张三',
      deletedAt,
    });
    const lights = (followUps: ReturnType<typeof followUp>[]) =>
      computeOverview({ deals: [d], companies: [], events: [], followUps }, {}, TODAY, T).lights;
    expect(lights([]).yellow).toBe(1);
    expect(lights([followUp(addDays(TODAY, -3))]).green).toBe(1);
    expect(lights([followUp(addDays(TODAY, -3), 'x')]).yellow).toBe(1);
  });
});

describe('registration rate and overdue registrations', () => {
  it('171 of 232 registered is 73.7%', () => {
    const companies: Company[] = [];
    for (let i = 0; i < 232; i++) {
      const status: CompanyStatus =
        i < 100 ? 'registered' : i < 150 ? 'moved_in' : i < 171 ? 'producing' : 'signed';
      companies.push(company(status, '2017-05-01'));
    }
    const o = computeOverview({ deals: [], companies, events: [], followUps: [] }, {}, TODAY, T);
    expect(o.companies).toMatchObject({
      signed: 232,
      registered: 171,
      movedIn: 71,
      producing: 21,
      registrationRateText: '73.7%',
    });
    expect(o.companies.overdueRegistrations).toHaveLength(61);
    expect(formatRate(0)).toBe('0.0%');
    expect(formatRate(17 / 75)).toBe('22.7%');
  });

  it('overdue is signed more than 30 days ago and not registered; withdrawn ones are not overdue', () => {
    const companies = [
      company('signed', addDays(TODAY, -30)),
      company('name_approved', addDays(TODAY, -31)),
      company('withdrawn', addDays(TODAY, -200)),
      // Withdrawn after registering still counts as registered.
      company('withdrawn', addDays(TODAY, -200), {
        statusHistory: [
          { stage: 'signed', date: addDays(TODAY, -200), by: '', at: '' },
          { stage: 'registered', date: addDays(TODAY, -150), by: '', at: '' },
          { stage: 'withdrawn', date: addDays(TODAY, -20), by: '', at: '' },
        ],
      }),
    ];
    const o = computeOverview({ deals: [], companies, events: [], followUps: [] }, {}, TODAY, T);
    expect(o.companies.overdueRegistrations.map((c) => c.status)).toEqual(['name_approved']);
    expect(o.companies).toMatchObject({
      signed: 4,
      registered: 1,
      withdrawn: 2,
      registrationRateText: '25.0%',
    });
  });
});

describe('the sample dataset', () => {
  const data = generateSample({ today: TODAY });

  it('is deterministic and relative to today', () => {
    const again = generateSample({ today: TODAY });
    expect(again).toEqual(data);
    expect(generateSample({ today: TODAY, seed: 7 }).deals[0]!.id).not.toBe(data.deals[0]!.id);
    for (const d of data.deals)
      expect(d.stage === 'negotiating' ? !d.signedDate : d.signedDate! <= TODAY).toBe(true);
  });

  it('has the teams, offices and events of SPEC §1, and lights of every colour and cause', () => {
    expect(data.deals).toHaveLength(100);
    expect(new Set(data.deals.map((d) => d.team))).toEqual(new Set(DEFAULT_SETTINGS.teams));
    expect(new Set(data.events.map((e) => e.level))).toEqual(new Set(['province', 'city', 'county']));
    const lights = data.deals.map((d) =>
      computeLight(
        d,
        data.followUps.filter((f) => f.targetId === d.id),
        TODAY,
        T,
      ),
    );
    const reasons = lights.flatMap((l) => l.reasons).join('\n');
    for (const light of ['red', 'yellow', 'green'])
      expect(lights.filter((l) => l.computed === light).length).toBeGreaterThan(4);
    expect(reasons).toMatch(/逾期([1-9]|[12]\d|30)天/);
    expect(reasons).toMatch(/逾期([4-9]\d|3[1-9]|1\d\d)天/);
    expect(reasons).toMatch(/签约\d+天未开工/);
    expect(reasons).toMatch(/\d+天无进展/);
  });

  it('has relocating shoe companies from 成都 and 重庆 at every status, some overdue for registration', () => {
    expect(new Set(data.companies.map((c) => c.originCity))).toEqual(new Set(['成都', '重庆']));
    expect(new Set(data.companies.map((c) => c.status)).size).toBe(6);
    const o = computeOverview(data, {}, TODAY, T);
    expect(o.companies.overdueRegistrations.length).toBeGreaterThan(0);
    expect(new Set(data.companies.map((c) => c.name)).size).toBe(data.companies.length);
    expect(new Set(data.contacts.map((c) => c.mobile)).size).toBe(data.contacts.length);
  });

  it('has targets for this year and last, funds and investment reported, problems open and overdue, and 在谈 deals', () => {
    const year = Number(TODAY.slice(0, 4));
    expect(new Set(data.targets.map((t) => t.year))).toEqual(new Set([year - 1, year]));
    expect(data.targets.filter((t) => t.year === year && t.team === '')).toHaveLength(1);
    expect(new Set(data.fundReports.map((f) => f.kind))).toEqual(new Set(['funds', 'invested']));
    const ids = new Set(data.deals.map((d) => d.id));
    expect(data.fundReports.every((f) => ids.has(f.dealId) && f.amount > 0)).toBe(true);
    expect(data.deals.some((d) => d.stage === 'negotiating')).toBe(true);
    const statuses = new Set(data.problems.map((p) => p.status));
    expect(statuses).toEqual(new Set(['open', 'coordinating', 'resolved']));
    const p = computeProgress(data, { from: `${year}-01-01`, to: TODAY }, { teams: DEFAULT_SETTINGS.teams });
    expect(p.county.figures.signedCount.previous).toBeGreaterThan(0);
    expect(p.county.figures.funds.previous).toBeGreaterThan(0);
    expect(p.county.figures.agreed.rate).toBeGreaterThan(0);
    expect(p.teams).toHaveLength(DEFAULT_SETTINGS.teams.length);
    const o = computeOverview(data, {}, TODAY, T);
    expect([...o.lights.redList, ...o.lights.yellowList].some((l) => /问题逾期/.test(l.light.reason))).toBe(
      true,
    );
  });

  it('scales to benchmark sizes', () => {
    const big = generateSample({ today: TODAY, deals: 5000, contacts: 5000, companies: 1000 });
    expect(big.deals).toHaveLength(5000);
    expect(big.contacts).toHaveLength(5000);
    expect(big.companies).toHaveLength(1000);
  });
});
