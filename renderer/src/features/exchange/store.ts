import { create } from 'zustand';
import type { ImportPreview } from '../../db/repositories/exchange';

export interface OpenedExchangeState {
  /** A file the system opened with the app, read and previewed, waiting for the exchange page. */
  pending: ImportPreview | null;
}

export const initialState: OpenedExchangeState = { pending: null };

interface OpenedExchangeActions {
  offer(preview: ImportPreview): void;
  take(): ImportPreview | null;
  reset(): void;
}

export const useOpenedExchange = create<OpenedExchangeState & OpenedExchangeActions>()((set, get) => ({
  ...initialState,
  reset: () => set(initialState),
  offer: (pending) => set({ pending }),
  take: () => {
    const { pending } = get();
    if (pending) set({ pending: null });
    return pending;
  },
}));
