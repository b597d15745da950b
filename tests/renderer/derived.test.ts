/**
 * The derived rows the write path keeps (renderer/src/db/derived.ts) equal a
 * rebuild from the raw tables after any sequence of writes: forms, follow-ups,
 * problems, imports and their undo, exchange merges, backup restores, raw
 * table writes (as sync applies them) and an upgrade from a version 2
 * database. The overview computed from them equals the one computed from
 * every record.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { packFacts, packOf, rebuildFacts, unpackFacts, type DerivedFacts } from '../../shared/domain/derived';
import { computeOverview, overviewFromFacts, type OverviewFilter } from '../../shared/domain/overview';
import { DEAL_STAGES, type Deal, type DealStage } from '../../shared/domain/records';
import { buildSummary, figuresFromSummary } from '../../shared/domain/summary';
import { computeProgress, fundTotalsByDeal } from '../../shared/domain/progress';
import { monthPeriod, yearPeriod } from '../../shared/report/period';
import { FactsRepository } from '../../renderer/src/db/repositories/facts';
import type { RepoContext } from '../../renderer/src/db/repositories/context';
import { addDays } from '../../shared/domain/dates';
import { generateSample } from '../../shared/sample/generate';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { LedgerDb } from '../../renderer/src/db/schema';
import { importDeals, setup } from './helpers';
import { addRawTables, releasedStores } from './releasedSchema';

type Env = ReturnType<typeof setup>;
const TODAY = '2017-10-20';
const T = DEFAULT_SETTINGS.lightThresholds;
const TEAMS = ['第一招商组团', '第二招商组团', '鞋业办公室'];
const STAGES: readonly DealStage[] = DEAL_STAGES;

async function kept(db: LedgerDb): Promise<DerivedFacts> {
  const deals = unpackFacts(await db.dealFactPacks.toArray());
  return { deals: deals.sort((a, b) => (a.id < b.id ? -1 : 1)), companies: await db.companyFacts.toArray() };
}

async function rebuilt(db: LedgerDb): Promise<DerivedFacts> {
  return rebuildFacts({
    deals: await db.deals.toArray(),
    companies: await db.companies.toArray(),
    followUps: await db.followUps.toArray(),
    problems: await db.problems.toArray(),
    fundReports: await db.fundReports.toArray(),
  });
}

const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id);

/** Thresholds tighter than the defaults, so more deals light and the cut-offs move. */
const TIGHT = {
  ...T,
  yellowNoProgressDays: 3,
  redNoProgressDays: 9,
  redOverdueDays: 2,
  redSignedNotStartedDays: 20,
};

/**
 * The start summary's figures equal the overview's from every record, for
 * several periods, days and thresholds (a light index that were only right
 * for one today would fail here).
 */
async function expectSummaryInStep(db: LedgerDb, raw: Parameters<typeof computeOverview>[0], step: string) {
  const summary = await db.factSummary.toArray();
  expect(summary, `${step}: summary kept equals summary rebuilt`).toEqual(buildSummary(await rebuilt(db)));
  const periods: OverviewFilter[] = [
    {},
    { from: '2017-01-01', to: '2017-12-31' },
    { from: '2017-10-01', to: '2017-10-31' },
  ];
  for (const today of [TODAY, addDays(TODAY, 17), addDays(TODAY, 400)])
    for (const th of [T, TIGHT])
      for (const filter of periods) {
        const a = computeOverview(raw, filter, today, th);
        const b = figuresFromSummary(summary, filter, today, th);
        const where = `${step} ${today} ${JSON.stringify(filter)} ${th === T ? 'default' : 'tight'}`;
        expect(b.lights, where).toEqual({
          red: a.lights.red,
          yellow: a.lights.yellow,
          green: a.lights.green,
        });
        expect(b.signed.count, where).toBe(a.signed.count);
        expect(b.signed.agreed, where).toBeCloseTo(a.signed.agreed, 2);
        expect(b.signed.firstPhase, where).toBeCloseTo(a.signed.firstPhase, 2);
        expect(b.statsEntry.count, where).toBe(a.statsEntry.count);
        expect(b.statsEntry.amount, where).toBeCloseTo(a.statsEntry.amount, 2);
        expect(b.companies, where).toEqual({
          signed: a.companies.signed,
          registered: a.companies.registered,
          registrationRate: a.companies.registrationRate,
          registrationRateText: a.companies.registrationRateText,
        });
      }
}

