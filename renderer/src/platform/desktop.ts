import type { DesktopApi } from '../../../shared/contract';
import type { Platform } from './types';

declare global {
  interface Window {
    /** Exposed by the preload in the desktop edition; absent in a browser. */
    desktop?: DesktopApi;
  }
}

export function createDesktopPlatform(api: DesktopApi): Platform {
  return {
    kind: 'desktop',
    loadSettings: () => api.getSettings(),
    updateSettings: (patch) => api.updateSettings(patch),
    saveFile: (args) => api.saveFile(args),
    openFile: (args) => api.openFile(args),
    appInfo: () => api.getAppInfo(),
    onMenuCommand: (listener) => api.onMenuCommand(listener),
    onOpenedFile: (listener) => api.onOpenedFile(listener),
    sessionTokens: {
      load: (origin) => api.loadSessionToken(origin),
      save: (origin, token) => api.saveSessionToken(origin, token),
    },
    backups: {
      write: (data) => api.writeBackup({ data }),
      list: () => api.listBackups(),
      read: (name) => api.readBackup(name),
      onRequest: (listener) => api.onBackupRequest(listener),
    },
    parser: {
      parse: (args) => api.parseSpreadsheet(args),
      cancel: (id) => api.cancelParse(id),
    },
  };
}
