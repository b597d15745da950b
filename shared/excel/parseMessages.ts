import type { Result } from '../domain/result';
import type { ImportLimits } from './limits';
import type { ParsedWorkbook } from './workbook';

export interface ParseRequest {
  bytes: Uint8Array;
  fileName: string;
  limits: ImportLimits;
}

export type ParseReply =
  { type: 'progress'; stage: string; fraction: number } | { type: 'done'; result: Result<ParsedWorkbook> };

/** What a parse that threw instead of answering tells the user: never the exception's own text. */
export function describeParseFailure(error: unknown): string {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  if (/memory|allocation|Invalid (typed )?array length|Invalid string length|RangeError/i.test(text)) {
    return '文件内容过大，读取时内存不足，已停止。请删去不需要的工作表、行列，或拆分后再导入。';
  }
  return '读取文件时出错，文件可能已损坏或结构异常。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入。';
}

/** The parse was stopped at its time limit (worker terminated, or parse process killed). */
export function parseTimeoutMessage(limits: Pick<ImportLimits, 'timeLimitMs'>): string {
  const ms = limits.timeLimitMs;
  // Whole seconds when the limit is one; a shorter limit (tests, tiny machines) is not told as 「0 秒」.
  const limit = ms >= 1000 ? `${Math.round(ms / 1000)} 秒` : `${(ms / 1000).toFixed(1)} 秒`;
  return `读取超时（超过 ${limit}），已停止。文件可能过大或结构异常。`;
}

/** The parse process ended without answering: out of memory, or crashed on the file. */
export const PARSE_PROCESS_STOPPED =
  '文件太大或已损坏，解析进程已停止，台账未受影响。请删去不需要的工作表、行列，或拆分后再导入。';

export const PARSE_CANCELLED = '已取消读取文件。';
