/**
 * Table-driven over the whole IPC contract: every channel in CHANNELS, as
 * registered by registerIpcHandlers, refuses untrusted senders and malformed
 * arguments without running its handler. Arguments are generated from one
 * valid sample per channel, so a new channel is covered as soon as it has a
 * sample, and the test fails until it has one.
 */
import type { WebContents } from 'electron';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, type Channel, type HandlerMap } from '../../shared/contract';
import {
  createSenderCheck,
  registerIpcHandlers,
  UNTRUSTED_SENDER_MESSAGE,
  type SenderEvent,
} from '../../electron/main/ipc';
import { appOrigins } from '../../electron/main/security';

/** One valid call per channel. Every channel needs one (see the first test). */
const VALID_ARGS: { readonly [C in Channel]?: readonly unknown[] } = {
  [CHANNELS.settingsGet]: [],
  [CHANNELS.settingsUpdate]: [{ userName: '张三', amountUnit: 'yi', teams: ['招商一组'] }],
  [CHANNELS.filesSave]: [
    {
      defaultName: '汇总报表.xlsx',
      filters: [{ name: 'Excel', extensions: ['xlsx'] }],
      data: new Uint8Array([80, 75]),
    },
  ],
  [CHANNELS.filesOpen]: [{ filters: [{ name: 'Excel', extensions: ['xlsx', 'xls'] }], maxBytes: 1024 }],
  [CHANNELS.appInfo]: [],
  [CHANNELS.openedFilesTake]: [],
  [CHANNELS.backupsWrite]: [{ data: new Uint8Array([123, 125]) }],
  [CHANNELS.backupsList]: [],
  [CHANNELS.backupsRead]: ['ledger-2017-10-12T08-30-00Z-manual.zsbak'],
  [CHANNELS.tokenLoad]: ['http://192.168.1.10:8787'],
  [CHANNELS.tokenSave]: ['http://192.168.1.10:8787', 'AbCdEfGhIjKlMnOpQrStUvWxYz012345'],
  [CHANNELS.parseSpreadsheet]: [{ id: 'parse-1', fileName: '签约项目.xlsx', data: new Uint8Array([80, 75]) }],
  [CHANNELS.parseCancel]: ['parse-1'],
};

const HUGE_STRING = 'x'.repeat(2 * 1024 * 1024);

type Kind = 'null' | 'undefined' | 'number' | 'string' | 'boolean' | 'array' | 'bytes' | 'object';
function kindOf(value: unknown): Kind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Uint8Array) return 'bytes';
  return typeof value as Kind;
}
const isPlainObject = (v: unknown): v is Record<string, unknown> => kindOf(v) === 'object';

/** Values of every kind but the sample's own. */
function wrongKinds(sample: unknown): unknown[] {
  const candidates = [null, 42, 'text', true, [], {}, new Uint8Array(1)];
  return candidates.filter((c) => kindOf(c) !== kindOf(sample));
}

/** Returns a copy of `root` with the value at `path` replaced. */
function replaceAt(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(root)) return root.map((item, i) => (i === head ? replaceAt(item, rest, value) : item));
  const obj = root as Record<string, unknown>;
  return { ...obj, [head]: replaceAt(obj[head], rest, value) };
}

/** Paths to every value inside the sample (the first element stands for each array). */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value) && value.length > 0) out.push(...paths(value[0], [...prefix, 0]));
  if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((v, key) => (v as Record<string | number, unknown>)[key], root);
}

