import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates';
import {
  computeLight,
  computeLightSince,
  groupFollowUps,
  lastProgressDate,
  latestFollowUpDates,
} from '../../shared/domain/lights';
import { generateSample } from '../../shared/sample/generate';
import {
  editMilestones,
  milestoneOverdueDays,
  tickMilestone,
  untickMilestone,
} from '../../shared/domain/milestones';
import type { Deal, DealStage, Milestone, Problem } from '../../shared/domain/records';
import { DEFAULT_SETTINGS } from '../../shared/settings';

const T = DEFAULT_SETTINGS.lightThresholds;
const TODAY = '2017-10-20';
const ago = (days: number) => addDays(TODAY, -days);

/** A deal with fresh progress today unless the test says otherwise. */
function deal(over: Partial<Deal> & { stage?: DealStage } = {}) {
  return {
    stage: 'signed' as DealStage,
    stageHistory: [{ stage: 'signed' as DealStage, date: TODAY, by: '张三', at: `${TODAY}T09:00:00Z` }],
    milestones: [] as Milestone[],
    signedDate: TODAY,
    ...over,
  };
}
const planned = (name: string, daysAgo: number): Milestone => ({ name, plannedDate: ago(daysAgo) });

describe('milestone overdue thresholds (red >30 days, yellow 1..30)', () => {
  it.each([
    [0, 'green', ''],
    [1, 'yellow', '施工许可逾期1天'],
    [29, 'yellow', '施工许可逾期29天'],
    [30, 'yellow', '施工许可逾期30天'],
    [31, 'red', '施工许可逾期31天'],
    [45, 'red', '施工许可逾期45天'],
  ])('overdue %i days → %s', (days, light, reason) => {
    const r = computeLight(deal({ milestones: [planned('施工许可', days)] }), [], TODAY, T);
    expect(r.light).toBe(light);
    expect(r.computed).toBe(light);
    expect(r.reason).toBe(reason);
  });

  it('a planned date in the future or a ticked-off milestone is not overdue', () => {
    const r = computeLight(
      deal({ milestones: [planned('环评', -5), { ...planned('开工', 50), doneDate: ago(1) }] }),
      [],
      TODAY,
      T,
    );
    expect(r.light).toBe('green');
    expect(milestoneOverdueDays(planned('环评', -5), TODAY)).toBe(0);
    expect(milestoneOverdueDays(planned('环评', 12), TODAY)).toBe(12);
  });

  it('lists every reason, most severe first', () => {
    const r = computeLight(deal({ milestones: [planned('环评', 3), planned('用地落实', 40)] }), [], TODAY, T);
    expect(r.reasons).toEqual(['用地落实逾期40天', '环评逾期3天']);
    expect(r.reason).toBe('用地落实逾期40天；环评逾期3天');
  });
});

describe('signed and not started (red when signed more than 90 days ago)', () => {
  const history = (stage: DealStage) => [{ stage, date: TODAY, by: '', at: '' }];
  it.each([
    [89, 'green'],
    [90, 'green'],
    [91, 'red'],
  ])('signed %i days ago → %s', (days, light) => {
    const r = computeLight(deal({ signedDate: ago(days), stageHistory: history('signed') }), [], TODAY, T);
    expect(r.light).toBe(light);
    if (light === 'red') expect(r.reasons).toContain('签约91天未开工');
  });

  it('a started deal is not lit for it', () => {
    const r = computeLight(
      deal({ stage: 'started', signedDate: ago(200), stageHistory: history('started') }),
      [],
      TODAY,
      T,
    );
    expect(r.light).toBe('green');
  });
});

