/**
 * The import wizard's store: state (initialState.ts), actions (actions.ts)
 * and selectors (selectors.ts) apart. Each store made here owns its own
 * parse in flight; nothing is shared between two stores or across a reset.
 */
import { create } from 'zustand';
import { importActions, type ImportActions } from './actions';
import { initialState, type ImportState } from './initialState';

export type ImportStore = ImportState & ImportActions;

export const createImportStore = () =>
  create<ImportStore>()((set, get) => ({ ...initialState, ...importActions(set, get) }));

export const useImportStore = createImportStore();

export { initialState } from './initialState';
export type { ImportState, ListDecision, Step } from './initialState';
export type { ImportActions } from './actions';
export { importSelectors, previewCounts, selectPlan, unresolvedErrors } from './selectors';
