/**
 * The only bridge between the page and main. The invoke methods are built in
 * a loop over IPC_TABLE, so a method can only ever call its own row's
 * channel; the push subscriptions below filter and drain. `ipcRenderer`
 * itself is never exposed.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  BACKUP_REQUEST_CHANNEL,
  MENU_COMMAND_CHANNEL,
  OPENED_FILE_CHANNEL,
  isMenuCommand,
} from '../../shared/channels';
import { buildDesktopApi, type DesktopSubscriptions, type InvokeApi } from '../../shared/contract';

function subscriptions(invoke: InvokeApi): DesktopSubscriptions {
  return {
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
        const files = await invoke.takeOpenedFiles();
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
    onBackupRequest: (listener) => {
      const forward = () => listener();
      ipcRenderer.on(BACKUP_REQUEST_CHANNEL, forward);
      return () => {
        ipcRenderer.removeListener(BACKUP_REQUEST_CHANNEL, forward);
      };
    },
  };
}

contextBridge.exposeInMainWorld(
  'desktop',
  buildDesktopApi((channel, ...args) => ipcRenderer.invoke(channel, ...args), subscriptions),
);
