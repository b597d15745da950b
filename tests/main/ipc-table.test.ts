/**
 * The IPC surface comes from one table. At the type level a method's channel
 * is its row's channel and nothing else (the @ts-expect-error lines fail
 * typecheck the moment a miswiring compiles). At run time the preload's
 * exposed methods invoke exactly the table's channels, one each.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CHANNELS,
  IPC_TABLE,
  buildDesktopApi,
  type ChannelOf,
  type DesktopApi,
  type HandlerMap,
  type InvokeApi,
} from '../../shared/contract';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

// Type-level: each method names one channel, the one its row gives.
const listIsList: Equal<ChannelOf<'listBackups'>, typeof CHANNELS.backupsList> = true;
// @ts-expect-error listBackups is not wired to backups:read
const listIsRead: Equal<ChannelOf<'listBackups'>, typeof CHANNELS.backupsRead> = true;
// @ts-expect-error the backups:list handler takes no file name and returns the list
const wrongHandler: HandlerMap[typeof CHANNELS.backupsList] = async (name: string) =>
  new Uint8Array([name.length]);
// @ts-expect-error the page never sees the preload's own takeOpenedFiles
const internal: DesktopApi['takeOpenedFiles'] = async () => [];
const readTakesName: Parameters<InvokeApi['readBackup']> = ['ledger-x.zsbak'];
void [listIsList, listIsRead, wrongHandler, internal, readTakesName];

const exposedRows = IPC_TABLE.filter((row) => row.exposed);
const SUBSCRIPTIONS = ['onMenuCommand', 'onOpenedFile', 'onBackupRequest'];

describe('buildDesktopApi', () => {
  it('gives every exposed row a method that invokes exactly that row’s channel', async () => {
    const invoke = vi.fn(async (..._args: unknown[]): Promise<unknown> => 'ok');
    const api = buildDesktopApi(invoke, () => ({
      onMenuCommand: () => () => {},
      onOpenedFile: () => () => {},
      onBackupRequest: () => () => {},
    }));
    expect(Object.keys(api).sort()).toEqual([...exposedRows.map((r) => r.method), ...SUBSCRIPTIONS].sort());
    for (const row of exposedRows) {
      invoke.mockClear();
      const method = (api as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[row.method]!;
      await method('参数');
      expect(invoke.mock.calls, row.method).toEqual([[row.channel, '参数']]);
    }
  });

  it('hands the subscriptions the internal methods too', async () => {
    const invoke = vi.fn(async (...args: unknown[]): Promise<unknown> => [args[0]]);
    let taken: unknown;
    buildDesktopApi(invoke, (all) => {
      taken = all.takeOpenedFiles();
      return { onMenuCommand: () => () => {}, onOpenedFile: () => () => {}, onBackupRequest: () => () => {} };
    });
    await expect(taken).resolves.toEqual([CHANNELS.openedFilesTake]);
  });

  it('has one row per channel and one channel per row', () => {
    expect(IPC_TABLE.map((r) => r.channel).sort()).toEqual(Object.values(CHANNELS).sort());
    expect(new Set(IPC_TABLE.map((r) => r.method)).size).toBe(IPC_TABLE.length);
  });
});

const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async (..._args: unknown[]): Promise<unknown> => []);
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void (exposed[key] = value) },
  ipcRenderer: { invoke, on: vi.fn(), removeListener: vi.fn() },
}));

describe('the preload', () => {
  beforeAll(async () => {
    await import('../../electron/preload/index');
  });

  it.each(exposedRows.map((row) => [row.method, row.channel] as const))(
    '%s invokes %s and nothing else',
    async (method, channel) => {
      invoke.mockClear();
      const api = exposed.desktop as Record<string, (...a: unknown[]) => Promise<unknown>>;
      await api[method]!('x');
      expect(invoke.mock.calls).toEqual([[channel, 'x']]);
    },
  );
});
