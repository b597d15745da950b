/**
 * The desktop parse process (electron/main/parseHost.ts run by parse.ts).
 * Electron's utilityProcess cannot start here, so the same host script runs
 * under Node's child_process.fork with a small heap: a file that passes the
 * cheap prechecks but fills the heap ends the child, and this process (the
 * stand-in for main) carries on and answers in Chinese.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import * as XLSX from 'xlsx';
import { CHANNELS, IPC_TABLE, parseSpreadsheetArgs } from '../../shared/contract';
import { DEFAULT_LIMITS, type ImportLimits } from '../../shared/excel/limits';
import { PARSE_PROCESS_STOPPED, type ParseReply, type ParseRequest } from '../../shared/excel/parseMessages';
import {
  createParseService,
  parseInHost,
  utilityHost,
  type HostProcess,
  type SpawnHost,
  type UtilityFork,
} from '../../electron/main/parse';

const HOST = join(import.meta.dirname, '../../electron/main/parseHost.ts');

/** What the test saw of each child: how it ended, and what it wrote to stderr. */
interface Seen {
  child?: ChildProcess;
  exit?: { code: number | null; signal: NodeJS.Signals | null };
  stderr: string;
}

/** The host script under Node, with `heapMb` of heap: the tests' stand-in for utilityProcess.fork. */
function nodeHost(heapMb: number, seen: Seen): SpawnHost {
  return () => {
    const child = fork(HOST, [], {
      execArgv: ['--import', 'tsx', `--max-old-space-size=${heapMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    seen.child = child;
    child.stderr?.on('data', (d: Buffer) => (seen.stderr += d.toString()));
    const exited = new Promise<void>((resolve) =>
      child.on('exit', (code, signal) => {
        seen.exit = { code, signal };
        resolve();
      }),
    );
    const host: HostProcess & { exited: Promise<void> } = {
      exited,
      send: (request) => child.send(request),
      onMessage: (listener) => child.on('message', (m) => listener(m as ParseReply)),
      onExit: (listener) => child.on('exit', (code) => listener(code)),
      kill: () => void child.kill('SIGKILL'),
    };
    return host;
  };
}

/** No precheck stands in the way: the file is refused only by running out of memory. */
const LOOSE: ImportLimits = {
  ...DEFAULT_LIMITS,
  maxBytes: 200 * 1024 * 1024,
  maxRows: 10_000_000,
  maxCells: 100_000_000,
  maxUnzippedBytes: 2 * 1024 * 1024 * 1024,
  maxSharedStringsBytes: 1024 * 1024 * 1024,
  timeLimitMs: 60_000,
};

/** A real-looking sign-up sheet: a header and many rows of Chinese text, amounts and dates. */
function bigCsv(rows: number): Uint8Array {
  const lines = ['项目名称,投资方,协议投资（万元）,签约日期,所属组团,备注'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `年产${i}万双运动鞋生产线,福建晋江某鞋业有限公司${i},${(i % 900) + 100}.5,2026-10-${String((i % 28) + 1).padStart(2, '0')},第${(i % 6) + 1}组团,长三角产业转移项目第${i}号`,
    );
  }
  return new TextEncoder().encode(lines.join('\n'));
}

function smallXlsx(): Uint8Array {
  const ws = XLSX.utils.aoa_to_sheet([
    ['项目名称', '协议投资（万元）', '签约日期'],
    ['大东鞋业智能工厂', 85000, new Date(Date.UTC(2026, 9, 15))],
  ]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '签约项目');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

describe('the parse host script', () => {
  it('reads a workbook in its own process and answers with the grids the worker would', async () => {
    const seen: Seen = { stderr: '' };
    const spawn = nodeHost(256, seen);
    const r = await parseInHost(spawn, smallXlsx(), '签约项目.xlsx').result;
    expect(r.ok, r.ok ? '' : r.error).toBe(true);
    if (!r.ok) return;
    expect(r.value.format).toBe('xlsx');
    expect(r.value.sheets[0]!.name).toBe('签约项目');
    expect(r.value.sheets[0]!.rows[1]![0]).toBe('大东鞋业智能工厂');
    // The process is stopped once it has answered.
    await vi.waitFor(() => expect(seen.exit).toBeDefined(), { timeout: 5_000 });
  }, 30_000);

  it('running out of heap ends only the parse process; main answers in Chinese and parses the next file', async () => {
    const seen: Seen = { stderr: '' };
    const spawn = nodeHost(64, seen);
    const bytes = bigCsv(400_000);
    expect(bytes.length).toBeGreaterThan(30 * 1024 * 1024);
    const before = process.memoryUsage().heapUsed;
    const r = await parseInHost(spawn, bytes, '全县签约项目.csv', LOOSE).result;
    expect(r).toEqual({ ok: false, error: PARSE_PROCESS_STOPPED });
    expect(r.ok ? '' : r.error).toContain('台账未受影响');
    // The child died of its heap limit (V8 aborts), not of a kill from us.
    expect(seen.exit?.code !== 0 || seen.exit?.signal !== null).toBe(true);
    expect(seen.stderr).toMatch(/heap out of memory|Allocation failed/i);
    // This process is alive and well, and the next file parses.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(200 * 1024 * 1024);
    const next = await parseInHost(nodeHost(256, { stderr: '' }), smallXlsx(), '签约项目.xlsx').result;
    expect(next.ok).toBe(true);
  }, 60_000);

  it('a parse past its time limit is killed and answered in Chinese', async () => {
    const seen: Seen = { stderr: '' };
    const r = await parseInHost(nodeHost(512, seen), bigCsv(100_000), '签约项目.csv', {
      ...LOOSE,
      timeLimitMs: 300,
    }).result;
    expect(r.ok ? '' : r.error).toBe('读取超时（超过 0.3 秒），已停止。文件可能过大或结构异常。');
    await vi.waitFor(() => expect(seen.exit?.signal).toBe('SIGKILL'), { timeout: 5_000 });
  }, 30_000);

  it('refuses a message that is not a parse request, in Chinese, and keeps running', async () => {
    const seen: Seen = { stderr: '' };
    const host = nodeHost(128, seen)();
    const replies: ParseReply[] = [];
    host.onMessage((m) => replies.push(m));
    host.send({ bytes: '不是字节', fileName: 1 } as unknown as ParseRequest);
    await vi.waitFor(() => expect(replies).toHaveLength(1), { timeout: 10_000 });
    expect(replies[0]).toEqual({ type: 'done', result: { ok: false, error: '解析请求无效，未读取文件。' } });
    expect(seen.exit).toBeUndefined();
    host.kill();
  }, 30_000);
});

/** A host that answers only when the test says so. */
function fakeHost() {
  const calls = { spawned: 0, killed: 0, sent: [] as ParseRequest[] };
  let onMessage: (r: ParseReply) => void = () => {};
  let onExit: (code: number | null) => void = () => {};
  const spawn: SpawnHost = () => {
    calls.spawned++;
    return {
      send: (r) => calls.sent.push(r),
      onMessage: (l) => (onMessage = l),
      onExit: (l) => (onExit = l),
      kill: () => void calls.killed++,
    };
  };
  return { spawn, calls, reply: (r: ParseReply) => onMessage(r), exit: (c: number | null) => onExit(c) };
}

describe('the parse service behind the IPC entry', () => {
  it('uses the import limits of shared/excel, not ones from the page, and one process per file', async () => {
    const f = fakeHost();
    const service = createParseService(f.spawn);
    const answer = service.parse({ id: 'a1', fileName: 'x.xlsx', data: new Uint8Array([1]) });
    expect(f.calls.sent[0]!.limits).toEqual(DEFAULT_LIMITS);
    f.reply({ type: 'progress', stage: '读取工作簿', fraction: 0.5 });
    f.reply({ type: 'done', result: { ok: true, value: { format: 'csv', sheets: [] } } });
    await expect(answer).resolves.toEqual({ ok: true, value: { format: 'csv', sheets: [] } });
    expect(f.calls.killed).toBe(1);
    void service.parse({ id: 'a2', fileName: 'y.xlsx', data: new Uint8Array([1]) });
    expect(f.calls.spawned).toBe(2);
  });

  it('cancel stops the process and answers as cancelled', async () => {
    const f = fakeHost();
    const service = createParseService(f.spawn);
    const answer = service.parse({ id: 'c1', fileName: 'x.xlsx', data: new Uint8Array([1]) });
    service.cancel('c1');
    await expect(answer).resolves.toMatchObject({ ok: false, cancelled: true });
    expect(f.calls.killed).toBe(1);
  });

  it('an exit before the answer (a crash) is the Chinese message; a late exit after it changes nothing', async () => {
    const f = fakeHost();
    const crashed = parseInHost(f.spawn, new Uint8Array([1]), 'x.xlsx');
    f.exit(134);
    await expect(crashed.result).resolves.toEqual({ ok: false, error: PARSE_PROCESS_STOPPED });
    const g = fakeHost();
    const fine = parseInHost(g.spawn, new Uint8Array([1]), 'x.xlsx');
    g.reply({ type: 'done', result: { ok: true, value: { format: 'xlsx', sheets: [] } } });
    g.exit(null);
    await expect(fine.result).resolves.toMatchObject({ ok: true });
  });

  it('a process that cannot start is the Chinese message, not a throw', async () => {
    const r = await parseInHost(
      () => {
        throw new Error('spawn ENOENT');
      },
      new Uint8Array([1]),
      'x.xlsx',
    ).result;
    expect(r).toEqual({ ok: false, error: PARSE_PROCESS_STOPPED });
  });

  it('the utility process gets the heap limit and is sent the file only once it has started', () => {
    const listeners: Record<string, (...a: unknown[]) => void> = {};
    const posted: unknown[] = [];
    const fork = vi.fn(() => ({
      postMessage: (m: unknown) => posted.push(m),
      on: (event: string, l: (...a: unknown[]) => void) => (listeners[event] = l),
      kill: () => true,
    }));
    const host = utilityHost(fork as unknown as UtilityFork, '/app/out/main/parseHost.js', 1024)();
    expect(fork).toHaveBeenCalledWith(
      '/app/out/main/parseHost.js',
      [],
      expect.objectContaining({ execArgv: ['--max-old-space-size=1024'] }),
    );
    host.send({ bytes: new Uint8Array([1]), fileName: 'x.xlsx', limits: DEFAULT_LIMITS });
    expect(posted).toHaveLength(0);
    listeners.spawn!();
    expect(posted).toHaveLength(1);
  });

  it('the IPC entry checks its arguments: a plain file name, an id, at most the import size', () => {
    const row = IPC_TABLE.find((r) => r.channel === CHANNELS.parseSpreadsheet)!;
    expect(row.method).toBe('parseSpreadsheet');
    const ok = { id: 'parse-1', fileName: '签约项目.xlsx', data: new Uint8Array([1]) };
    expect(parseSpreadsheetArgs.safeParse(ok).success).toBe(true);
    for (const bad of [
      { ...ok, fileName: '../../etc/passwd' },
      { ...ok, id: 'a b' },
      { ...ok, data: 'bytes' },
      { ...ok, data: new Uint8Array(DEFAULT_LIMITS.maxBytes + 1) },
      { ...ok, limits: LOOSE },
    ]) {
      expect(parseSpreadsheetArgs.safeParse(bad).success).toBe(false);
    }
  });
});
