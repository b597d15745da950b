/**
 * Runs the spreadsheet parser in a Web Worker with progress, cancel and a
 * time limit. SheetJS reads a file in one synchronous call, so between the
 * worker's stage messages the client itself reports every 200 ms (stage and
 * elapsed time) and the page never looks frozen.
 */
import { err, type Result } from '../../../../shared/domain/result';
import { DEFAULT_LIMITS, mb, type ImportLimits } from '../../../../shared/excel/limits';
import type { ParsedWorkbook } from '../../../../shared/excel/workbook';
import type { ParseReply, ParseRequest } from '../../workers/parseMessages';

export interface ParseProgress {
  stage: string;
  fraction: number;
  elapsedMs: number;
}

export interface ParseHandle {
  result: Promise<Result<ParsedWorkbook> & { cancelled?: boolean }>;
  cancel(): void;
}

export const PROGRESS_INTERVAL_MS = 200;
export const CANCELLED = '已取消读取文件。';

export function parseInWorker(
  bytes: Uint8Array,
  fileName: string,
  onProgress: (p: ParseProgress) => void,
  limits: ImportLimits = DEFAULT_LIMITS,
): ParseHandle {
  if (bytes.length > limits.maxBytes) {
    return {
      result: Promise.resolve(
        err(
          `文件过大（${mb(bytes.length)}），最大 ${mb(limits.maxBytes)}。请删去不需要的工作表或拆分后再导入。`,
        ),
      ),
      cancel: () => {},
    };
  }
  const worker = new Worker(new URL('../../workers/parse.worker.ts', import.meta.url), { type: 'module' });
  const started = Date.now();
  let stage = '准备读取';
  let fraction = 0;
  let finish: (r: Result<ParsedWorkbook> & { cancelled?: boolean }) => void = () => {};
  const result = new Promise<Result<ParsedWorkbook> & { cancelled?: boolean }>((resolve) => {
    finish = resolve;
  });
  const report = () => onProgress({ stage, fraction, elapsedMs: Date.now() - started });
  const tick = setInterval(report, PROGRESS_INTERVAL_MS);
  const limit = setTimeout(
    () =>
      done(
        err(`读取超时（超过 ${Math.round(limits.timeLimitMs / 1000)} 秒），已停止。文件可能过大或结构异常。`),
      ),
    limits.timeLimitMs,
  );
  let settled = false;
  function done(r: Result<ParsedWorkbook> & { cancelled?: boolean }) {
    if (settled) return;
    settled = true;
    clearInterval(tick);
    clearTimeout(limit);
    worker.terminate();
    finish(r);
  }
  worker.onmessage = (e: MessageEvent<ParseReply>) => {
    if (e.data.type === 'progress') {
      stage = e.data.stage;
      fraction = e.data.fraction;
      report();
    } else done(e.data.result);
  };
  worker.onerror = (e) => {
    e.preventDefault();
    done(err('读取文件时出错，文件可能已损坏。'));
  };
  const copy = bytes.slice();
  const request: ParseRequest = { bytes: copy, fileName, limits };
  worker.postMessage(request, [copy.buffer]);
  return { result, cancel: () => done({ ...err(CANCELLED), cancelled: true }) };
}
