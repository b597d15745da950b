import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CHANNELS, type HandlerMap } from '../../shared/contract';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import {
  createSenderCheck,
  registerIpcHandlers,
  UNTRUSTED_SENDER_MESSAGE,
  wrapHandler,
  type SenderEvent,
} from '../../electron/main/ipc';
import { appOrigins } from '../../electron/main/security';

const mainContents = { id: 1 } as unknown as WebContents;
const otherContents = { id: 2 } as unknown as WebContents;

function event(url: string, sender = mainContents, parent: unknown = null): SenderEvent {
  return { sender, senderFrame: { url, parent } } as unknown as SenderEvent;
}

const isTrusted = createSenderCheck(appOrigins(), () => mainContents);
const good = event('app://ledger/index.html');

describe('sender check', () => {
  it('trusts the main window top frame on app://ledger', () => {
    expect(isTrusted(good)).toBe(true);
    expect(isTrusted(event('app://ledger/deals?x=1'))).toBe(true);
  });

  it.each([
    ['another origin', event('https://evil.example/')],
    ['a look-alike host', event('app://ledger.evil/index.html')],
    ['a file page', event('file:///tmp/x.html')],
    ['the dev server when not in dev', event('http://localhost:5173/')],
    ['another WebContents', event('app://ledger/index.html', otherContents)],
    ['a subframe', event('app://ledger/index.html', mainContents, {})],
    ['a destroyed frame', { sender: mainContents, senderFrame: null } as unknown as SenderEvent],
  ])('refuses %s', (_name, e) => {
    expect(isTrusted(e)).toBe(false);
  });

  it('refuses everything when there is no main window', () => {
    expect(createSenderCheck(appOrigins(), () => null)(good)).toBe(false);
  });

  it('refuses a frame whose url getter throws', () => {
    const broken = {
      sender: mainContents,
      senderFrame: {
        parent: null,
        get url(): string {
          throw new Error('Render frame was disposed');
        },
      },
    } as unknown as SenderEvent;
    expect(isTrusted(broken)).toBe(false);
  });

  it('trusts the dev server origin in development', () => {
    const devCheck = createSenderCheck(appOrigins('http://localhost:5173'), () => mainContents);
    expect(devCheck(event('http://localhost:5173/'))).toBe(true);
    expect(devCheck(event('http://localhost:5174/'))).toBe(false);
  });
});

