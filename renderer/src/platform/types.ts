import type {
  AppInfo,
  BackupInfo,
  MenuCommand,
  OpenFileArgs,
  OpenFileResult,
  OpenedFile,
  SaveFileArgs,
  SaveFileResult,
} from '../../../shared/contract';
import type { Settings, SettingsPatch } from '../../../shared/settings';

/**
 * Everything the renderer needs from its host. The desktop edition goes
 * through the preload's `window.desktop`; the browser edition uses file
 * inputs, downloads and localStorage.
 */
export interface Platform {
  readonly kind: 'desktop' | 'browser';
  loadSettings(): Promise<Settings>;
  updateSettings(patch: SettingsPatch): Promise<Settings>;
  saveFile(args: SaveFileArgs): Promise<SaveFileResult>;
  openFile(args: OpenFileArgs): Promise<OpenFileResult>;
  appInfo(): Promise<AppInfo>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Exchange files the system asked the app to open (double-click, 打开方式); none in a browser. */
  onOpenedFile(listener: (file: OpenedFile) => void): () => void;
  /** Snapshot files kept by the desktop shell; null in the browser, which offers download and upload instead. */
  readonly backups: BackupHost | null;
}

export interface BackupHost {
  write(data: Uint8Array<ArrayBuffer>): Promise<BackupInfo>;
  list(): Promise<BackupInfo[]>;
  read(name: string): Promise<Uint8Array>;
  /** Main asks for a snapshot before the window closes. */
  onRequest(listener: () => void): () => void;
}
