/**
 * The check every record crossing the wire passes (SPEC §11): the one gate of
 * `shared/gate` (shape, field rules and the facts a stage needs), plus what
 * PostgreSQL cannot store and a size bound per record.
 */
import type { BaseRecord, RecordKind } from '../domain/records';
import { err, ok, type Result } from '../domain/result';
import { checkRecord, describeProblems } from '../gate/gate';

export { RECORD_KINDS } from '../gate/schemas';

/** A record larger than this as JSON is refused (the largest real ones are a few KB). */
export const MAX_RECORD_JSON = 64 * 1024;

/** A NUL or a lone UTF-16 surrogate anywhere in the record: PostgreSQL cannot store either as text. */
function badText(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000') || /\p{Cs}/u.test(value);
  if (depth > 8) return true;
  if (Array.isArray(value)) return value.some((v) => badText(v, depth + 1));
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => badText(k) || badText(v, depth + 1));
  }
  return false;
}

/** The record as given, or a Chinese message naming the record and the first bad field. */
export function checkSyncedRecord(kind: RecordKind, value: unknown): Result<BaseRecord> {
  const r = checkRecord(kind, value);
  if (!r.ok) return err(describeProblems(r.problems, 1));
  if (JSON.stringify(value).length > MAX_RECORD_JSON) return err('记录过大');
  if (badText(value)) return err('记录含有无法保存的字符（空字符或残缺的汉字编码）');
  return ok(r.value);
}
