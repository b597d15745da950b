/// <reference lib="webworker" />
/**
 * Reads a spreadsheet off the UI thread. The parsing itself is the plain
 * readWorkbook of shared/excel (tested in Node); this only carries messages.
 * The page stops a worker that runs too long by terminating it.
 *
 * Memory: readWorkbook first reads the file's own structure (cells, merged
 * ranges, text runs, shared strings, unpacked size: container.ts) and
 * refuses what would need more than a few hundred MB, so SheetJS is only
 * run on files whose parse fits. If it still fails to allocate, the error
 * is answered in Chinese; a worker that dies (its heap limit reached) is
 * reported by the page's onerror, and the window stays.
 */
import type { ImportLimits } from '../../../shared/excel/limits';
import { readWorkbook } from '../../../shared/excel/workbook';
import { describeParseFailure, type ParseReply, type ParseRequest } from './parseMessages';

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
    post({ type: 'done', result: { ok: false, error: describeParseFailure(err) } });
  }
};
