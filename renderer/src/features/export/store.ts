import { create } from 'zustand';

interface ExportState {
  reportOpen: boolean;
  openReport(): void;
  closeReport(): void;
}

/** Whether the 导出汇总报表 dialog is open: the menu, the sider button and the overview all open the one dialog. */
export const useExportStore = create<ExportState>()((set) => ({
  reportOpen: false,
  openReport: () => set({ reportOpen: true }),
  closeReport: () => set({ reportOpen: false }),
}));
