/**
 * The start summary's light index (shared/domain/summary.ts) gives each deal
 * the light the rules give it (computeLightSince), on every day around the
 * cut-offs and under any thresholds: the day a deal turns yellow or red is
 * where an index kept as "days the rules start from" would go wrong.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates';
import { rebuildFacts } from '../../shared/domain/derived';
import { computeLightSince } from '../../shared/domain/lights';
import { DEAL_STAGES, type Deal, type FollowUp, type Problem } from '../../shared/domain/records';
import { bucketOf, buildSummary, figuresFromSummary, SUMMARY_BUCKETS } from '../../shared/domain/summary';
import { lastActivityOf } from '../../shared/domain/derived';

const BASE = '2027-12-20';
const base = { createdAt: BASE, updatedAt: BASE, createdBy: '', updatedBy: '' };
const dayArb = fc.integer({ min: -60, max: 20 }).map((n) => addDays(BASE, n));

const dealArb = fc.record({
  stage: fc.constantFrom(...DEAL_STAGES),
  signed: fc.option(dayArb, { nil: undefined }),
  stageDays: fc.array(dayArb, { maxLength: 2 }),
  planned: fc.array(fc.record({ day: dayArb, done: fc.option(dayArb, { nil: undefined }) }), {
    maxLength: 3,
  }),
  followUp: fc.option(dayArb, { nil: undefined }),
  deadlines: fc.array(fc.record({ day: fc.option(dayArb, { nil: undefined }), resolved: fc.boolean() }), {
    maxLength: 2,
  }),
  // Mostly none: an override hides what the rules give.
  override: fc.constantFrom(
    undefined,
    undefined,
    undefined,
    undefined,
    'red',
    'yellow',
    'green',
  ) as fc.Arbitrary<'red' | 'yellow' | 'green' | undefined>,
});

const thresholdsArb = fc.record({
  yellowNoProgressDays: fc.integer({ min: 1, max: 30 }),
  redNoProgressDays: fc.integer({ min: 1, max: 60 }),
  redOverdueDays: fc.integer({ min: 1, max: 15 }),
  redSignedNotStartedDays: fc.integer({ min: 1, max: 60 }),
});

describe('start summary light index', () => {
  it('lights each deal as the rules do, on any day and under any thresholds', () => {
    fc.assert(
      fc.property(dealArb, thresholdsArb, fc.integer({ min: -5, max: 60 }), (g, t, offset) => {
        const deal: Deal = {
          ...base,
          id: 'd1',
          name: '测试项目',
          investor: '某某鞋业有限公司',
          stage: g.stage,
          signedDate: g.signed,
          stageHistory: g.stageDays.map((date) => ({ stage: g.stage, date, by: '', at: BASE })),
          milestones: g.planned.map((m, i) => ({ name: `节点${i}`, plannedDate: m.day, doneDate: m.done })),
          contactIds: [],
          lightOverride: g.override && { light: g.override, reason: '领导要求', by: '', at: BASE },
        };
        const followUps: FollowUp[] = g.followUp
          ? [
              {
                ...base,
                id: 'f1',
                targetKind: 'deal',
                targetId: 'd1',
                date: g.followUp,
                kind: 'call' as FollowUp['kind'],
                summary: '电话联系，对方确认下周来考察',
                by: '张科长',
              },
            ]
          : [];
        const problems: Problem[] = g.deadlines.map((p, i) => ({
          ...base,
          id: `p${i}`,
          dealId: 'd1',
          raisedDate: BASE,
          description: '用地指标未落实',
          kind: 'land' as Problem['kind'],
          deadline: p.day,
          status: p.resolved ? 'resolved' : 'open',
        })) as Problem[];
        const facts = rebuildFacts({ deals: [deal], companies: [], followUps, problems, fundReports: [] });
        const row = facts.deals[0]!;
        const today = addDays(BASE, offset);
        const expected = computeLightSince(row.deal!, lastActivityOf(row), today, t, row.openProblems);
        const got = figuresFromSummary(buildSummary(facts), {}, today, t).lights;
        const want =
          g.stage === 'cancelled'
            ? { red: 0, yellow: 0, green: 0 }
            : { red: 0, yellow: 0, green: 0, [expected.light]: 1 };
        expect(got).toEqual(want);
      }),
      { seed: 20271220, numRuns: 5000 },
    );
  });

  it('spreads ids over every bucket', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(bucketOf(`deal-${i}-签约`));
    expect(seen.size).toBe(SUMMARY_BUCKETS);
  });
});
