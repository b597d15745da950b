/**
 * The overview the screen computes (overviewFromFacts: the light alone for
 * every deal, the reasons worked out when a lit row is read, lit deals
 * ordered on packed day numbers) equals a straightforward reference written
 * here over seeded random derived rows: every stage, milestones, follow-ups,
 * open problems, leaders' overrides, rows of deleted deals, events sharing a
 * name, fractional amounts, and days around today including 29 February,
 * 31 December and days outside 1900–2199. The sliced computation the page
 * runs gives the same result, and lightOf is the light computeLightSince
 * gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isIsoDate } from '../../shared/domain/dates';
import type { CompanyCore, DealCore, DealFactsRow, ProblemFacts } from '../../shared/domain/derived';
import { lastActivityOf } from '../../shared/domain/derived';
import { computeLightSince, lightOf, type LightResult } from '../../shared/domain/lights';
import {
  companySignedDate,
  formatRate,
  NO_EVENT,
  NO_INDUSTRY,
  NO_TEAM,
  OVERVIEW_SLICE,
  overviewFromFacts,
  overviewFromFactsInSlices,
  REGISTRATION_OVERDUE_DAYS,
  type GroupRow,
  type OverviewFilter,
  type OverviewOf,
} from '../../shared/domain/overview';
import {
  COMPANY_STATUSES,
  DEAL_STAGES,
  type CompanyStatus,
  type DealStage,
  type LedgerEvent,
} from '../../shared/domain/records';
import { compareZh } from '../../shared/domain/text';
import { DEFAULT_SETTINGS, type LightThresholds } from '../../shared/settings';

const T = DEFAULT_SETTINGS.lightThresholds;
const TIGHT: LightThresholds = {
  yellowNoProgressDays: 3,
  redNoProgressDays: 9,
  redOverdueDays: 2,
  redSignedNotStartedDays: 20,
};
/** Yellow after more days than red: the rules must still agree. */
const ODD: LightThresholds = {
  yellowNoProgressDays: 120,
  redNoProgressDays: 45,
  redOverdueDays: 1,
  redSignedNotStartedDays: 400,
};
const TODAYS = ['2028-02-29', '2027-12-31', '2026-10-15', '2024-03-01'];
const TEAMS = ['第一招商组团', '第二招商组团', '鞋业办公室'];
const INDUSTRIES = ['鞋业', '电子信息', '食品饮料'];
const EVENTS: Pick<LedgerEvent, 'id' | 'name'>[] = [
  { id: 'e1', name: '第十六届中国西部国际博览会' },
  { id: 'e2', name: '成渝地区双城经济圈招商推介会' },
  // Two events of one name count as one group.
  { id: 'e3', name: '第十六届中国西部国际博览会' },
];
const NAMES = ['成都童鞋配套项目', '成都医疗器械智能制造项目', '苏州物流总部基地', '成', '成都', 'A项目'];

// ---------------------------------------------------------------- reference

/** Day order of an ISO date, or `missing` for none or one that is no date. */
function refDay(iso: string | undefined, missing: number): number {
  return iso && isIsoDate(iso) ? Date.parse(`${iso}T00:00:00Z`) : missing;
}

function refGroups(pairs: [string, number][]): GroupRow[] {
  const rows: GroupRow[] = [];
  for (const [key, agreed] of pairs) {
    const row = rows.find((r) => r.key === key);
    if (row) {
      row.count += 1;
      row.agreed += agreed;
    } else rows.push({ key, count: 1, agreed });
  }
  return rows.sort((a, b) => b.agreed - a.agreed || b.count - a.count || compareZh(a.key, b.key));
}

const within = (d: string | undefined, f: OverviewFilter) =>
  !!d && (!f.from || d >= f.from) && (!f.to || d <= f.to);

