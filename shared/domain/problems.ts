/**
 * The problem ledger (问题台账, SPEC §10): what holds a deal up, who must
 * unblock it and by when. An open problem past its deadline lights the deal
 * (see lights.ts); the list across deals filters on status, responsible
 * unit, kind and overdue.
 */
import { daysBetween } from './dates';
import type { Problem, ProblemKind, ProblemStatus } from './records';
import { compareZh } from './text';

export type ProblemForLight = Pick<Problem, 'status' | 'deadline' | 'description' | 'unit' | 'deletedAt'>;

export const NO_UNIT_LABEL = '未明确责任单位';

export function isOpen(p: Pick<Problem, 'status' | 'deletedAt'>): boolean {
  return !p.deletedAt && p.status !== 'resolved';
}

/** Days an open problem is past its deadline (0 when it is not overdue, resolved or has no deadline). */
export function problemOverdueDays(p: ProblemForLight, today: string): number {
  if (!isOpen(p) || !p.deadline || !(p.deadline < today)) return 0;
  return Math.max(0, daysBetween(p.deadline, today));
}

export interface ProblemFilter {
  status?: ProblemStatus | 'unresolved';
  unit?: string;
  kind?: ProblemKind;
  overdue?: boolean;
}

export function matchesProblem(p: Problem, f: ProblemFilter, today: string): boolean {
  if (p.deletedAt) return false;
  if (f.status === 'unresolved' ? p.status === 'resolved' : f.status && p.status !== f.status) return false;
  if (f.unit && (p.unit ?? '') !== f.unit) return false;
  if (f.kind && p.kind !== f.kind) return false;
  if (f.overdue !== undefined && problemOverdueDays(p, today) > 0 !== f.overdue) return false;
  return true;
}

/** The most urgent first: overdue longest, then the nearest deadline, then the oldest raised. */
export function byUrgency(today: string) {
  return (a: Problem, b: Problem): number =>
    problemOverdueDays(b, today) - problemOverdueDays(a, today) ||
    Number(a.status === 'resolved') - Number(b.status === 'resolved') ||
    (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') ||
    a.raisedDate.localeCompare(b.raisedDate) ||
    compareZh(a.description, b.description);
}

/** Open problems grouped by responsible unit, units in Chinese order, problems most urgent first. */
export function openProblemsByUnit(problems: readonly Problem[], today: string): [string, Problem[]][] {
  const map = new Map<string, Problem[]>();
  for (const p of problems) {
    if (!isOpen(p)) continue;
    const unit = p.unit || NO_UNIT_LABEL;
    const list = map.get(unit);
    if (list) list.push(p);
    else map.set(unit, [p]);
  }
  const order = byUrgency(today);
  return [...map.entries()]
    .sort(([a], [b]) => compareZh(a, b))
    .map(([unit, list]) => [unit, list.sort(order)]);
}

/** Open problems by deal id, for lights. */
export function openProblemsByDeal<P extends ProblemForLight & { dealId: string }>(
  problems: readonly P[],
): Map<string, P[]> {
  const map = new Map<string, P[]>();
  for (const p of problems) {
    if (!isOpen(p)) continue;
    const list = map.get(p.dealId);
    if (list) list.push(p);
    else map.set(p.dealId, [p]);
  }
  return map;
}

/** The reason shown for an overdue problem: `问题逾期12天：用地指标未落实（县自然资源局）`. */
export function problemReason(p: ProblemForLight, days: number): string {
  const text = p.description.length > 30 ? `${p.description.slice(0, 30)}…` : p.description;
  return `问题逾期${days}天：${text}${p.unit ? `（${p.unit}）` : ''}`;
}