describe('no progress (yellow from 60 days, red from 90)', () => {
  const idle = (days: number) =>
    deal({ signedDate: undefined, stageHistory: [{ stage: 'signed', date: ago(days), by: '', at: '' }] });
  it.each([
    [59, 'green', ''],
    [60, 'yellow', '60天无进展'],
    [89, 'yellow', '89天无进展'],
    [90, 'red', '90天无进展'],
  ])('%i days without progress → %s', (days, light, reason) => {
    const r = computeLight(idle(days), [], TODAY, T);
    expect(r.light).toBe(light);
    expect(r.reason).toBe(reason);
    expect(r.lastProgress).toBe(ago(days));
  });

  it('a follow-up, a stage change or a ticked milestone counts as progress', () => {
    const base = idle(100);
    expect(computeLight(base, [{ date: ago(10) }], TODAY, T).light).toBe('green');
    expect(
      computeLight({ ...base, milestones: [{ name: '环评', doneDate: ago(5) }] }, [], TODAY, T).lastProgress,
    ).toBe(ago(5));
    expect(lastProgressDate(base, [{ date: ago(61) }, { date: ago(70) }])).toBe(ago(61));
    expect(computeLight(base, [{ date: ago(61) }], TODAY, T).light).toBe('yellow');
  });

  it('follows the thresholds in settings', () => {
    const strict = { ...T, yellowNoProgressDays: 30, redNoProgressDays: 45 };
    expect(computeLight(idle(30), [], TODAY, strict).light).toBe('yellow');
    expect(computeLight(idle(45), [], TODAY, strict).light).toBe('red');
  });
});

describe('overrides', () => {
  const override = {
    light: 'green' as const,
    reason: '已协调用地，下周开工',
    by: '王县长',
    at: '2017-10-19T08:00:00Z',
  };

  it('shows the override with its reason and keeps the computed light and reasons', () => {
    const r = computeLight(
      deal({ milestones: [planned('施工许可', 45)], lightOverride: override }),
      [],
      TODAY,
      T,
    );
    expect(r.light).toBe('green');
    expect(r.computed).toBe('red');
    expect(r.reasons).toEqual(['施工许可逾期45天']);
    expect(r.reason).toBe('人工调整为绿灯：已协调用地，下周开工');
    expect(r.override).toEqual(override);
  });

  it('can light a computed green deal red', () => {
    const r = computeLight(
      deal({ lightOverride: { ...override, light: 'red', reason: '投资方资金链断裂' } }),
      [],
      TODAY,
      T,
    );
    expect(r).toMatchObject({ light: 'red', computed: 'green', reason: '人工调整为红灯：投资方资金链断裂' });
  });

  it('cancelled and producing deals are green', () => {
    expect(
      computeLight(deal({ stage: 'cancelled', milestones: [planned('开工', 99)] }), [], TODAY, T).light,
    ).toBe('green');
    expect(computeLight(deal({ stage: 'producing', signedDate: ago(400) }), [], TODAY, T).light).toBe(
      'green',
    );
  });
});

describe('milestone edits', () => {
  const list: Milestone[] = [
    { name: '签约', doneDate: '2017-10-12', doneBy: '张三', doneAt: 'x' },
    { name: '注册' },
  ];

  it('ticks off with who and when, refuses a second tick and a future date, and unticks', () => {
    const t = tickMilestone(list, '注册', '2017-10-18', '李四', '2017-10-20T01:00:00Z', TODAY);
    expect(t.ok && t.value[1]).toEqual({
      name: '注册',
      doneDate: '2017-10-18',
      doneBy: '李四',
      doneAt: '2017-10-20T01:00:00Z',
    });
    expect(tickMilestone(list, '签约', TODAY, '李四', 'x', TODAY)).toEqual({
      ok: false,
      error: '「签约」已于2017-10-12销号',
    });
    expect(tickMilestone(list, '注册', '2017-10-21', '李四', 'x', TODAY).ok).toBe(false);
    expect(tickMilestone(list, '开工', TODAY, '李四', 'x', TODAY)).toEqual({
      ok: false,
      error: '找不到销号节点「开工」',
    });
    const u = untickMilestone(list, '签约');
    expect(u.ok && u.value[0]).toEqual({ name: '签约' });
    expect(untickMilestone(list, '注册').ok).toBe(false);
  });

  it('edits names and dates, keeps ticks by name, refuses blanks, duplicates and bad dates', () => {
    const e = editMilestones(list, [
      { name: ' 签约 ' },
      { name: '工商注册', plannedDate: '2017-11-01' },
      { name: '开工' },
    ]);
    expect(e.ok && e.value).toEqual([
      list[0],
      { name: '工商注册', plannedDate: '2017-11-01' },
      { name: '开工' },
    ]);
    expect(editMilestones(list, [{ name: '' }])).toEqual({ ok: false, error: '第1个节点名称不能为空' });
    expect(editMilestones(list, [{ name: '环评' }, { name: '环评' }])).toEqual({
      ok: false,
      error: '节点名称重复：环评',
    });
    expect(editMilestones(list, [{ name: '环评', plannedDate: '2017-02-30' }]).ok).toBe(false);
  });
});

