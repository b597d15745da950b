import { create } from 'zustand';
import type { ImportPreview } from '../../db/repositories/exchange';

interface OpenedExchangeState {
  /** A file the system opened with the app, read and previewed, waiting for the exchange page. */
  pending: ImportPreview | null;
  offer(preview: ImportPreview): void;
  take(): ImportPreview | null;
}

export const useOpenedExchange = create<OpenedExchangeState>()((set, get) => ({
  pending: null,
  offer: (pending) => set({ pending }),
  take: () => {
    const { pending } = get();
    if (pending) set({ pending: null });
    return pending;
  },
}));