/**
 * 目标完成 from the packs (what the overview reads) equals 目标完成 from
 * every deal and fund report (what the summary report reads), for a year, a
 * month and the same periods a year earlier; the deal list's fund totals
 * equal the reports' own.
 */
async function expectProgressInStep(db: LedgerDb, step: string) {
  const facts = new FactsRepository({ db } as unknown as RepoContext);
  const fromPacks = await facts.progressInput();
  const reports = await db.fundReports.toArray();
  const full = { deals: await db.deals.toArray(), fundReports: reports, targets: await db.targets.toArray() };
  const packed = { ...fromPacks, targets: full.targets };
  for (const period of [yearPeriod(2017), monthPeriod(2017, 10), yearPeriod(2016), monthPeriod(2017, 8)]) {
    const a = computeProgress(full, period, { teams: TEAMS });
    const b = computeProgress(packed, period, { teams: TEAMS });
    expect(b, `${step} 目标完成 ${period.from}–${period.to}`).toEqual(a);
  }
  const activity = await facts.dealActivity();
  const totals = fundTotalsByDeal(reports);
  for (const id of new Set([...totals.keys(), ...activity.keys()])) {
    const want = totals.get(id) ?? { funds: 0, invested: 0 };
    const got = activity.get(id);
    expect({ funds: got?.funds ?? 0, invested: got?.invested ?? 0 }, `${step} 资金合计 ${id}`).toEqual(want);
  }
}

/** Kept equals rebuilt, and the overview from the kept rows equals the one from every record. */
async function expectInStep(db: LedgerDb, step: string) {
  expect(await kept(db), step).toEqual(await rebuilt(db));
  const facts = await kept(db);
  const events = await db.events.toArray();
  const raw = {
    deals: await db.deals.toArray(),
    companies: await db.companies.toArray(),
    events,
    followUps: await db.followUps.toArray(),
    problems: await db.problems.toArray(),
  };
  await expectSummaryInStep(db, raw, step);
  await expectProgressInStep(db, step);
  const filters: OverviewFilter[] = [{}, { from: '2017-01-01', to: '2017-12-31' }, { team: TEAMS[0] }];
  for (const filter of filters) {
    const a = computeOverview(raw, filter, TODAY, T);
    const b = overviewFromFacts(facts, events, filter, TODAY, T);
    const shape = (o: typeof a | typeof b) => ({
      signed: o.signed,
      signedDeals: ids(o.signedDeals).sort(),
      byTeam: o.byTeam,
      byIndustry: o.byIndustry,
      byEvent: o.byEvent,
      byMonth: o.byMonth,
      stageCounts: o.stageCounts,
      lights: {
        red: o.lights.red,
        yellow: o.lights.yellow,
        green: o.lights.green,
        redList: o.lights.redList.map((l) => [l.deal.id, l.light.reason]),
        yellowList: o.lights.yellowList.map((l) => [l.deal.id, l.light.reason]),
      },
      companies: {
        ...o.companies,
        overdueRegistrations: ids(o.companies.overdueRegistrations),
        list: ids(o.companies.list),
      },
      statsEntry: o.statsEntry,
    });
    expect(shape(b), `${step} ${JSON.stringify(filter)}`).toEqual(shape(a));
  }
}