/** The overview as the rules say, deal by deal, with no shortcut. */
function reference(
  rows: DealFactsRow[],
  companies: CompanyCore[],
  events: Pick<LedgerEvent, 'id' | 'name'>[],
  filter: OverviewFilter,
  today: string,
  t: LightThresholds,
) {
  const live = rows.filter((r) => r.deal && (!filter.team || r.deal.team === filter.team));
  const counted = live.filter((r) => r.deal!.stage !== 'cancelled');
  const signed = counted.filter((r) => within(r.deal!.signedDate, filter)).map((r) => r.deal!);
  const eventName = (id: string | undefined) => (id && events.find((e) => e.id === id)?.name) || NO_EVENT;
  const lit = counted.map((r) => ({
    deal: r.deal!,
    light: computeLightSince(r.deal!, lastActivityOf(r), today, t, r.openProblems),
  }));
  const order = (list: typeof lit) =>
    [...list].sort(
      (a, b) =>
        refDay(a.light.lastProgress, -Infinity) - refDay(b.light.lastProgress, -Infinity) ||
        refDay(a.deal.signedDate, Infinity) - refDay(b.deal.signedDate, Infinity) ||
        (a.deal.name < b.deal.name ? -1 : a.deal.name > b.deal.name ? 1 : 0) ||
        (a.deal.id < b.deal.id ? -1 : 1),
    );
  const teamOf = new Map(rows.map((r) => [r.id, r.deal?.team]));
  const inCompanies = companies.filter(
    (c) =>
      (!filter.team || (c.dealId && teamOf.get(c.dealId) === filter.team)) &&
      within(companySignedDate(c), filter),
  );
  const reached = (c: CompanyCore, set: CompanyStatus[]) =>
    set.includes(c.status) || c.statusHistory.some((h) => set.includes(h.stage));
  const registered = inCompanies.filter((c) => reached(c, ['registered', 'moved_in', 'producing']));
  const rate = inCompanies.length ? registered.length / inCompanies.length : 0;
  const stageCounts = Object.fromEntries(
    DEAL_STAGES.map((s) => [s, live.filter((r) => r.deal!.stage === s).length]),
  );
  const entered = live.filter((r) => within(r.deal!.statsEntryDate, filter));
  const sum = (xs: (number | undefined)[]) => xs.reduce<number>((a, x) => a + (x ?? 0), 0);
  return {
    filter,
    signed: {
      count: signed.length,
      agreed: sum(signed.map((d) => d.agreedInvestment)),
      firstPhase: sum(signed.map((d) => d.firstPhaseInvestment)),
    },
    signedDeals: signed,
    byTeam: refGroups(signed.map((d) => [d.team ?? NO_TEAM, d.agreedInvestment ?? 0])),
    byIndustry: refGroups(signed.map((d) => [d.industry ?? NO_INDUSTRY, d.agreedInvestment ?? 0])),
    byEvent: refGroups(signed.map((d) => [eventName(d.eventId), d.agreedInvestment ?? 0])),
    byMonth: refGroups(signed.map((d) => [d.signedDate!.slice(0, 7), d.agreedInvestment ?? 0])).sort(
      (a, b) => (a.key < b.key ? -1 : 1),
    ),
    stageCounts,
    lights: {
      red: lit.filter((l) => l.light.light === 'red').length,
      yellow: lit.filter((l) => l.light.light === 'yellow').length,
      green: lit.filter((l) => l.light.light === 'green').length,
      redList: order(lit.filter((l) => l.light.light === 'red')),
      yellowList: order(lit.filter((l) => l.light.light === 'yellow')),
    },
    companies: {
      signed: inCompanies.length,
      registered: registered.length,
      movedIn: inCompanies.filter((c) => reached(c, ['moved_in', 'producing'])).length,
      producing: inCompanies.filter((c) => reached(c, ['producing'])).length,
      withdrawn: inCompanies.filter((c) => c.status === 'withdrawn').length,
      registrationRate: rate,
      registrationRateText: formatRate(rate),
      overdueRegistrations: inCompanies.filter(
        (c) =>
          c.status !== 'withdrawn' &&
          !reached(c, ['registered', 'moved_in', 'producing']) &&
          (Date.parse(today) - Date.parse(companySignedDate(c)!)) / 86_400_000 > REGISTRATION_OVERDUE_DAYS,
      ),
      list: inCompanies,
    },
    statsEntry: { count: entered.length, amount: sum(entered.map((r) => r.deal!.statsEntryAmount)) },
  };
}

