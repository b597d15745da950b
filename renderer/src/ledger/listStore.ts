import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { LedgerKind } from './kinds';

export interface ListView {
  search: string;
  filters: Record<string, string[]>;
  showDeleted: boolean;
  hiddenColumns: string[] | null;
}

const EMPTY: ListView = { search: '', filters: {}, showDeleted: false, hiddenColumns: null };

export interface ListState {
  views: Partial<Record<LedgerKind, ListView>>;
}

export const initialState: ListState = { views: {} };

interface ListActions {
  patch(kind: LedgerKind, patch: Partial<ListView>): void;
  reset(): void;
}

/** Search, filters and column choice per list; the column choice is remembered. */
export const useListStore = create<ListState & ListActions>()(
  persist(
    (set) => ({
      ...initialState,
      reset: () => set(initialState),
      patch: (kind, patch) =>
        set((s) => ({ views: { ...s.views, [kind]: { ...EMPTY, ...s.views[kind], ...patch } } })),
    }),
    {
      name: 'zhaoshang-ledger.lists',
      partialize: (s) => ({
        views: Object.fromEntries(
          Object.entries(s.views).map(([k, v]) => [k, { ...EMPTY, hiddenColumns: v?.hiddenColumns ?? null }]),
        ),
      }),
    },
  ),
);

export function useListView(kind: LedgerKind): ListView {
  return useListStore((s) => s.views[kind]) ?? EMPTY;
}