describe('wrapHandler', () => {
  it('runs the handler with parsed arguments for a trusted sender', async () => {
    const handler = vi.fn((patch: object) => ({ ...DEFAULT_SETTINGS, ...patch }));
    const wrapped = wrapHandler(CHANNELS.settingsUpdate, handler, isTrusted);
    await expect(wrapped(good, { userName: '张三' })).resolves.toMatchObject({ userName: '张三' });
    expect(handler).toHaveBeenCalledWith({ userName: '张三' });
  });

  it('refuses an untrusted sender and never runs the handler', async () => {
    const handler = vi.fn(() => DEFAULT_SETTINGS);
    const wrapped = wrapHandler(CHANNELS.settingsGet, handler, isTrusted);
    await expect(wrapped(event('https://evil.example/'))).rejects.toThrow(UNTRUSTED_SENDER_MESSAGE);
    await expect(wrapped(event('app://ledger/', otherContents))).rejects.toThrow('拒绝：来源不受信任');
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ['an unknown key', [{ userName: 'x', isAdmin: true }]],
    ['a wrong type', [{ amountUnit: '千元' }]],
    ['the version field', [{ version: 1 }]],
    ['no argument', []],
    ['an extra argument', [{ userName: 'x' }, 'extra']],
    ['a non-object', ['userName=x']],
  ])('refuses %s with 参数无效 and never runs the handler', async (_name, args) => {
    const handler = vi.fn(() => DEFAULT_SETTINGS);
    const wrapped = wrapHandler(CHANNELS.settingsUpdate, handler, isTrusted);
    await expect(wrapped(good, ...args)).rejects.toThrow(/^参数无效：/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses a save with a path in the file name', async () => {
    const handler = vi.fn(async () => ({ saved: false as const }));
    const wrapped = wrapHandler(CHANNELS.filesSave, handler, isTrusted);
    const data = new Uint8Array([1, 2, 3]);
    await expect(wrapped(good, { defaultName: '../../.bashrc', filters: [], data })).rejects.toThrow(
      /参数无效/,
    );
    await expect(wrapped(good, { defaultName: 'a.xlsx', filters: [], data: 'not bytes' })).rejects.toThrow(
      /参数无效/,
    );
    expect(handler).not.toHaveBeenCalled();
    await wrapped(good, {
      defaultName: '汇总报表.xlsx',
      filters: [{ name: 'Excel', extensions: ['xlsx'] }],
      data,
    });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('refuses an open with a size limit above the contract maximum', async () => {
    const handler = vi.fn(async () => ({ ok: false as const, reason: 'cancelled' as const }));
    const wrapped = wrapHandler(CHANNELS.filesOpen, handler, isTrusted);
    await expect(wrapped(good, { filters: [], maxBytes: 10 ** 12 })).rejects.toThrow(/参数无效/);
    await expect(wrapped(good, { filters: [], maxBytes: -1 })).rejects.toThrow(/参数无效/);
    expect(handler).not.toHaveBeenCalled();
    await wrapped(good, { filters: [], maxBytes: 20 * 1024 * 1024 });
    expect(handler).toHaveBeenCalledTimes(1);
  });
});

describe('backup channels', () => {
  it('refuses a backup write that is not bytes, empty, or carries extra arguments', async () => {
    const handler = vi.fn(async () => ({
      name: 'x',
      createdAt: '',
      reason: 'manual' as const,
      size: 1,
      counts: {},
    }));
    const wrapped = wrapHandler(CHANNELS.backupsWrite, handler, isTrusted);
    await expect(wrapped(good, { data: 'text' })).rejects.toThrow(/参数无效/);
    await expect(wrapped(good, { data: new Uint8Array() })).rejects.toThrow(/参数无效/);
    await expect(wrapped(good, { data: new Uint8Array([1]) }, 'extra')).rejects.toThrow(/参数无效/);
    await expect(wrapped(good)).rejects.toThrow(/参数无效/);
    expect(handler).not.toHaveBeenCalled();
    await wrapped(good, { data: new Uint8Array([1]) });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['a path', '../settings.json'],
    ['a nested path', 'ledger-2026-05-01T08-00-00-000Z-auto.zsbak/../../x'],
    ['another extension', 'ledger-2026-05-01T08-00-00-000Z-auto.json'],
    ['a non-string', 42],
  ])('refuses to read a backup named by %s', async (_what, name) => {
    const handler = vi.fn(async () => new Uint8Array());
    const wrapped = wrapHandler(CHANNELS.backupsRead, handler, isTrusted);
    await expect(wrapped(good, name)).rejects.toThrow(/参数无效/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('reads a backup by its listed name and lists without arguments', async () => {
    const read = vi.fn(async () => new Uint8Array([1]));
    await wrapHandler(
      CHANNELS.backupsRead,
      read,
      isTrusted,
    )(good, 'ledger-2026-05-01T08-00-00-000Z-auto.zsbak');
    expect(read).toHaveBeenCalledWith('ledger-2026-05-01T08-00-00-000Z-auto.zsbak');
    const list = vi.fn(async () => []);
    await expect(wrapHandler(CHANNELS.backupsList, list, isTrusted)(good, 'x')).rejects.toThrow(/参数无效/);
    await wrapHandler(CHANNELS.backupsList, list, isTrusted)(good);
    expect(list).toHaveBeenCalledTimes(1);
  });
});

describe('registerIpcHandlers', () => {
  it('registers exactly one handler per channel, each wrapped', async () => {
    const registered = new Map<string, (...a: unknown[]) => Promise<unknown>>();
    const ipcMain = {
      handle: vi.fn((channel: string, fn: (...a: unknown[]) => Promise<unknown>) => {
        registered.set(channel, fn);
      }),
      removeHandler: vi.fn((channel: string) => registered.delete(channel)),
    };
    const handlers: HandlerMap = {
      [CHANNELS.settingsGet]: vi.fn(() => DEFAULT_SETTINGS),
      [CHANNELS.settingsUpdate]: vi.fn(() => DEFAULT_SETTINGS),
      [CHANNELS.filesSave]: vi.fn(async () => ({ saved: false as const })),
      [CHANNELS.filesOpen]: vi.fn(async () => ({ ok: false as const, reason: 'cancelled' as const })),
      [CHANNELS.appInfo]: vi.fn(() => ({ version: '0.1.0', platform: 'linux', dataPath: '/x' })),
      [CHANNELS.openedFilesTake]: vi.fn(async () => []),
      [CHANNELS.backupsWrite]: vi.fn(async () => {
        throw new Error('not used');
      }),
      [CHANNELS.backupsList]: vi.fn(async () => []),
      [CHANNELS.backupsRead]: vi.fn(async () => new Uint8Array()),
      [CHANNELS.tokenLoad]: vi.fn(() => null),
      [CHANNELS.tokenSave]: vi.fn(() => undefined),
      [CHANNELS.parseSpreadsheet]: vi.fn(async () => ({ ok: false as const, error: '已取消读取文件。' })),
      [CHANNELS.parseCancel]: vi.fn(() => {}),
    };
    const dispose = registerIpcHandlers(ipcMain, handlers, isTrusted);
    expect([...registered.keys()].sort()).toEqual(Object.values(CHANNELS).sort());

    await expect(registered.get(CHANNELS.appInfo)!(event('https://evil.example/'))).rejects.toThrow(
      UNTRUSTED_SENDER_MESSAGE,
    );
    expect(handlers[CHANNELS.appInfo]).not.toHaveBeenCalled();
    await expect(registered.get(CHANNELS.appInfo)!(good)).resolves.toMatchObject({ version: '0.1.0' });
    await expect(registered.get(CHANNELS.settingsGet)!(good, 'unexpected')).rejects.toThrow(/参数无效/);
    expect(handlers[CHANNELS.settingsGet]).not.toHaveBeenCalled();

    dispose();
    expect(registered.size).toBe(0);
  });
});
