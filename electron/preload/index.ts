/**
 * The only bridge between the page and main: intent-named methods, one per
 * channel. `ipcRenderer` itself is never exposed. Only the zod-free channel
 * constants are imported, so this sandboxed preload bundles small.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  BACKUP_REQUEST_CHANNEL,
  CHANNELS,
  MENU_COMMAND_CHANNEL,
  OPENED_FILE_CHANNEL,
  isMenuCommand,
} from '../../shared/channels';
import type { DesktopApi, OpenedFile } from '../../shared/contract';

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
  onOpenedFile: (listener) => {
    let active = true;
    const drain = async () => {
      const files = (await ipcRenderer.invoke(CHANNELS.openedFilesTake)) as OpenedFile[];
      if (active) files.forEach((file) => listener(file));
    };
    const onPush = () => void drain();
    ipcRenderer.on(OPENED_FILE_CHANNEL, onPush);
    // Files opened before this subscription (e.g. the one the app was launched with).
    void drain();
    return () => {
      active = false;
      ipcRenderer.removeListener(OPENED_FILE_CHANNEL, onPush);
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
