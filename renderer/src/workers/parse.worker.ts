/// <reference lib="webworker" />
/**
 * Reads a spreadsheet off the UI thread. The parsing itself is the plain
 * readWorkbook of shared/excel (tested in Node); this only carries messages.
 * The page stops a worker that runs too long by terminating it.
 */
import type { ImportLimits } from '../../../shared/excel/limits';
import { readWorkbook } from '../../../shared/excel/workbook';
import type { ParseReply, ParseRequest } from './parseMessages';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (e: MessageEvent<ParseRequest>) => {
  const { bytes, fileName, limits } = e.data;
  const post = (msg: ParseReply) => self.postMessage(msg);
  try {
    const result = readWorkbook(bytes, fileName, {
      limits: limits as ImportLimits,
      onProgress: (stage, fraction) => post({ type: 'progress', stage, fraction }),
    });
    post({ type: 'done', result });
  } catch (err) {
    post({
      type: 'done',
      result: { ok: false, error: `读取文件时出错：${err instanceof Error ? err.message : String(err)}` },
    });
  }
};
