/**
 * Milestones (销号节点, SPEC §3.1): editing a deal's list and ticking one off.
 * Pure functions returning a new list or a Chinese error, so the repository
 * can refuse bad input before writing anything.
 */
import { daysBetween, isIsoDate } from './dates';
import { err, ok, type Result } from './result';
import type { Milestone } from './records';

export const MAX_MILESTONE_NAME = 30;
export const MAX_MILESTONES = 50;

/** Days a milestone is past its planned date today (0 when done, not planned or not yet due). */
export function milestoneOverdueDays(m: Milestone, today: string): number {
  if (!m.plannedDate || m.doneDate) return 0;
  return Math.max(0, daysBetween(m.plannedDate, today));
}

/**
 * Checks an edited list (names, order, planned dates). Ticked-off state is
 * kept from `previous` by name, so an edit never forges who ticked what.
 */
export function editMilestones(
  previous: readonly Milestone[],
  edited: readonly { name: unknown; plannedDate?: unknown }[],
): Result<Milestone[]> {
  if (!Array.isArray(edited)) return err('销号节点格式不正确');
  if (edited.length > MAX_MILESTONES) return err(`销号节点不能超过${MAX_MILESTONES}个`);
  const seen = new Set<string>();
  const done = new Map(previous.filter((m) => m.doneDate).map((m) => [m.name, m]));
  const out: Milestone[] = [];
  for (const [i, e] of edited.entries()) {
    const name = typeof e.name === 'string' ? e.name.trim() : '';
    if (!name) return err(`第${i + 1}个节点名称不能为空`);
    if (name.length > MAX_MILESTONE_NAME) return err(`节点名称不能超过${MAX_MILESTONE_NAME}个字：${name}`);
    if (seen.has(name)) return err(`节点名称重复：${name}`);
    seen.add(name);
    const planned =
      e.plannedDate === undefined || e.plannedDate === null || e.plannedDate === ''
        ? undefined
        : e.plannedDate;
    if (planned !== undefined && !isIsoDate(planned)) return err(`「${name}」的计划日期无效`);
    const m: Milestone = { ...done.get(name), name };
    if (planned) m.plannedDate = planned;
    else delete m.plannedDate;
    out.push(m);
  }
  return ok(out);
}

function find(list: readonly Milestone[], name: string): Result<number> {
  const i = list.findIndex((m) => m.name === name);
  return i < 0 ? err(`找不到销号节点「${name}」`) : ok(i);
}

/** Ticks a milestone off (销号) on `date`, recording who and when. */
export function tickMilestone(
  list: readonly Milestone[],
  name: string,
  date: string,
  by: string,
  at: string,
  today: string,
): Result<Milestone[]> {
  const i = find(list, name);
  if (!i.ok) return i;
  if (!isIsoDate(date)) return err('完成日期无效');
  if (date > today) return err('完成日期不能晚于今天');
  const m = list[i.value]!;
  if (m.doneDate) return err(`「${name}」已于${m.doneDate}销号`);
  const next = [...list];
  next[i.value] = { ...m, doneDate: date, doneBy: by, doneAt: at };
  return ok(next);
}

/** Takes a tick back (e.g. ticked by mistake); the change log keeps the old tick. */
export function untickMilestone(list: readonly Milestone[], name: string): Result<Milestone[]> {
  const i = find(list, name);
  if (!i.ok) return i;
  const m = list[i.value]!;
  if (!m.doneDate) return err(`「${name}」尚未销号`);
  const { doneDate: _d, doneBy: _b, doneAt: _a, ...rest } = m;
  const next = [...list];
  next[i.value] = rest;
  return ok(next);
}