it('groups follow-ups by record, leaving out deleted ones and other kinds', () => {
  const f = (targetKind: 'deal' | 'contact', targetId: string, deletedAt?: string) => ({
    targetKind,
    targetId,
    deletedAt,
  });
  const g = groupFollowUps([f('deal', 'a'), f('deal', 'a'), f('deal', 'b', 'x'), f('contact', 'a')], 'deal');
  expect([...g.keys()]).toEqual(['a']);
  expect(g.get('a')).toHaveLength(2);
});

it('keeps the newest follow-up date per record, leaving out deleted ones, other kinds and blank dates', () => {
  const f = (targetKind: 'deal' | 'contact', targetId: string, date: string, deletedAt?: string) => ({
    targetKind,
    targetId,
    date,
    deletedAt,
  });
  const m = latestFollowUpDates(
    [
      f('deal', 'a', '2017-03-01'),
      f('deal', 'a', '2017-05-02'),
      f('deal', 'a', '2017-09-09', 'x'),
      f('deal', 'b', ''),
      f('contact', 'c', '2017-01-01'),
      f('deal', 'a', '2017-04-30'),
    ],
    'deal',
  );
  expect([...m]).toEqual([['a', '2017-05-02']]);
});

it('gives the same light from the newest follow-up date as from all follow-ups, for every sample deal', () => {
  const data = generateSample({ today: TODAY, deals: 300, contacts: 0, companies: 0 });
  const latest = latestFollowUpDates(data.followUps, 'deal');
  const grouped = groupFollowUps(data.followUps, 'deal');
  for (const d of data.deals) {
    expect(computeLightSince(d, latest.get(d.id), TODAY, T)).toEqual(
      computeLight(d, grouped.get(d.id) ?? [], TODAY, T),
    );
  }
});

describe('problem-driven lights (an open problem past its deadline: yellow 1..30 days, red beyond)', () => {
  const problem = (daysLate: number, over: Partial<Problem> = {}) => ({
    status: 'open' as const,
    deadline: ago(daysLate),
    description: '用地指标未落实，需县自然资源局协调',
    unit: '县自然资源局',
    ...over,
  });
  it.each([
    [0, 'green', ''],
    [1, 'yellow', '问题逾期1天：用地指标未落实，需县自然资源局协调（县自然资源局）'],
    [30, 'yellow', '问题逾期30天：用地指标未落实，需县自然资源局协调（县自然资源局）'],
    [31, 'red', '问题逾期31天：用地指标未落实，需县自然资源局协调（县自然资源局）'],
  ])('%i days past the deadline → %s', (days, light, reason) => {
    const r = computeLightSince(deal(), TODAY, TODAY, T, [problem(days)]);
    expect(r.light).toBe(light);
    expect(r.reason).toBe(reason);
  });

  it('a resolved, deleted or undated problem does not light; 协调中 still does', () => {
    for (const p of [
      problem(40, { status: 'resolved' }),
      problem(40, { deletedAt: '2017-10-01T00:00:00Z' }),
      problem(40, { deadline: undefined }),
    ])
      expect(computeLightSince(deal(), TODAY, TODAY, T, [p]).light).toBe('green');
    expect(computeLightSince(deal(), TODAY, TODAY, T, [problem(5, { status: 'coordinating' })]).light).toBe(
      'yellow',
    );
  });

  it('follows the red threshold of the settings and lists the latest problem first', () => {
    const strict = { ...T, redOverdueDays: 7 };
    const r = computeLightSince(deal(), TODAY, TODAY, strict, [
      problem(3, { description: '环评批复未下达', unit: '市生态环境局' }),
      problem(8, { description: '施工用电未接通', unit: '县供电公司' }),
    ]);
    expect(r.light).toBe('red');
    expect(r.reasons).toEqual([
      '问题逾期8天：施工用电未接通（县供电公司）',
      '问题逾期3天：环评批复未下达（市生态环境局）',
    ]);
  });

  it('a long description is cut in the reason', () => {
    const r = computeLightSince(deal(), TODAY, TODAY, T, [
      problem(2, { description: '甲'.repeat(40), unit: undefined }),
    ]);
    expect(r.reason).toBe(`问题逾期2天：${'甲'.repeat(30)}…`);
  });
});
