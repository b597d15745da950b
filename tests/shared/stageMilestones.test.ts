import { describe, expect, it } from 'vitest';
import type { DealStage, Milestone, StageChange } from '../../shared/domain/records';
import {
  milestonesAfterStageChange,
  stageAfterTick,
  stageChangeNote,
  stageOfMilestone,
  tickNote,
  STAGE_MILESTONES,
} from '../../shared/domain/stageMilestones';
import { DEFAULT_MILESTONES } from '../../shared/settings';

const AT = '2017-11-02T09:30:00.000Z';
const list = (): Milestone[] => [
  { name: '签约', plannedDate: '2017-10-12', doneDate: '2017-10-12', doneBy: '张三', doneAt: AT },
  { name: '注册', plannedDate: '2017-11-30' },
  { name: '环评' },
  { name: '开工', plannedDate: '2018-03-01' },
  { name: '竣工投产' },
];
const history = (...c: [DealStage, string][]): StageChange[] =>
  c.map(([stage, date]) => ({ stage, date, by: '张三', at: AT }));

describe('stage → milestone: moving a deal ticks the stage’s own milestone with the stage date', () => {
  it('已注册 ticks 注册 on the stage date, keeping its planned date', () => {
    const r = milestonesAfterStageChange(list(), 'registered', '2017-11-02', '李四', AT);
    expect(r.ticked).toBe('注册');
    expect(r.milestones[1]).toEqual({
      name: '注册',
      plannedDate: '2017-11-30',
      doneDate: '2017-11-02',
      doneBy: '李四',
      doneAt: AT,
    });
    expect(r.milestones.filter((m) => m.doneDate).map((m) => m.name)).toEqual(['签约', '注册']);
  });

  it('skipping to 已开工 ticks 开工 only: the skipped 注册 gets no invented date', () => {
    const r = milestonesAfterStageChange(list(), 'started', '2018-02-20', '李四', AT);
    expect(r.ticked).toBe('开工');
    expect(r.milestones.find((m) => m.name === '注册')!.doneDate).toBeUndefined();
    expect(r.milestones.find((m) => m.name === '开工')!.doneDate).toBe('2018-02-20');
  });

  it('已投产 ticks 竣工投产', () => {
    expect(milestonesAfterStageChange(list(), 'producing', '2018-09-01', '李四', AT).ticked).toBe('竣工投产');
  });

  it('an already ticked milestone keeps its own date and who ticked it', () => {
    const before = list();
    before[1] = { ...before[1]!, doneDate: '2017-10-30', doneBy: '王五', doneAt: AT };
    const r = milestonesAfterStageChange(before, 'registered', '2017-11-02', '李四', AT);
    expect(r.ticked).toBeUndefined();
    expect(r.milestones).toBe(before);
  });

  it('暂缓, 已终止 and a deal whose list has no such milestone change nothing', () => {
    const l = list();
    expect(milestonesAfterStageChange(l, 'on_hold', '2017-11-02', '李四', AT).milestones).toBe(l);
    expect(milestonesAfterStageChange(l, 'cancelled', '2017-11-02', '李四', AT).milestones).toBe(l);
    const custom = [{ name: '厂房交付' }];
    expect(milestonesAfterStageChange(custom, 'registered', '2017-11-02', '李四', AT)).toEqual({
      milestones: custom,
    });
  });
});

describe('milestone → stage: ticking a milestone that stands for a later stage moves the deal there', () => {
  const signed = { stage: 'signed' as DealStage, stageHistory: history(['signed', '2017-10-12']) };

  it('ticking 注册 or 开工 moves a signed deal forward', () => {
    expect(stageAfterTick(signed, '注册', '2017-11-02')).toBe('registered');
    expect(stageAfterTick(signed, '开工', '2018-02-20')).toBe('started');
    expect(stageAfterTick({ stage: 'negotiating', stageHistory: [] }, '签约', '2017-10-12')).toBe('signed');
  });

  it('never moves back: ticking 注册 on a deal already 已开工 leaves it', () => {
    const started = {
      stage: 'started' as DealStage,
      stageHistory: history(['signed', '2017-10-12'], ['started', '2018-02-20']),
    };
    expect(stageAfterTick(started, '注册', '2018-01-05')).toBeUndefined();
    expect(stageAfterTick(started, '开工', '2018-02-20')).toBeUndefined();
  });

  it('a tick dated before the last stage change does not rewrite the stage history', () => {
    const registered = {
      stage: 'registered' as DealStage,
      stageHistory: history(['signed', '2017-10-12'], ['registered', '2017-11-02']),
    };
    expect(stageAfterTick(registered, '开工', '2017-11-01')).toBeUndefined();
    expect(stageAfterTick(registered, '开工', '2017-11-02')).toBe('started');
  });

  it('a paused or ended deal keeps its stage; other milestones move nothing', () => {
    const paused = { stage: 'on_hold' as DealStage, stageHistory: history(['on_hold', '2017-10-20']) };
    expect(stageAfterTick(paused, '开工', '2018-02-20')).toBeUndefined();
    const ended = { stage: 'cancelled' as DealStage, stageHistory: history(['cancelled', '2017-10-20']) };
    expect(stageAfterTick(ended, '注册', '2018-02-20')).toBeUndefined();
    expect(stageAfterTick(signed, '环评', '2018-02-20')).toBeUndefined();
    expect(stageAfterTick(signed, '立项备案', '2018-02-20')).toBeUndefined();
  });

  it('every linked milestone is in the default template, and maps back to its stage', () => {
    for (const [stage, name] of Object.entries(STAGE_MILESTONES)) {
      expect(DEFAULT_MILESTONES).toContain(name);
      expect(stageOfMilestone(name!)).toBe(stage);
    }
  });
});

describe('the dialogs say what else will happen before it is confirmed', () => {
  it('the stage dialog names the milestone it will tick; the tick dialog names the stage', () => {
    expect(stageChangeNote(list(), 'registered')).toBe('「注册」节点将同时销号，完成日期同上');
    expect(stageChangeNote(list(), 'signed')).toBeUndefined(); // 签约 is ticked already
    expect(stageChangeNote(list(), 'on_hold')).toBeUndefined();
    const deal = { stage: 'signed' as DealStage, stageHistory: history(['signed', '2017-10-12']) };
    expect(tickNote(deal, '开工', '2018-02-20')).toBe('阶段将同时改为「已开工」，日期同上');
    expect(tickNote(deal, '环评', '2018-02-20')).toBeUndefined();
  });
});
