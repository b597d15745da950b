import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ParseAnswer, ParseSpreadsheetArgs } from '../../shared/contract';
import { DEFAULT_LIMITS } from '../../shared/excel/limits';
import { PARSE_PROCESS_STOPPED } from '../../shared/excel/parseMessages';
import {
  CANCELLED,
  parseSpreadsheet,
  type ParseProgress,
} from '../../renderer/src/features/import/parseClient';
import type { ParseHost } from '../../renderer/src/platform/types';

/** The desktop's parse entry as the page sees it: answers when the test says so. */
function fakeHost() {
  const calls: ParseSpreadsheetArgs[] = [];
  const cancelled: string[] = [];
  let answer: (a: ParseAnswer) => void = () => {};
  let fail: (e: unknown) => void = () => {};
  const host: ParseHost = {
    parse: (args) => {
      calls.push(args);
      return new Promise<ParseAnswer>((resolve, reject) => {
        answer = resolve;
        fail = reject;
      });
    },
    cancel: async (id) => void cancelled.push(id),
  };
  return { host, calls, cancelled, answer: (a: ParseAnswer) => answer(a), fail: (e: unknown) => fail(e) };
}

class NoWorker {
  constructor() {
    throw new Error('the desktop edition must not start a Web Worker');
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('Worker', NoWorker);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('parsing on the desktop, in the parse process', () => {
  it('hands the file to the parse process, reports progress while it works, and returns its grids', async () => {
    const f = fakeHost();
    const seen: ParseProgress[] = [];
    const h = parseSpreadsheet(f.host, new Uint8Array([1, 2, 3]), '签约项目.xlsx', (p) => seen.push(p));
    expect(f.calls[0]).toMatchObject({ fileName: '签约项目.xlsx', data: new Uint8Array([1, 2, 3]) });
    vi.advanceTimersByTime(1000);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(seen.at(-1)!.elapsedMs).toBeGreaterThanOrEqual(1000);
    const value = { format: 'xlsx' as const, sheets: [{ name: '签约项目', rows: [['大东鞋业']] }] };
    f.answer({ ok: true, value });
    await expect(h.result).resolves.toEqual({ ok: true, value });
  });

  it('passes on the Chinese message when the parse process died', async () => {
    const f = fakeHost();
    const h = parseSpreadsheet(f.host, new Uint8Array([1]), 'a.xlsx', () => {});
    f.answer({ ok: false, error: PARSE_PROCESS_STOPPED });
    await expect(h.result).resolves.toEqual({ ok: false, error: PARSE_PROCESS_STOPPED });
  });

  it('a failed IPC call is told in Chinese through describeError, never its raw text', async () => {
    const f = fakeHost();
    const h = parseSpreadsheet(f.host, new Uint8Array([1]), 'a.xlsx', () => {});
    f.fail(new Error("Error invoking remote method 'parse:spreadsheet': reply was never sent"));
    const r = await h.result;
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error).toMatch(/[\u4e00-\u9fff]/);
    expect(r.ok ? '' : r.error).not.toMatch(/invoking|remote method/);
  });

  it('cancel stops waiting at once and asks main to stop the process', async () => {
    const f = fakeHost();
    const h = parseSpreadsheet(f.host, new Uint8Array([1]), 'a.xlsx', () => {});
    h.cancel();
    await expect(h.result).resolves.toEqual({ ok: false, error: CANCELLED, cancelled: true });
    expect(f.cancelled).toEqual([f.calls[0]!.id]);
  });

  it('stops waiting at the time limit, and tells main to stop too', async () => {
    const f = fakeHost();
    const h = parseSpreadsheet(f.host, new Uint8Array([1]), 'a.xlsx', () => {}, {
      ...DEFAULT_LIMITS,
      timeLimitMs: 5000,
    });
    vi.advanceTimersByTime(5001);
    await expect(h.result).resolves.toEqual({ ok: false, error: expect.stringContaining('读取超时') });
    expect(f.cancelled).toHaveLength(1);
  });

  it('a file over the size limit is refused before it crosses to main', async () => {
    const f = fakeHost();
    const h = parseSpreadsheet(f.host, new Uint8Array(11), 'a.xlsx', () => {}, {
      ...DEFAULT_LIMITS,
      maxBytes: 10,
    });
    await expect(h.result).resolves.toMatchObject({ ok: false, error: expect.stringContaining('文件过大') });
    expect(f.calls).toHaveLength(0);
  });
});
