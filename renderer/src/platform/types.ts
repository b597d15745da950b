import type { DesktopApi } from '../../../shared/contract';

/**
 * Everything the renderer needs from its host. Every signature is the IPC
 * table's (through DesktopApi), so the desktop edition is a rename of
 * `window.desktop`; the browser edition fills the same signatures with file
 * inputs, downloads and localStorage.
 */
export interface Platform {
  readonly kind: 'desktop' | 'browser';
  loadSettings: DesktopApi['getSettings'];
  updateSettings: DesktopApi['updateSettings'];
  saveFile: DesktopApi['saveFile'];
  openFile: DesktopApi['openFile'];
  appInfo: DesktopApi['getAppInfo'];
  onMenuCommand: DesktopApi['onMenuCommand'];
  /** Exchange files the system asked the app to open (double-click, 打开方式); none in a browser. */
  onOpenedFile: DesktopApi['onOpenedFile'];
  /**
   * The team server's session token, per server origin: in the desktop shell
   * encrypted with the system keychain (Electron safeStorage); in a browser
   * kept for this tab's session only.
   */
  readonly sessionTokens: {
    load(origin: string): Promise<string | null>;
    save(origin: string, token: string | null): Promise<void>;
  };
  /** Snapshot files kept by the desktop shell; null in the browser, which offers download and upload instead. */
  readonly backups: BackupHost | null;
  /**
   * The desktop's parse process (electron/main/parse.ts); absent in the
   * browser, which parses in a Web Worker (features/import/parseClient.ts).
   */
  readonly parser?: ParseHost;
}

export interface ParseHost {
  parse: DesktopApi['parseSpreadsheet'];
  cancel: DesktopApi['cancelParse'];
}

export interface BackupHost {
  write(data: Uint8Array<ArrayBuffer>): ReturnType<DesktopApi['writeBackup']>;
  list: DesktopApi['listBackups'];
  read: DesktopApi['readBackup'];
  /** Main asks for a snapshot before the window closes. */
  onRequest: DesktopApi['onBackupRequest'];
}