/** Calls that must all be refused, each with a name for the failure message. */
function badCalls(sample: readonly unknown[]): [string, unknown[]][] {
  const calls: [string, unknown[]][] = [[`${sample.length + 1} arguments`, [...sample, 'extra']]];
  if (sample.length > 0) calls.push([`${sample.length - 1} arguments`, sample.slice(0, -1)]);
  sample.forEach((arg, i) =>
    calls.push([`argument ${i} undefined`, replaceAt(sample, [i], undefined) as unknown[]]),
  );
  for (const path of paths([...sample]).slice(1)) {
    const original = valueAt(sample, path);
    const where = path.join('.');
    for (const wrong of wrongKinds(original)) {
      calls.push([`${where} as ${kindOf(wrong)}`, replaceAt(sample, path, wrong) as unknown[]]);
    }
    if (typeof original === 'string')
      calls.push([`${where} as a 2 MiB string`, replaceAt(sample, path, HUGE_STRING) as unknown[]]);
    if (isPlainObject(original) && path.length === 1) {
      calls.push([
        `${where} with an extra key`,
        replaceAt(sample, path, { ...original, unexpected: true }) as unknown[],
      ]);
      // Structured clone keeps an own "__proto__" key, as JSON.parse makes it.
      const polluted = { ...original, ...(JSON.parse('{"__proto__":{"polluted":true}}') as object) };
      calls.push([`${where} with a __proto__ key`, replaceAt(sample, path, polluted) as unknown[]]);
    }
  }
  return calls;
}

const mainContents = { id: 1 } as unknown as WebContents;
const otherContents = { id: 2 } as unknown as WebContents;
function event(url: string, sender = mainContents, parent: unknown = null): SenderEvent {
  return { sender, senderFrame: { url, parent } } as unknown as SenderEvent;
}
const trusted = event('app://ledger/index.html');
const UNTRUSTED: [string, SenderEvent][] = [
  ['a remote page', event('https://evil.example/')],
  ['a look-alike host', event('app://ledger.evil/index.html')],
  ['a file:// page', event('file:///tmp/x.html')],
  ['a subframe', event('app://ledger/index.html', mainContents, {})],
  ['another WebContents', event('app://ledger/index.html', otherContents)],
  ['a destroyed frame', { sender: mainContents, senderFrame: null } as unknown as SenderEvent],
];

const channels = Object.values(CHANNELS) as Channel[];
const registered = new Map<string, (event: SenderEvent, ...args: unknown[]) => Promise<unknown>>();
const handlers = Object.fromEntries(channels.map((c) => [c, vi.fn(async () => 'ran')])) as unknown as Record<
  Channel,
  ReturnType<typeof vi.fn>
>;

beforeAll(() => {
  registerIpcHandlers(
    { handle: (channel, fn) => void registered.set(channel, fn as never), removeHandler: () => undefined },
    handlers as unknown as HandlerMap,
    createSenderCheck(appOrigins(), () => mainContents),
  );
});

describe('IPC contract, every channel', () => {
  it('has a valid sample call in this test for every channel', () => {
    const missing = channels.filter((c) => !VALID_ARGS[c]);
    expect(missing, 'add a valid sample for these channels to VALID_ARGS').toEqual([]);
    expect([...registered.keys()].sort()).toEqual([...channels].sort());
  });

  describe.each(channels)('%s', (channel) => {
    const sample = VALID_ARGS[channel] ?? [];
    const call = (e: SenderEvent, args: readonly unknown[]) => registered.get(channel)!(e, ...args);

    it('runs the handler for the valid sample from the main window', async () => {
      handlers[channel].mockClear();
      await expect(call(trusted, sample)).resolves.toBe('ran');
      expect(handlers[channel]).toHaveBeenCalledTimes(1);
    });

    it.each(UNTRUSTED)('refuses %s without running', async (_name, e) => {
      handlers[channel].mockClear();
      await expect(call(e, sample)).rejects.toThrow(UNTRUSTED_SENDER_MESSAGE);
      expect(handlers[channel]).not.toHaveBeenCalled();
    });

    it('refuses every malformed call without running', async () => {
      handlers[channel].mockClear();
      const accepted: string[] = [];
      for (const [name, args] of badCalls(sample)) {
        const outcome = await call(trusted, args).then(
          () => 'accepted',
          (error: Error) => error.message,
        );
        if (!/^参数无效：/.test(outcome)) accepted.push(`${name}: ${outcome}`);
      }
      expect(accepted).toEqual([]);
      expect(handlers[channel]).not.toHaveBeenCalled();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });
});
