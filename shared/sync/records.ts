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

/** Any surrogate: almost no record has one (only characters beyond the BMP), so most strings stop here. */
const ANY_SURROGATE = /[\ud800-\udfff]/;
/** A surrogate without its partner. Written without the `u` flag, which would hide lone halves. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function badString(s: string): boolean {
  return s.includes('\u0000') || (ANY_SURROGATE.test(s) && LONE_SURROGATE.test(s));
}

/**
 * A NUL or a lone UTF-16 surrogate anywhere in the record (keys included), or
 * nesting deeper than 8: PostgreSQL cannot store the first two as text. Runs on
 * every pushed record, so it walks with plain loops, allocating nothing.
 */
function badText(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return badString(value);
  if (depth > 8) return true;
  if (Array.isArray(value)) {
    for (const v of value) if (badText(v, depth + 1)) return true;
    return false;
  }
  if (value && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      if (badString(k) || badText((value as Record<string, unknown>)[k], depth + 1)) return true;
    }
  }
  return false;
}

/** A record that passed the check, with its JSON text (written once here, reused by whoever stores it). */
export interface CheckedRecord {
  record: BaseRecord;
  json: string;
}

/** The record as given with its JSON, or a Chinese message naming the record and the first bad field. */
export function checkSyncedRecordJson(kind: RecordKind, value: unknown): Result<CheckedRecord> {
  const r = checkRecord(kind, value);
  if (!r.ok) return err(describeProblems(r.problems, 1));
  const json = JSON.stringify(value);
  if (json.length > MAX_RECORD_JSON) return err('记录过大');
  if (badText(value)) return err('记录含有无法保存的字符（空字符或残缺的汉字编码）');
  return ok({ record: r.value, json });
}

/** The record as given, or a Chinese message naming the record and the first bad field. */
export function checkSyncedRecord(kind: RecordKind, value: unknown): Result<BaseRecord> {
  const r = checkSyncedRecordJson(kind, value);
  return r.ok ? ok(r.value.record) : r;
}
