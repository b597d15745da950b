/**
 * The only bridge between the page and main: intent-named methods, one per
 * channel. `ipcRenderer` itself is never exposed. Only the zod-free channel
 * constants are imported, so this sandboxed preload bundles small.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BACKUP_REQUEST_CHANNEL, CHANNELS, MENU_COMMAND_CHANNEL, isMenuCommand } from '../../shared/channels';
import type { DesktopApi } from '../../shared/contract';

const api = {
  getSettings: () => ipcRenderer.invoke(CHANNELS.settingsGet),
  updateSettings: (patch) => ipcRenderer.invoke(CHANNELS.settingsUpdate, patch),
  saveFile: (args) => ipcRenderer.invoke(CHANNELS.filesSave, args),
  openFile: (args) => ipcRenderer.invoke(CHANNELS.filesOpen, args),
  getAppInfo: () => ipcRenderer.invoke(CHANNELS.appInfo),
  onMenuCommand: (listener) => {
    const forward = (_event: IpcRendererEvent, command: unknown) => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(MENU_COMMAND_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, forward);
    };
  },
  writeBackup: (args) => ipcRenderer.invoke(CHANNELS.backupsWrite, args),
  listBackups: () => ipcRenderer.invoke(CHANNELS.backupsList),
  readBackup: (name) => ipcRenderer.invoke(CHANNELS.backupsRead, name),
  onBackupRequest: (listener) => {
    const forward = () => listener();
    ipcRenderer.on(BACKUP_REQUEST_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(BACKUP_REQUEST_CHANNEL, forward);
    };
  },
} satisfies DesktopApi;

contextBridge.exposeInMainWorld('desktop', api);