type Op =
  | { op: 'createDeal'; team: number; stage: number; day: number; wan: number }
  | { op: 'editDeal'; pick: number; team: number; wan: number }
  | { op: 'stage'; pick: number; stage: number; day: number }
  | { op: 'milestone'; pick: number; day: number }
  | { op: 'override'; pick: number; clear: boolean }
  | { op: 'deleteDeal'; pick: number }
  | { op: 'restoreDeal'; pick: number }
  | { op: 'followUp'; pick: number; day: number }
  | { op: 'deleteFollowUp'; pick: number }
  | { op: 'problem'; pick: number; day: number }
  | { op: 'resolveProblem'; pick: number }
  | { op: 'company'; pick: number; day: number }
  | { op: 'companyStatus'; pick: number }
  | { op: 'deleteCompany'; pick: number }
  | { op: 'import'; n: number }
  | { op: 'undoImport' }
  | { op: 'merge' }
  | { op: 'backup' }
  | { op: 'restore' }
  | { op: 'fund'; pick: number; day: number; wan: number; invested: boolean }
  | { op: 'editFund'; pick: number; to: number; day: number; wan: number }
  | { op: 'deleteFund'; pick: number }
  | { op: 'importFunds'; pick: number; day: number; wan: number }
  | { op: 'rawPut'; pick: number; team: number }
  | { op: 'rawDelete'; pick: number };

const pick = fc.nat(1000);
const day = fc.integer({ min: -400, max: 10 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('createDeal' as const),
    team: fc.nat(2),
    stage: fc.nat(6),
    day,
    wan: fc.nat(90000),
  }),
  fc.record({ op: fc.constant('editDeal' as const), pick, team: fc.nat(2), wan: fc.nat(90000) }),
  fc.record({ op: fc.constant('stage' as const), pick, stage: fc.nat(6), day }),
  fc.record({ op: fc.constant('milestone' as const), pick, day }),
  fc.record({ op: fc.constant('override' as const), pick, clear: fc.boolean() }),
  fc.record({ op: fc.constant('deleteDeal' as const), pick }),
  fc.record({ op: fc.constant('restoreDeal' as const), pick }),
  fc.record({ op: fc.constant('followUp' as const), pick, day }),
  fc.record({ op: fc.constant('deleteFollowUp' as const), pick }),
  fc.record({ op: fc.constant('problem' as const), pick, day }),
  fc.record({ op: fc.constant('resolveProblem' as const), pick }),
  fc.record({ op: fc.constant('company' as const), pick, day }),
  fc.record({ op: fc.constant('companyStatus' as const), pick }),
  fc.record({ op: fc.constant('deleteCompany' as const), pick }),
  fc.record({ op: fc.constant('import' as const), n: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('undoImport' as const) }),
  fc.record({ op: fc.constant('merge' as const) }),
  fc.record({ op: fc.constant('backup' as const) }),
  fc.record({ op: fc.constant('restore' as const) }),
  fc.record({
    op: fc.constant('fund' as const),
    pick,
    day,
    wan: fc.integer({ min: 1, max: 90000 }),
    invested: fc.boolean(),
  }),
  fc.record({
    op: fc.constant('editFund' as const),
    pick,
    to: pick,
    day,
    wan: fc.integer({ min: 1, max: 90000 }),
  }),
  fc.record({ op: fc.constant('deleteFund' as const), pick }),
  fc.record({ op: fc.constant('importFunds' as const), pick, day, wan: fc.integer({ min: 1, max: 90000 }) }),
  fc.record({ op: fc.constant('rawPut' as const), pick, team: fc.nat(2) }),
  fc.record({ op: fc.constant('rawDelete' as const), pick }),
);

const dateFrom = (offset: number) => {
  const d = new Date(Date.UTC(2017, 9, 20) + offset * 86_400_000);
  return d.toISOString().slice(0, 10);
};

function of<T>(rows: readonly T[], n: number): T | undefined {
  return rows.length ? rows[n % rows.length] : undefined;
}

