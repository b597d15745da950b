import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  BACKUP_REQUEST_CHANNEL,
  CHANNELS,
  MENU_COMMAND_CHANNEL,
  OPENED_FILE_CHANNEL,
  type DesktopApi,
} from '../../shared/contract';

type Listener = (event: unknown, ...args: unknown[]) => void;

const exposed: Record<string, unknown> = {};
const listeners = new Map<string, Set<Listener>>();
const ipcRenderer = {
  invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => 'result'),
  on: vi.fn((channel: string, fn: Listener) => {
    if (!listeners.has(channel)) listeners.set(channel, new Set());
    listeners.get(channel)!.add(fn);
  }),
  removeListener: vi.fn((channel: string, fn: Listener) => {
    listeners.get(channel)?.delete(fn);
  }),
};

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => {
      exposed[key] = value;
    },
  },
  ipcRenderer,
}));

const emit = (channel: string, ...args: unknown[]) =>
  listeners.get(channel)?.forEach((fn) => fn({}, ...args));

let api: DesktopApi;
beforeAll(async () => {
  await import('../../electron/preload/index');
  api = exposed.desktop as DesktopApi;
});

describe('preload', () => {
  it('exposes only window.desktop with intent-named methods', () => {
    expect(Object.keys(exposed)).toEqual(['desktop']);
    expect(Object.keys(api).sort()).toEqual(
      [
        'onOpenedFile',
        'getAppInfo',
        'getSettings',
        'onMenuCommand',
        'openFile',
        'saveFile',
        'updateSettings',
        'writeBackup',
        'listBackups',
        'readBackup',
        'onBackupRequest',
        'loadSessionToken',
        'saveSessionToken',
        'parseSpreadsheet',
        'cancelParse',
      ].sort(),
    );
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.values(api)).not.toContain(ipcRenderer);
  });

  it('maps each method to its channel', async () => {
    const data = new Uint8Array([1]);
    await api.getSettings();
    await api.updateSettings({ userName: 'x' });
    await api.saveFile({ defaultName: 'a.xlsx', filters: [], data });
    await api.openFile({ filters: [], maxBytes: 10 });
    await api.getAppInfo();
    await api.writeBackup({ data });
    await api.listBackups();
    await api.readBackup('ledger-x.zsbak');
    expect(ipcRenderer.invoke.mock.calls).toEqual([
      [CHANNELS.settingsGet],
      [CHANNELS.settingsUpdate, { userName: 'x' }],
      [CHANNELS.filesSave, { defaultName: 'a.xlsx', filters: [], data }],
      [CHANNELS.filesOpen, { filters: [], maxBytes: 10 }],
      [CHANNELS.appInfo],
      [CHANNELS.backupsWrite, { data }],
      [CHANNELS.backupsList],
      [CHANNELS.backupsRead, 'ledger-x.zsbak'],
    ]);
  });

  it('forwards only known menu commands and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = api.onMenuCommand(listener);
    emit(MENU_COMMAND_CHANNEL, 'quick-entry');
    emit(MENU_COMMAND_CHANNEL, 'rm -rf');
    emit(MENU_COMMAND_CHANNEL, { command: 'backup' });
    expect(listener.mock.calls).toEqual([['quick-entry']]);
    unsubscribe();
    emit(MENU_COMMAND_CHANNEL, 'backup');
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listeners.get(MENU_COMMAND_CHANNEL)?.size).toBe(0);
  });

  it('hands over files opened before and after subscribing, then unsubscribes', async () => {
    const file = { ok: true, path: '/x/交换.zsjh', name: '交换.zsjh', data: new Uint8Array([1]) };
    ipcRenderer.invoke.mockClear();
    ipcRenderer.invoke
      .mockImplementationOnce(async () => [file])
      .mockImplementationOnce(async () => [file, file]);
    const listener = vi.fn();
    const unsubscribe = api.onOpenedFile(listener);
    await vi.waitFor(() => expect(listener).toHaveBeenCalledTimes(1));
    emit(OPENED_FILE_CHANNEL);
    await vi.waitFor(() => expect(listener).toHaveBeenCalledTimes(3));
    expect(ipcRenderer.invoke.mock.calls).toEqual([[CHANNELS.openedFilesTake], [CHANNELS.openedFilesTake]]);
    expect(listener).toHaveBeenCalledWith(file);
    unsubscribe();
    expect(listeners.get(OPENED_FILE_CHANNEL)?.size).toBe(0);
  });

  it('forwards snapshot requests from main and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = api.onBackupRequest(listener);
    emit(BACKUP_REQUEST_CHANNEL, 'ignored argument');
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith();
    unsubscribe();
    emit(BACKUP_REQUEST_CHANNEL);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