/** An overview as plain data: each lit deal's light read out (the screen's are worked out when read). */
function plain(o: OverviewOf<DealCore, CompanyCore> | ReturnType<typeof reference>) {
  const lit = (l: { deal: DealCore; light: LightResult }) => ({ deal: l.deal, light: l.light });
  return {
    ...o,
    lights: { ...o.lights, redList: o.lights.redList.map(lit), yellowList: o.lights.yellowList.map(lit) },
  };
}

// ---------------------------------------------------------------- random rows

/** Days around every today tested, the leap day and year ends, and a few outside 1900–2199. */
const DAY_POOL = [
  ...TODAYS.flatMap((t) =>
    [
      0, 1, 2, 3, 8, 9, 10, 19, 20, 21, 30, 31, 32, 44, 45, 46, 59, 60, 61, 89, 90, 91, 119, 120, 121, 400,
      401,
    ].map((n) => addDays(t, -n)),
  ),
  ...TODAYS.map((t) => addDays(t, 5)),
  '2024-02-29',
  '2027-12-31',
  '2028-01-01',
  '1899-12-31',
  '2200-01-01',
  '0099-03-01',
];
const day = fc.constantFrom(...DAY_POOL);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });
const amount = fc.oneof(
  fc.integer({ min: 0, max: 5_000_000_000 }),
  fc.double({ min: 0, max: 1e9, noNaN: true }),
);

const problem: fc.Arbitrary<ProblemFacts> = fc.record({
  status: fc.constantFrom('open' as const, 'coordinating' as const),
  deadline: maybe(day),
  description: fc.constantFrom(
    '用地指标未落实',
    '环评批复迟迟未下达，企业多次催问仍无明确答复时间，影响开工计划',
  ),
  unit: maybe(fc.constantFrom('县自然资源局', '县生态环境局')),
});

const dealCore = (id: string): fc.Arbitrary<DealCore> =>
  fc
    .record({
      name: fc.constantFrom(...NAMES),
      team: maybe(fc.constantFrom(...TEAMS)),
      leader: maybe(fc.constantFrom('王副县长', '李局长')),
      industry: maybe(fc.constantFrom(...INDUSTRIES)),
      eventId: maybe(fc.constantFrom('e1', 'e2', 'e3', 'gone')),
      stage: fc.constantFrom<DealStage>(...DEAL_STAGES),
      signedDate: maybe(day),
      agreedInvestment: maybe(amount),
      firstPhaseInvestment: maybe(amount),
      statsEntryDate: maybe(day),
      statsEntryAmount: maybe(amount),
      lightOverride: fc.option(
        fc.record({
          light: fc.constantFrom('red' as const, 'yellow' as const, 'green' as const),
          reason: fc.constantFrom('县领导已协调', '企业资金链紧张'),
          by: fc.constant('张三'),
          at: fc.constant('2026-10-01T08:00:00.000Z'),
        }),
        { nil: undefined, freq: 8 },
      ),
      stageHistory: fc.array(fc.record({ stage: fc.constantFrom<DealStage>(...DEAL_STAGES), date: day }), {
        maxLength: 3,
      }),
      milestones: fc.array(
        fc.record({ name: fc.constantFrom('环评', '施工许可', '开工'), plannedDate: day }),
        {
          maxLength: 4,
        },
      ),
      lastMilestoneDone: maybe(day),
    })
    .map((d) => {
      const core = { id, ...d } as DealCore;
      // As the derived rows keep them: fields that are not there are absent, not undefined.
      for (const k of Object.keys(core) as (keyof DealCore)[]) if (core[k] === undefined) delete core[k];
      return core;
    });

