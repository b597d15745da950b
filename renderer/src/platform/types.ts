import type {
  AppInfo,
  MenuCommand,
  OpenFileArgs,
  OpenFileResult,
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
}
