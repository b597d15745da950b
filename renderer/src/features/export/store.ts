import { create } from 'zustand';

export interface ExportState {
  reportOpen: boolean;
}

export const initialState: ExportState = { reportOpen: false };

interface ExportActions {
  openReport(): void;
  closeReport(): void;
  reset(): void;
}

/** Whether the 导出汇总报表 dialog is open: the menu, the sider button and the overview all open the one dialog. */
export const useExportStore = create<ExportState & ExportActions>()((set) => ({
  ...initialState,
  openReport: () => set({ reportOpen: true }),
  closeReport: () => set({ reportOpen: false }),
  reset: () => set(initialState),
}));