/** Rows in id order, as the derived table hands them over; some of deleted deals (no deal part). */
const rowsArb = fc.integer({ min: 0, max: 60 }).chain((n) =>
  fc.tuple(
    ...Array.from({ length: n }, (_, i) => {
      const id = `d${String(i).padStart(3, '0')}`;
      return fc
        .record({
          deal: fc.option(dealCore(id), { nil: undefined, freq: 6 }),
          lastFollowUp: maybe(day),
          openProblems: fc.option(fc.array(problem, { minLength: 1, maxLength: 3 }), {
            nil: undefined,
            freq: 2,
          }),
        })
        .map((r) => {
          const row: DealFactsRow = { id };
          if (r.deal) row.deal = r.deal;
          if (r.lastFollowUp) row.lastFollowUp = r.lastFollowUp;
          if (r.openProblems) row.openProblems = r.openProblems;
          return row;
        });
    }),
  ),
);

const companiesArb = fc.array(
  fc.record({
    name: fc.constantFrom('成都市某某鞋业有限公司', '重庆某某电子有限公司'),
    status: fc.constantFrom<CompanyStatus>(...COMPANY_STATUSES),
    statusHistory: fc.array(
      fc.record({
        stage: fc.constantFrom<CompanyStatus>(...COMPANY_STATUSES),
        date: day,
        by: fc.constant(''),
        at: fc.constant(''),
      }),
      {
        maxLength: 3,
      },
    ),
    signedDate: maybe(fc.constantFrom(...DAY_POOL.filter((d) => d >= '1900' && d < '2200'))),
    dealId: maybe(fc.constantFrom('d000', 'd001', 'd002', 'd005', 'd010')),
  }),
  { maxLength: 12 },
);

const FILTERS: OverviewFilter[] = [
  {},
  { from: '2026-01-01', to: '2026-12-31' },
  { from: '2028-02-01', to: '2028-02-29' },
  { team: TEAMS[0] },
  { from: '2027-01-01', to: '2027-12-31', team: TEAMS[1] },
];

describe('the overview from the derived rows equals the straightforward reference', () => {
  it('for random rows, every filter, several todays and thresholds', () => {
    fc.assert(
      fc.property(rowsArb, companiesArb, (rows, raw) => {
        const companies: CompanyCore[] = raw.map((c, i) => {
          const core: CompanyCore = {
            id: `c${i}`,
            name: c.name,
            status: c.status,
            statusHistory: c.statusHistory,
          };
          if (c.signedDate) core.signedDate = c.signedDate;
          if (c.dealId) core.dealId = c.dealId;
          return core;
        });
        // Companies count only with a signing day (their own or their first step's).
        const live = companies.filter((c) => {
          const d = companySignedDate(c);
          return !d || (d >= '1900' && d < '2200');
        });
        for (const today of TODAYS)
          for (const t of [T, TIGHT, ODD])
            for (const filter of FILTERS) {
              const got = overviewFromFacts({ deals: rows, companies: live }, EVENTS, filter, today, t);
              const want = reference(rows, live, EVENTS, filter, today, t);
              expect(plain(got)).toEqual(plain(want));
            }
      }),
      { seed: 20261201, numRuns: 40 },
    );
  });

  it('orders lit deals on both days, then by name and id, in and outside 1900–2199', () => {
    const deal = (
      id: string,
      name: string,
      signedDate: string | undefined,
      progress: string,
    ): DealFactsRow => ({
      id,
      deal: {
        id,
        name,
        stage: 'signed',
        ...(signedDate ? { signedDate } : {}),
        stageHistory: [{ stage: 'signed', date: progress }],
        milestones: [],
      },
    });
    const rows = [
      deal('d1', '乙', '2020-01-01', '2020-01-01'),
      deal('d2', '甲', '2020-01-01', '2020-01-01'),
      deal('d3', '甲', '2020-01-01', '2020-01-01'),
      deal('d4', '甲', '2019-06-01', '2020-01-01'),
      deal('d5', '甲', undefined, '2020-01-01'),
      deal('d6', '丙', '2021-01-01', '2019-12-31'),
    ];
    const names = (o: OverviewOf<DealCore, CompanyCore>) => o.lights.redList.map((l) => l.deal.id);
    const inRange = overviewFromFacts({ deals: rows, companies: [] }, [], {}, '2026-10-15', T);
    // 乙 (U+4E59) comes before 甲 (U+7532) in code-unit order.
    expect(names(inRange)).toEqual(['d6', 'd4', 'd1', 'd2', 'd3', 'd5']);
    // A day past 2199 cannot be packed: the same order comes from the comparator.
    const far = [...rows, deal('d7', '丁', '2200-01-01', '2019-12-31')];
    const o = overviewFromFacts({ deals: far, companies: [] }, [], {}, '2226-10-15', T);
    expect(names(o)).toEqual(['d6', 'd7', 'd4', 'd1', 'd2', 'd3', 'd5']);
  });
});