/** Runs one write the way a user (or sync) makes it; refusals are part of the game and change nothing. */
async function apply(
  env: Env,
  other: Env,
  state: { backup?: Awaited<ReturnType<Env['repos']['snapshots']['export']>> },
  o: Op,
) {
  const { repos, db } = env;
  const deals = await db.deals.toArray();
  const live = deals.filter((d) => !d.deletedAt);
  let seq = deals.length;
  try {
    switch (o.op) {
      case 'createDeal':
        await repos.deals.create({
          name: `项目${++seq}号`,
          investor: '成都大东鞋业有限公司',
          team: TEAMS[o.team],
          stage: STAGES[o.stage],
          signedDate: dateFrom(o.day),
          agreedInvestment: o.wan * 10_000,
          milestones: [{ name: '开工', plannedDate: dateFrom(o.day + 40) }],
        });
        break;
      case 'editDeal': {
        const d = of(live, o.pick);
        if (d)
          await repos.deals.update(d.id, {
            team: TEAMS[o.team],
            agreedInvestment: o.wan * 10_000,
            industry: '鞋业',
          });
        break;
      }
      case 'stage': {
        const d = of(live, o.pick);
        if (d) await repos.deals.changeStage(d.id, STAGES[o.stage]!, dateFrom(o.day));
        break;
      }
      case 'milestone': {
        const d = of(live, o.pick);
        const m = d?.milestones.find((x) => !x.doneDate);
        if (d && m) await repos.deals.tickMilestone(d.id, m.name, dateFrom(o.day));
        break;
      }
      case 'override': {
        const d = of(live, o.pick);
        if (d && o.clear) await repos.deals.clearLightOverride(d.id);
        else if (d) await repos.deals.setLightOverride(d.id, 'green', '县领导已协调，暂缓亮灯');
        break;
      }
      case 'deleteDeal': {
        const d = of(live, o.pick);
        if (d) await repos.deals.remove(d.id);
        break;
      }
      case 'restoreDeal': {
        const d = of(
          deals.filter((x) => x.deletedAt),
          o.pick,
        );
        if (d) await repos.deals.restore(d.id);
        break;
      }
      case 'followUp': {
        const d = of(live, o.pick);
        if (d)
          await repos.followUps.add('deal', d.id, {
            date: dateFrom(o.day),
            kind: 'call',
            summary: '电话回访，推进用地',
          });
        break;
      }
      case 'deleteFollowUp': {
        const f = of(await repos.followUps.list(), o.pick);
        if (f) await repos.followUps.remove(f.id);
        break;
      }
      case 'problem': {
        const d = of(live, o.pick);
        if (d)
          await repos.problems.raise(d.id, {
            raisedDate: dateFrom(o.day - 30),
            description: '用地指标未落实',
            kind: 'land',
            unit: '县自然资源局',
            deadline: dateFrom(o.day),
          });
        break;
      }
      case 'resolveProblem': {
        const p = of(
          (await repos.problems.all()).filter((x) => x.status !== 'resolved' && !x.deletedAt),
          o.pick,
        );
        if (p) await repos.problems.resolve(p.id, '已协调解决', TODAY);
        break;
      }
      case 'company': {
        const d = of(live, o.pick);
        await repos.companies.create({
          name: `鞋业企业${seq}有限公司`,
          dealId: d?.id,
          signedDate: dateFrom(o.day),
        });
        break;
      }
      case 'companyStatus': {
        const c = of(await repos.companies.list(), o.pick);
        if (c) await repos.companies.update(c.id, { status: 'registered' });
        break;
      }
      case 'deleteCompany': {
        const c = of(await repos.companies.list(), o.pick);
        if (c) await repos.companies.remove(c.id);
        break;
      }
      case 'import':
        await importDeals(
          env,
          Array.from({ length: o.n }, (_, i) => `导入项目${seq + i + 1}`),
        );
        break;
      case 'undoImport': {
        const batch = (await db.importBatches.toArray()).find((b) => !b.undoneAt);
        if (batch) await repos.imports.undo(batch.id);
        break;
      }
      case 'merge': {
        const d = await other.repos.deals.create({
          name: `对方项目${seq}`,
          investor: '晋江鞋业集团',
          team: TEAMS[1],
          signedDate: dateFrom(-20),
          agreedInvestment: 3e8,
        });
        await other.repos.followUps.add('deal', d.id, {
          date: dateFrom(-100),
          kind: 'visit',
          summary: '实地考察',
        });
        const preview = await repos.exchange.preview(await other.repos.exchange.buildFile(), '对方.zsjh');
        await repos.exchange.apply(preview);
        break;
      }
      case 'backup':
        state.backup = await repos.snapshots.export('manual');
        // Derived rows stay out of a backup: a restore rebuilds them.
        for (const table of ['dealFactPacks', 'companyFacts', 'factSummary'])
          expect(Object.keys(state.backup.tables)).not.toContain(table);
        expect(Object.keys(state.backup.tables)).toContain('deals');
        break;
      case 'restore':
        if (state.backup) await repos.snapshots.restore(state.backup);
        break;
      case 'fund': {
        const d = of(live, o.pick);
        if (d)
          await repos.fundReports.add(d.id, {
            kind: o.invested ? 'invested' : 'funds',
            month: dateFrom(o.day).slice(0, 7),
            amount: o.wan * 10_000,
          });
        break;
      }
      case 'editFund': {
        // An edit can move a report to another month and another deal: both deals' rows change.
        const f = of(await repos.fundReports.all(), o.pick);
        const to = of(deals, o.to);
        if (f && to)
          await db.fundReports.put({
            ...f,
            dealId: to.id,
            month: dateFrom(o.day).slice(0, 7),
            amount: o.wan * 10_000,
            updatedAt: `${TODAY}T09:30:00.000Z`,
          });
        break;
      }
      case 'deleteFund': {
        const f = of(await repos.fundReports.all(), o.pick);
        if (f) await repos.fundReports.remove(f.id);
        break;
      }
      case 'importFunds': {
        const d = of(live, o.pick);
        if (d)
          await repos.fundReports.importByName(
            [
              {
                row: 2,
                name: d.name,
                month: dateFrom(o.day).slice(0, 7),
                funds: o.wan * 10_000,
                invested: 5e6,
              },
            ],
            '2017年资金到位表.xlsx',
          );
        break;
      }
      case 'rawPut': {
        // As sync applies a pulled record: straight to the table, outside any repository.
        const d = of(deals, o.pick);
        if (d) await db.deals.put({ ...d, team: TEAMS[o.team], updatedAt: `${TODAY}T09:30:00.000Z` });
        break;
      }
      case 'rawDelete': {
        const f = of(await db.followUps.toArray(), o.pick);
        if (f) await db.followUps.delete(f.id);
        break;
      }
    }
    return 'done';
  } catch (e) {
    if (!(e instanceof Error) || e.name !== 'ValidationError') throw e;
    return `refused: ${e.message}`;
  }
}

