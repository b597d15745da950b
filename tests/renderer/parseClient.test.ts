import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_LIMITS } from '../../shared/excel/limits';
import { CANCELLED, parseInWorker, type ParseProgress } from '../../renderer/src/features/import/parseClient';
import type { ParseReply, ParseRequest } from '../../renderer/src/workers/parseMessages';

/** A stand-in Worker: records what it is sent and lets the test answer. */
class FakeWorker {
  static last: FakeWorker | undefined;
  onmessage: ((e: MessageEvent<ParseReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  sent: ParseRequest[] = [];
  terminated = false;
  constructor() {
    FakeWorker.last = this;
  }
  postMessage(msg: ParseRequest) {
    this.sent.push(msg);
  }
  terminate() {
    this.terminated = true;
  }
  reply(msg: ParseReply) {
    this.onmessage?.({ data: msg } as MessageEvent<ParseReply>);
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('Worker', FakeWorker);
  FakeWorker.last = undefined;
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('parsing off the UI thread', () => {
  it('reports progress at least every 200 ms while the worker is busy, then the result', async () => {
    const seen: ParseProgress[] = [];
    const h = parseInWorker(new Uint8Array([1, 2, 3]), 'a.xlsx', (p) => seen.push(p));
    const w = FakeWorker.last!;
    expect(w.sent[0]).toMatchObject({ fileName: 'a.xlsx', limits: DEFAULT_LIMITS });
    w.reply({ type: 'progress', stage: '读取工作簿', fraction: 0.1 });
    vi.advanceTimersByTime(1000);
    expect(seen.length).toBeGreaterThanOrEqual(6);
    expect(seen.at(-1)).toMatchObject({ stage: '读取工作簿', fraction: 0.1 });
    w.reply({ type: 'done', result: { ok: true, value: { format: 'xlsx', sheets: [] } } });
    await expect(h.result).resolves.toEqual({ ok: true, value: { format: 'xlsx', sheets: [] } });
    expect(w.terminated).toBe(true);
    const count = seen.length;
    vi.advanceTimersByTime(1000);
    expect(seen.length).toBe(count);
  });

  it('cancel terminates the worker', async () => {
    const h = parseInWorker(new Uint8Array([1]), 'a.xlsx', () => {});
    h.cancel();
    await expect(h.result).resolves.toEqual({ ok: false, error: CANCELLED, cancelled: true });
    expect(FakeWorker.last!.terminated).toBe(true);
  });

  it('stops a worker that runs past the time limit', async () => {
    const h = parseInWorker(new Uint8Array([1]), 'a.xlsx', () => {}, {
      ...DEFAULT_LIMITS,
      timeLimitMs: 5000,
    });
    vi.advanceTimersByTime(5001);
    await expect(h.result).resolves.toEqual({
      ok: false,
      error: '读取超时（超过 5 秒），已停止。文件可能过大或结构异常。',
    });
    expect(FakeWorker.last!.terminated).toBe(true);
  });

  it('refuses a file over the size limit without starting a worker', async () => {
    const h = parseInWorker(new Uint8Array(2048), 'big.xlsx', () => {}, {
      ...DEFAULT_LIMITS,
      maxBytes: 1024,
    });
    await expect(h.result).resolves.toEqual({ ok: false, error: expect.stringContaining('文件过大') });
    expect(FakeWorker.last).toBeUndefined();
  });
});
