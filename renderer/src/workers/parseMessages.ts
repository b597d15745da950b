import type { Result } from '../../../shared/domain/result';
import type { ImportLimits } from '../../../shared/excel/limits';
import type { ParsedWorkbook } from '../../../shared/excel/workbook';

export interface ParseRequest {
  bytes: Uint8Array;
  fileName: string;
  limits: ImportLimits;
}

export type ParseReply =
  { type: 'progress'; stage: string; fraction: number } | { type: 'done'; result: Result<ParsedWorkbook> };