describe('derived rows kept by the write path', () => {
  it('equal a rebuild from the raw tables after any sequence of writes (seeded)', async () => {
    const tally = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 6, maxLength: 18 }), async (ops) => {
        const env = setup();
        const other = setup();
        await env.repos.exchange.identity();
        await other.repos.exchange.identity();
        await env.repos.sample.load(
          generateSample({ today: '2017-10-19', deals: 8, contacts: 4, companies: 4 }),
        );
        await expectInStep(env.db, 'sample');
        const state = {};
        for (const [i, o] of ops.entries()) {
          const outcome = await apply(env, other, state, o);
          tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
          await expectInStep(env.db, `step ${i} ${o.op}`);
        }
        env.db.close();
        other.db.close();
      }),
      { seed: 20171020, numRuns: 12 },
    );
    // The writes were made, not refused: a sequence of refusals would prove nothing.
    const refused = [...tally].filter(([k]) => k !== 'done').reduce((n, [, v]) => n + v, 0);
    expect(refused, JSON.stringify([...tally])).toBeLessThan((tally.get('done') ?? 0) / 5);
  }, 120_000);

  it('are built by the upgrade from a version 2 database, then kept', async () => {
    const name = `v2-${Date.now()}`;
    const data = generateSample({ today: '2017-10-19', deals: 30, contacts: 10, companies: 12 });
    // The released version 2 schema, as a laptop holds it before this version.
    const v2 = new Dexie(name);
    releasedStores(v2, 2);
    await v2.open();
    await addRawTables(v2, data);
    v2.close();

    const db = new LedgerDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(4);
    const facts = await kept(db);
    expect(facts.deals.filter((r) => r.deal)).toHaveLength(data.deals.filter((d) => !d.deletedAt).length);
    expect(facts.companies.length).toBeGreaterThan(0);
    await expectInStep(db, 'after upgrade');
    // And kept from then on.
    const d: Deal = data.deals[0]!;
    await db.deals.put({ ...d, team: '新组团' });
    await db.followUps.bulkDelete(data.followUps.slice(0, 5).map((f) => f.id));
    await expectInStep(db, 'after writes');
    db.close();
  });

  it('are packed by the upgrade from a version 7 database holding one row per deal, and given their fund part', async () => {
    const name = `v7-${Date.now()}`;
    const data = generateSample({ today: '2017-10-19', deals: 400, contacts: 10, companies: 40 });
    // The released stores up to version 7, with the derived rows as version 4 kept them.
    const v7 = new Dexie(name);
    releasedStores(v7, 7);
    await v7.open();
    await addRawTables(v7, data);
    const facts = rebuildFacts(data);
    // Version 4 to 8 kept no fund part: the rows as they were, without it (version 9 adds it).
    const v7Rows = facts.deals.flatMap((full) => {
      const row = { ...full };
      delete row.funds;
      return row.deal || row.lastFollowUp || row.openProblems ? [row] : [];
    });
    expect(facts.deals.some((r) => r.funds)).toBe(true);
    await v7.table('dealFacts').bulkAdd(v7Rows);
    await v7.table('companyFacts').bulkAdd(facts.companies);
    await v7.table('factSummary').bulkAdd(buildSummary(facts));
    v7.close();
    expect(facts.deals.length).toBeGreaterThan(300);

    const db = new LedgerDb(name);
    await db.open();
    expect(db.verno).toBe(9);
    // The old table is gone, from Dexie and from the IndexedDB database itself.
    expect(db.tables.map((t) => t.name)).not.toContain('dealFacts');
    expect(db.backendDB().objectStoreNames.contains('dealFacts')).toBe(false);
    const packs = await db.dealFactPacks.toArray();
    expect(packs).toEqual(packFacts((await rebuilt(db)).deals));
    // A few hundred deals spread over the packs, none holding most of them.
    expect(packs.length).toBeGreaterThan(150);
    expect(Math.max(...packs.map((p) => p.rows.length))).toBeLessThan(15);
    for (const p of packs) for (const r of p.rows) expect(packOf(r.id), r.id).toBe(p.bucket);
    await expectInStep(db, 'after upgrade from version 7');
    const d: Deal = data.deals.find((x) => !x.deletedAt)!;
    await db.deals.put({ ...d, team: '新组团' });
    await db.followUps.bulkDelete(data.followUps.slice(0, 5).map((f) => f.id));
    await expectInStep(db, 'after writes');
    db.close();
  });

  it('rewrite exactly the one pack of a deal a form edits, and nothing of the others', async () => {
    const env = setup();
    const puts: number[][] = [];
    env.db.use({
      stack: 'dbcore',
      name: 'count-pack-writes',
      // Below the derived middleware, so it sees the writes that one sends down.
      level: 0,
      create: (down) => ({
        ...down,
        table: (name) => {
          const t = down.table(name);
          if (name !== 'dealFactPacks') return t;
          return {
            ...t,
            mutate: (req) => {
              if (req.type === 'put') puts.push((req.values as { bucket: number }[]).map((p) => p.bucket));
              else if (req.type !== 'add') puts.push([-1]);
              return t.mutate(req);
            },
          };
        },
      }),
    });
    await env.repos.sample.load(
      generateSample({ today: '2017-10-19', deals: 300, contacts: 4, companies: 10 }),
    );
    const before = await env.db.dealFactPacks.toArray();
    const deal = (await env.db.deals.toArray()).find((d) => !d.deletedAt)!;
    puts.length = 0;
    await env.repos.deals.update(deal.id, { team: '鞋业办公室', agreedInvestment: 123_450_000 });
    expect(puts).toEqual([[packOf(deal.id)]]);
    const after = await env.db.dealFactPacks.toArray();
    expect(after.length).toBe(before.length);
    const changed = after.filter((p, i) => JSON.stringify(p) !== JSON.stringify(before[i]));
    expect(changed.map((p) => p.bucket)).toEqual([packOf(deal.id)]);
    const row = changed[0]!.rows.find((r) => r.id === deal.id)!;
    expect(row.deal).toMatchObject({ team: '鞋业办公室', agreedInvestment: 123_450_000 });
    await expectInStep(env.db, 'after one edit');
    env.db.close();
  });

  it('are kept by a write of more deals than are looked up one by one, new and stored mixed', async () => {
    const env = setup();
    const data = generateSample({ today: '2017-10-19', deals: 260, contacts: 10, companies: 60 });
    await env.repos.sample.load(data);
    await expectInStep(env.db, 'sample');
    // 260 stored deals (their follow-ups and problems kept in their rows) rewritten with 90 new ones in one bulk write.
    const stored = await env.db.deals.toArray();
    const fresh = generateSample({
      today: '2017-10-19',
      seed: 99,
      deals: 90,
      contacts: 0,
      companies: 0,
    }).deals;
    await env.db.deals.bulkPut([
      ...stored.map((d, i) =>
        i % 3 ? { ...d, team: '新组团' } : { ...d, agreedInvestment: (d.agreedInvestment ?? 0) + 10_000 },
      ),
      ...fresh,
    ]);
    await expectInStep(env.db, 'bulk put of stored and new deals');
    await importDeals(
      env,
      Array.from({ length: 240 }, (_, i) => `批量导入项目${i + 1}`),
    );
    await expectInStep(env.db, 'import of 240 deals');
    env.db.close();
  });

  it('give back the rows of the failed part of a bulk write when the caller caught its error', async () => {
    const env = setup();
    const data = generateSample({ today: '2017-10-19', deals: 30, contacts: 4, companies: 12 });
    await env.repos.sample.load(data);
    const stored = await env.db.deals.toArray();
    const companies = await env.db.companies.toArray();
    const fresh = generateSample({ today: '2017-10-19', seed: 5, deals: 5, contacts: 0, companies: 3 });
    await env.db.transaction('rw', env.db.deals, env.db.companies, async () => {
      // Adds of ids already stored fail; the new ones are written and the transaction commits.
      const deals = [
        ...stored.slice(0, 4).map((d) => ({ ...d, stage: 'cancelled' as const })),
        ...fresh.deals,
      ];
      await expect(env.db.deals.bulkAdd(deals)).rejects.toThrow();
      const more = [...companies.slice(0, 3).map((c) => ({ ...c, deletedAt: TODAY })), ...fresh.companies];
      await expect(env.db.companies.bulkAdd(more)).rejects.toThrow();
    });
    expect(await env.db.deals.count()).toBe(stored.length + fresh.deals.length);
    await expectInStep(env.db, 'after a caught bulk error');
    env.db.close();
  });

  it('leave no trace of a write whose transaction aborts', async () => {
    const env = setup();
    const before = await kept(env.db);
    const summaryBefore = await env.db.factSummary.toArray();
    await expect(
      env.db.transaction('rw', env.db.deals, async () => {
        await env.db.deals.put({
          id: 'x1',
          name: '中途失败',
          investor: '某公司',
          stage: 'signed',
          stageHistory: [],
          milestones: [],
          contactIds: [],
          createdAt: TODAY,
          updatedAt: TODAY,
          createdBy: '',
          updatedBy: '',
        });
        throw new Error('断电');
      }),
    ).rejects.toThrow('断电');
    expect(await kept(env.db)).toEqual(before);
    expect(await env.db.factSummary.toArray()).toEqual(summaryBefore);
  });
});
