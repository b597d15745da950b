/**
 * Traffic lights (三色灯, SPEC §3.2), computed from a deal, its milestones,
 * its stage history and its follow-ups. Thresholds come from settings.
 *
 * Day counts are whole days between ISO dates:
 * - a milestone overdue by more than `redOverdueDays` (31+ by default) is red,
 *   overdue by 1..redOverdueDays is yellow;
 * - signed more than `redSignedNotStartedDays` ago (91+) and not started is red;
 * - `redNoProgressDays` (90) or more days without progress is red,
 *   `yellowNoProgressDays` (60) or more is yellow.
 * - an open problem (问题台账) past its deadline by more than `redOverdueDays`
 *   is red, by 1..redOverdueDays yellow, with the problem as the reason.
 * Progress is a follow-up, a stage change or a milestone ticked off; a deal
 * with none counts from the day it entered the ledger (its first stage date).
 */
import type { LightThresholds } from '../settings';
import { addDays, daysBetween } from './dates';
import { problemOverdueDays, problemReason, type ProblemForLight } from './problems';
import type { Deal, FollowUp, Light, LightOverride, Milestone, StageChange } from './records';

export const LIGHT_LABELS: Record<Light, string> = { red: '红灯', yellow: '黄灯', green: '绿灯' };
export const LIGHTS: readonly Light[] = ['red', 'yellow', 'green'];
/** For sorting: the more urgent light first. */
export const LIGHT_SEVERITY: Record<Light, number> = { red: 2, yellow: 1, green: 0 };
export const MAX_OVERRIDE_REASON = 200;

/** Follow-ups of one kind of record grouped by the record's id. */
export function groupFollowUps<F extends Pick<FollowUp, 'targetKind' | 'targetId' | 'deletedAt'>>(
  followUps: readonly F[],
  kind: FollowUp['targetKind'],
): Map<string, F[]> {
  const map = new Map<string, F[]>();
  for (const f of followUps) {
    if (f.deletedAt || f.targetKind !== kind) continue;
    const list = map.get(f.targetId);
    if (list) list.push(f);
    else map.set(f.targetId, [f]);
  }
  return map;
}

export interface LightResult {
  /** The light shown: the override's when there is one. */
  light: Light;
  /** The light the rules give. */
  computed: Light;
  /** Why, most severe first; empty for a plain green. */
  reasons: string[];
  /** One line for lists and exports. */
  reason: string;
  override?: LightOverride;
  /** Date of the newest progress (follow-up, stage change or milestone). */
  lastProgress?: string;
}

/** What the light reads of a deal: a full deal, or its derived row (shared/domain/derived.ts). */
export type DealForLight = Pick<Deal, 'stage' | 'signedDate' | 'lightOverride'> & {
  stageHistory: readonly Pick<StageChange, 'date'>[];
  milestones: readonly Pick<Milestone, 'name' | 'plannedDate' | 'doneDate'>[];
};

const NOT_STARTED = new Set(['negotiating', 'signed', 'registered', 'on_hold']);

/**
 * The newest follow-up date of each record of one kind. A list or the
 * overview needs only this of the follow-ups, not the follow-ups themselves.
 */
export function latestFollowUpDates(
  followUps: readonly Pick<FollowUp, 'targetKind' | 'targetId' | 'deletedAt' | 'date'>[],
  kind: FollowUp['targetKind'],
): Map<string, string> {
  const map = new Map<string, string>();
  for (const f of followUps) {
    if (f.deletedAt || f.targetKind !== kind || !f.date) continue;
    const seen = map.get(f.targetId);
    if (seen === undefined || f.date > seen) map.set(f.targetId, f.date);
  }
  return map;
}

function newestFollowUp(followUps: readonly Pick<FollowUp, 'date'>[]): string | undefined {
  let best: string | undefined;
  for (const f of followUps) if (f.date && (best === undefined || f.date > best)) best = f.date;
  return best;
}

/** The newest of the newest follow-up, stage change and ticked-off milestone; undefined when there is none. */
export function progressSince(deal: DealForLight, lastFollowUp: string | undefined): string | undefined {
  let best = lastFollowUp || undefined;
  for (const h of deal.stageHistory) if (h.date && (best === undefined || h.date > best)) best = h.date;
  for (const m of deal.milestones)
    if (m.doneDate && (best === undefined || m.doneDate > best)) best = m.doneDate;
  return best;
}

/** The newest progress date of a deal, or undefined when it has none at all. */
export function lastProgressDate(
  deal: DealForLight,
  followUps: readonly Pick<FollowUp, 'date'>[],
): string | undefined {
  return progressSince(deal, newestFollowUp(followUps));
}

export function computeLight(
  deal: DealForLight,
  followUps: readonly Pick<FollowUp, 'date'>[],
  today: string,
  t: LightThresholds,
  problems?: readonly ProblemForLight[],
): LightResult {
  return computeLightSince(deal, newestFollowUp(followUps), today, t, problems);
}

/**
 * The thresholds as cut-off dates for one day: ISO dates compare as strings,
 * so most deals are judged without counting days; days are counted only for
 * the reasons shown.
 */
interface Cutoffs {
  today: string;
  t: LightThresholds;
  /** Signed before this day: more than redSignedNotStartedDays ago. */
  signedRed: string;
  /** Last progress on or before these days: idle for the red / yellow number of days or more. */
  idleRed: string;
  idleYellow: string;
}

