/**
 * Runs the spreadsheet parser off the window, with progress, cancel and a
 * time limit. SheetJS reads a file in one synchronous call, so between the
 * parser's stage messages the client itself reports every 200 ms (stage and
 * elapsed time) and the page never looks frozen.
 *
 * Where the parser runs depends on the edition. The desktop hands the file to
 * main's parse process (a utility process with its own heap limit,
 * electron/main/parse.ts): in Chromium a dedicated worker that runs out of
 * memory takes the whole renderer with it, a separate process ends alone. A
 * browser can start no process, so the browser edition parses in a Web
 * Worker, terminated at the time limit; the import's size limits
 * (shared/excel/limits.ts) keep legal files far below its heap.
 */
import { err, type Result } from '../../../../shared/domain/result';
import { DEFAULT_LIMITS, mb, type ImportLimits } from '../../../../shared/excel/limits';
import {
  PARSE_CANCELLED,
  parseTimeoutMessage,
  type ParseReply,
  type ParseRequest,
} from '../../../../shared/excel/parseMessages';
import type { ParsedWorkbook } from '../../../../shared/excel/workbook';
import { describeError } from '../../components/errors';
import type { ParseHost } from '../../platform/types';

export interface ParseProgress {
  stage: string;
  fraction: number;
  elapsedMs: number;
}

type ParseResult = Result<ParsedWorkbook> & { cancelled?: boolean };

export interface ParseHandle {
  result: Promise<ParseResult>;
  cancel(): void;
}

export const PROGRESS_INTERVAL_MS = 200;
export const CANCELLED = PARSE_CANCELLED;

function tooLarge(bytes: Uint8Array, limits: ImportLimits): ParseHandle | undefined {
  if (bytes.length <= limits.maxBytes) return undefined;
  return {
    result: Promise.resolve(
      err(
        `文件过大（${mb(bytes.length)}），最大 ${mb(limits.maxBytes)}。请删去不需要的工作表或拆分后再导入。`,
      ),
    ),
    cancel: () => {},
  };
}

/** Progress ticks, the time limit and settling once, around a parser that `stop` ends. */
function tracked(onProgress: (p: ParseProgress) => void, limits: ImportLimits, stop: () => void) {
  const started = Date.now();
  let stage = '准备读取';
  let fraction = 0;
  let finish: (r: ParseResult) => void = () => {};
  const result = new Promise<ParseResult>((resolve) => (finish = resolve));
  const report = () => onProgress({ stage, fraction, elapsedMs: Date.now() - started });
  const tick = setInterval(report, PROGRESS_INTERVAL_MS);
  const limit = setTimeout(() => done(err(parseTimeoutMessage(limits))), limits.timeLimitMs);
  let settled = false;
  function done(r: ParseResult) {
    if (settled) return;
    settled = true;
    clearInterval(tick);
    clearTimeout(limit);
    stop();
    finish(r);
  }
  function onReply(reply: ParseReply) {
    if (reply.type === 'progress') {
      stage = reply.stage;
      fraction = reply.fraction;
      report();
    } else done(reply.result);
  }
  return { result, done, onReply };
}

/** Parses in the desktop's parse process when the platform has one, else in a Web Worker. */
export function parseSpreadsheet(
  host: ParseHost | undefined,
  bytes: Uint8Array,
  fileName: string,
  onProgress: (p: ParseProgress) => void,
  limits: ImportLimits = DEFAULT_LIMITS,
): ParseHandle {
  return host
    ? parseInProcess(host, bytes, fileName, onProgress, limits)
    : parseInWorker(bytes, fileName, onProgress, limits);
}

let jobs = 0;

export function parseInProcess(
  host: ParseHost,
  bytes: Uint8Array,
  fileName: string,
  onProgress: (p: ParseProgress) => void,
  limits: ImportLimits = DEFAULT_LIMITS,
): ParseHandle {
  const refused = tooLarge(bytes, limits);
  if (refused) return refused;
  const id = `parse-${Date.now().toString(36)}-${++jobs}`;
  // Main keeps its own time limit and kills the process; this one only stops waiting.
  const t = tracked(onProgress, limits, () => void host.cancel(id).catch(() => {}));
  t.onReply({ type: 'progress', stage: '读取工作簿', fraction: 0.05 });
  host.parse({ id, fileName, data: bytes.slice() }).then(
    (result) => t.done(result),
    (e: unknown) => t.done(err(describeError(e))),
  );
  return { result: t.result, cancel: () => t.done({ ...err(CANCELLED), cancelled: true }) };
}

export function parseInWorker(
  bytes: Uint8Array,
  fileName: string,
  onProgress: (p: ParseProgress) => void,
  limits: ImportLimits = DEFAULT_LIMITS,
): ParseHandle {
  const refused = tooLarge(bytes, limits);
  if (refused) return refused;
  const worker = new Worker(new URL('../../workers/parse.worker.ts', import.meta.url), { type: 'module' });
  const t = tracked(onProgress, limits, () => worker.terminate());
  worker.onmessage = (e: MessageEvent<ParseReply>) => t.onReply(e.data);
  worker.onerror = (e) => {
    e.preventDefault();
    t.done(err('读取文件时出错，文件可能已损坏。'));
  };
  const copy = bytes.slice();
  const request: ParseRequest = { bytes: copy, fileName, limits };
  worker.postMessage(request, [copy.buffer]);
  return { result: t.result, cancel: () => t.done({ ...err(CANCELLED), cancelled: true }) };
}
