/**
 * How a deal's stage (阶段) and its milestones (销号节点) keep each other
 * honest. Four stages of the main path answer the same question as one
 * milestone each: 已签约 ↔ 签约, 已注册 ↔ 注册, 已开工 ↔ 开工,
 * 已投产 ↔ 竣工投产. The rule, applied by the repository in the same write:
 *
 * - Moving the deal to one of these stages ticks off (销号) its milestone
 *   with the stage's date, if the deal has that milestone and it is not
 *   ticked yet. Milestones of stages that were skipped stay as they are:
 *   the office did not say when they happened, and a date is not invented.
 * - Ticking one of these milestones moves the deal forward to its stage on
 *   the tick's date, when that stage is later on the main path than the
 *   current one and the date is not before the last stage change (a stage
 *   history runs forward in time). A paused (暂缓) or ended (已终止) deal
 *   keeps its stage: resuming is the office's decision, not a tick's.
 * - Taking a tick back (撤销销号) does not move the stage back: a stage only
 *   moves forward, and an untick corrects a mistaken tick, not the stage.
 *
 * Milestone lists are edited per deal, so a deal without (say) a 注册
 * milestone simply has nothing to tick. Pure: the caller records who and when.
 */
import type { DealStage, Milestone, StageChange } from './records';
import { DEAL_MAIN_PATH, DEAL_STAGE_LABELS } from './stages';

/** The milestone that answers the same question as each stage, where one does. */
export const STAGE_MILESTONES: Partial<Record<DealStage, string>> = {
  signed: '签约',
  registered: '注册',
  started: '开工',
  producing: '竣工投产',
};

/** The stage a milestone stands for, if any. */
export function stageOfMilestone(name: string): DealStage | undefined {
  return (Object.keys(STAGE_MILESTONES) as DealStage[]).find((s) => STAGE_MILESTONES[s] === name);
}

/**
 * The milestones after the deal moved to `stage` on `date`: the stage's
 * milestone ticked with that date, or the list unchanged (same array) when
 * there is none to tick.
 */
export function milestonesAfterStageChange(
  milestones: readonly Milestone[],
  stage: DealStage,
  date: string,
  by: string,
  at: string,
): { milestones: readonly Milestone[]; ticked?: string } {
  const name = STAGE_MILESTONES[stage];
  const i = name === undefined ? -1 : milestones.findIndex((m) => m.name === name);
  if (i < 0 || milestones[i]!.doneDate) return { milestones };
  const next = [...milestones];
  next[i] = { ...milestones[i]!, doneDate: date, doneBy: by, doneAt: at };
  return { milestones: next, ticked: name };
}

/**
 * The stage the deal moves to because milestone `name` was ticked on `date`,
 * or undefined when it stays where it is (see the rule above).
 */
export function stageAfterTick(
  deal: { stage: DealStage; stageHistory: readonly StageChange[] },
  name: string,
  date: string,
): DealStage | undefined {
  const to = stageOfMilestone(name);
  if (to === undefined) return undefined;
  const from = DEAL_MAIN_PATH.indexOf(deal.stage);
  if (from < 0 || DEAL_MAIN_PATH.indexOf(to) <= from) return undefined;
  if (deal.stageHistory.some((c) => c.date > date)) return undefined;
  return to;
}

/** What the stage dialog tells the user will happen too, before they confirm (undefined: nothing else). */
export function stageChangeNote(milestones: readonly Milestone[], to: DealStage): string | undefined {
  const name = STAGE_MILESTONES[to];
  const m = name === undefined ? undefined : milestones.find((x) => x.name === name);
  return m && !m.doneDate ? `「${name}」节点将同时销号，完成日期同上` : undefined;
}

/** What the tick dialog tells the user will happen too, before they confirm (undefined: nothing else). */
export function tickNote(
  deal: { stage: DealStage; stageHistory: readonly StageChange[] },
  name: string,
  date: string,
): string | undefined {
  const to = stageAfterTick(deal, name, date);
  return to ? `阶段将同时改为「${DEAL_STAGE_LABELS[to]}」，日期同上` : undefined;
}
