/**
 * Reads of the import pages: what the wizard's state shows (pure functions
 * of it) and, outside the wizard, past batches and the events to link to.
 */
import type { PlannedRow } from '../../../../../shared/excel/duplicates';
import { repos } from '../../../app/services';
import type { ImportState } from './initialState';

/** The plan under the current mode and skips (the store keeps it in step with its inputs). */
export const selectPlan = (s: Pick<ImportState, 'plan'>): PlannedRow[] => s.plan;

/** What the preview header, the import button and the done step count: the same plan, counted once. */
export function previewCounts(plan: readonly PlannedRow[]): { create: number; update: number; skip: number } {
  const counts = { create: 0, update: 0, skip: 0 };
  for (const p of plan) counts[p.action]++;
  return counts;
}

/** Rows with errors that the user has neither fixed nor skipped (they are skipped on import). */
export function unresolvedErrors(s: Pick<ImportState, 'rows' | 'skipped'>): number[] {
  return s.rows
    .filter((r) => !s.skipped.has(r.rowNumber) && r.problems.some((p) => p.level === 'error'))
    .map((r) => r.rowNumber);
}

export const importSelectors = {
  batches: () => repos().imports.list(),
  /** Live events by id and name, for mapping an unknown 签约活动 to one. */
  async events(): Promise<{ id: string; name: string }[]> {
    const list = await repos().events.list();
    return list.map((e) => ({ id: e.id, name: e.name }));
  },
};