describe('the sliced computation the page runs', () => {
  const rows: DealFactsRow[] = Array.from({ length: OVERVIEW_SLICE * 2 + 17 }, (_, i) => {
    const id = `d${String(i).padStart(6, '0')}`;
    return {
      id,
      deal: {
        id,
        name: NAMES[i % NAMES.length]!,
        team: TEAMS[i % 3],
        stage: DEAL_STAGES[i % DEAL_STAGES.length]!,
        signedDate: addDays('2026-10-15', -(i % 500)),
        agreedInvestment: (i % 97) * 1_000_000,
        stageHistory: [{ stage: 'signed', date: addDays('2026-10-15', -(i % 500)) }],
        milestones: i % 4 ? [] : [{ name: '开工', plannedDate: addDays('2026-10-15', -(i % 60)) }],
      },
      ...(i % 5 ? {} : { lastFollowUp: addDays('2026-10-15', -(i % 80)) }),
    };
  });
  const facts = { deals: rows, companies: [] };

  it('gives what overviewFromFacts gives, pausing between slices', async () => {
    for (const filter of [{}, { team: TEAMS[2] }]) {
      let pauses = 0;
      const sliced = await overviewFromFactsInSlices(facts, EVENTS, filter, '2026-10-15', T, async () => {
        pauses += 1;
      });
      expect(pauses).toBe(5);
      expect(plain(sliced!)).toEqual(plain(overviewFromFacts(facts, EVENTS, filter, '2026-10-15', T)));
    }
  });

  it('stops, with no result, once its answer is no longer wanted', async () => {
    let pauses = 0;
    const result = await overviewFromFactsInSlices(
      facts,
      EVENTS,
      {},
      '2026-10-15',
      T,
      async () => {
        pauses += 1;
      },
      () => pauses >= 1,
    );
    expect(result).toBeUndefined();
    expect(pauses).toBe(1);
  });
});

describe('lightOf is the light computeLightSince gives', () => {
  it('for random deals, days and thresholds', () => {
    fc.assert(
      fc.property(
        dealCore('d'),
        maybe(day),
        fc.option(fc.array(problem, { maxLength: 3 }), { nil: undefined }),
        fc.constantFrom(...TODAYS),
        fc.constantFrom(T, TIGHT, ODD),
        (deal, lastFollowUp, problems, today, t) => {
          const last = lastActivityOf({ id: deal.id, deal, lastFollowUp });
          expect(lightOf(deal, last, today, t, problems)).toBe(
            computeLightSince(deal, last, today, t, problems).light,
          );
        },
      ),
      { seed: 1031, numRuns: 6000 },
    );
  });
});
