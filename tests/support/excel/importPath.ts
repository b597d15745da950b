/**
 * The import path as the wizard runs it, minus the page: read, pick each
 * sheet, detect the layout, map, convert, accept every unknown list value
 * (the values step), match duplicates and plan. Throws on anything the
 * mutation test counts as a failure; returns what a write would send.
 */
import {
  findMatches,
  planRows,
  writeRows,
  type ImportMode,
  type ImportWriteRow,
} from '../../../shared/excel/duplicates';
import type { ImportLimits } from '../../../shared/excel/limits';
import { previewSheet } from '../../../shared/excel/preview';
import { unknownListValues, type ImportRow, type NamedRef } from '../../../shared/excel/rows';
import { ID_FIELD, importFields, type ImportKind } from '../../../shared/excel/synonyms';
import { readWorkbook } from '../../../shared/excel/workbook';
import { CONVERT_SETTINGS } from './mutate';

const CHINESE = /[\u4e00-\u9fff]/;

export class PathFailure extends Error {
  override name = 'PathFailure';
}

function clearError(where: string, e: unknown): void {
  if (typeof e !== 'string' || !CHINESE.test(e))
    throw new PathFailure(`${where}: not a Chinese message: ${String(e)}`);
}

function checkCell(c: unknown): void {
  if (c === null || typeof c === 'string' || typeof c === 'boolean') return;
  if (typeof c === 'number' && Number.isFinite(c)) return;
  throw new PathFailure(`cell of unexpected value ${String(c)} (${typeof c})`);
}

function checkRows(kind: ImportKind, rows: readonly ImportRow[]): void {
  const allowed = new Set([...importFields(kind).map((f) => f.key), ID_FIELD, 'phone']);
  const listFields = new Set(
    importFields(kind)
      .filter((f) => f.type === 'list')
      .map((f) => f.key),
  );
  for (const row of rows) {
    for (const key of Object.keys(row.input)) {
      if (!allowed.has(key)) throw new PathFailure(`row ${row.rowNumber}: unexpected field ${key}`);
    }
    if (Object.getPrototypeOf(row.input) !== Object.prototype && Object.getPrototypeOf(row.input) !== null)
      throw new PathFailure(`row ${row.rowNumber}: input has a foreign prototype`);
    for (const [key, v] of Object.entries(row.input)) {
      const fine =
        typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
      if (!fine) throw new PathFailure(`row ${row.rowNumber}: ${key} is ${typeof v}`);
    }
    for (const p of row.problems) {
      clearError(`row ${row.rowNumber} problem`, p.message);
      // Any text is a valid list value (unknown ones are imported as written, with a warning).
      if (p.level === 'error' && p.field && listFields.has(p.field))
        throw new PathFailure(`row ${row.rowNumber}: list field ${p.field} refused: ${p.message}`);
    }
  }
}

export type { ImportWriteRow };

export interface PathOutcome {
  error?: string;
  /** Per sheet that previewed: what a write would send. */
  writes: { kind: ImportKind; rows: ImportWriteRow[]; skipped: number }[];
}

export function runImportPath(
  bytes: Uint8Array,
  fileName: string,
  refs: { events: NamedRef[]; deals: NamedRef[] } = { events: [], deals: [] },
  mode: ImportMode = 'upsert',
  limits?: ImportLimits,
): PathOutcome {
  const r = readWorkbook(bytes, fileName, limits ? { limits } : {});
  if (!r.ok) {
    clearError('readWorkbook', r.error);
    return { error: r.error, writes: [] };
  }
  if (r.value.sheets.length === 0) throw new PathFailure('ok without sheets');
  const writes: PathOutcome['writes'] = [];
  for (const sheet of r.value.sheets.slice(0, 4)) {
    if (typeof sheet.name !== 'string') throw new PathFailure('sheet name is not text');
    if (sheet.error) {
      clearError('sheet', sheet.error);
      continue;
    }
    for (const row of sheet.rows) {
      if (!Array.isArray(row)) throw new PathFailure('row is not an array');
      row.forEach(checkCell);
    }
    const ctx = { settings: CONVERT_SETTINGS, ...refs };
    const first = previewSheet(sheet.rows, undefined, ctx);
    if (!first.ok) {
      clearError('preview', first.error);
      continue;
    }
    const { kind, mapping } = first.value;
    checkRows(kind, first.value.rows);
    // The values step, built the way the store builds it: every other unknown
    // list value is added as written, the rest are left undecided.
    const listMap: Record<string, Record<string, string>> = {};
    unknownListValues(kind, first.value.rows, CONVERT_SETTINGS).forEach((u, i) => {
      if (i % 2 === 0) (listMap[u.field] ??= {})[u.value] = u.value;
    });
    const p = previewSheet(sheet.rows, kind, { ...ctx, listMap }, mapping);
    if (!p.ok) throw new PathFailure('preview failed on the second pass');
    checkRows(kind, p.value.rows);
    const matches = findMatches(kind, p.value.rows, []);
    const planned = planRows(kind, p.value.rows, matches, mode, new Set());
    const rows = writeRows(p.value.rows, planned);
    writes.push({ kind, rows, skipped: planned.length - rows.length });
  }
  return { writes };
}

/** Own keys of the built-in prototypes, to see that nothing was added to them. */
export function prototypeKeys(): string {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype]
    .map((p) => Reflect.ownKeys(p).map(String).sort().join(','))
    .join('|');
}

export function assertNotPolluted(before: string): void {
  const probe = {} as Record<string, unknown>;
  if (probe.polluted !== undefined || probe['1'] !== undefined)
    throw new PathFailure('Object.prototype polluted');
  if (prototypeKeys() !== before) throw new PathFailure('built-in prototypes changed');
}