let lastCutoffs: Cutoffs | undefined;

function cutoffsFor(today: string, t: LightThresholds): Cutoffs {
  if (lastCutoffs && lastCutoffs.today === today && lastCutoffs.t === t) return lastCutoffs;
  lastCutoffs = {
    today,
    t,
    signedRed: addDays(today, -t.redSignedNotStartedDays),
    idleRed: addDays(today, -t.redNoProgressDays),
    idleYellow: addDays(today, -t.yellowNoProgressDays),
  };
  return lastCutoffs;
}

/**
 * The light from the deal and the date of its newest follow-up (from
 * `latestFollowUpDates`): what lists and the overview use, so they never
 * hold every follow-up of every deal.
 */
export function computeLightSince(
  deal: DealForLight,
  lastFollowUp: string | undefined,
  today: string,
  t: LightThresholds,
  problems?: readonly ProblemForLight[],
): LightResult {
  const lastProgress = progressSince(deal, lastFollowUp);

  if (deal.stage === 'cancelled' || deal.stage === 'producing') {
    const reason = deal.stage === 'cancelled' ? '已终止，不再亮灯' : '已投产';
    return withOverride(deal, { light: 'green', computed: 'green', reasons: [reason], reason, lastProgress });
  }

  const c = cutoffsFor(today, t);
  let red: string[] | undefined;
  let yellow: string[] | undefined;
  let overdue: { name: string; days: number }[] | undefined;
  for (const m of deal.milestones) {
    // Planned before today and not done: overdue by one day or more.
    if (!m.plannedDate || m.doneDate || !(m.plannedDate < today)) continue;
    const days = daysBetween(m.plannedDate, today);
    if (days >= 1) (overdue ??= []).push({ name: m.name, days });
  }
  if (overdue) {
    overdue.sort((a, b) => b.days - a.days);
    for (const m of overdue) {
      const text = `${m.name}逾期${m.days}天`;
      if (m.days > t.redOverdueDays) (red ??= []).push(text);
      else (yellow ??= []).push(text);
    }
  }

  if (problems) {
    const late = problems
      .map((p) => ({ p, days: problemOverdueDays(p, today) }))
      .filter((x) => x.days > 0)
      .sort((a, b) => b.days - a.days);
    for (const { p, days } of late) {
      if (days > t.redOverdueDays) (red ??= []).push(problemReason(p, days));
      else (yellow ??= []).push(problemReason(p, days));
    }
  }

  if (deal.signedDate && deal.signedDate < c.signedRed && NOT_STARTED.has(deal.stage)) {
    (red ??= []).push(`签约${daysBetween(deal.signedDate, today)}天未开工`);
  }

  if (lastProgress && (lastProgress <= c.idleYellow || lastProgress <= c.idleRed)) {
    const idle = daysBetween(lastProgress, today);
    if (lastProgress <= c.idleRed) (red ??= []).push(`${idle}天无进展`);
    else (yellow ??= []).push(`${idle}天无进展`);
  }

  if (!red && !yellow)
    return withOverride(deal, { light: 'green', computed: 'green', reasons: [], reason: '', lastProgress });
  const computed: Light = red ? 'red' : 'yellow';
  const reasons = red && yellow ? red.concat(yellow) : (red ?? yellow)!;
  return withOverride(deal, { light: computed, computed, reasons, reason: reasons.join('；'), lastProgress });
}

/**
 * The light alone, without its reasons: what counting every deal of a
 * 50,000-deal ledger needs, and what the overview asks before it builds the
 * reasons of the lit deals only. The same rules with the same comparisons as
 * computeLightSince, so `lightOf(...) === computeLightSince(...).light` for
 * any deal, day and thresholds (a test holds them equal), but it stops at the
 * first red rule and allocates nothing.
 */
export function lightOf(
  deal: DealForLight,
  lastFollowUp: string | undefined,
  today: string,
  t: LightThresholds,
  problems?: readonly ProblemForLight[],
): Light {
  if (deal.lightOverride) return deal.lightOverride.light;
  if (deal.stage === 'cancelled' || deal.stage === 'producing') return 'green';
  let yellow = false;
  for (const m of deal.milestones) {
    if (!m.plannedDate || m.doneDate || !(m.plannedDate < today)) continue;
    const days = daysBetween(m.plannedDate, today);
    if (!(days >= 1)) continue;
    if (days > t.redOverdueDays) return 'red';
    yellow = true;
  }
  if (problems)
    for (const p of problems) {
      const days = problemOverdueDays(p, today);
      if (!(days > 0)) continue;
      if (days > t.redOverdueDays) return 'red';
      yellow = true;
    }
  const c = cutoffsFor(today, t);
  if (deal.signedDate && deal.signedDate < c.signedRed && NOT_STARTED.has(deal.stage)) return 'red';
  const lastProgress = progressSince(deal, lastFollowUp);
  if (lastProgress && lastProgress <= c.idleRed) return 'red';
  if (yellow || (lastProgress && lastProgress <= c.idleYellow)) return 'yellow';
  return 'green';
}

function withOverride(deal: DealForLight, result: LightResult): LightResult {
  const o = deal.lightOverride;
  if (!o) return result;
  return {
    ...result,
    light: o.light,
    override: o,
    reason: `人工调整为${LIGHT_LABELS[o.light]}：${o.reason}`,
  };
}
