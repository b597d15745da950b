/**
 * The compact import trace (过程痕迹, SPEC §2.6). An import writes, for each
 * record it creates, an entry that names the batch and the source row instead
 * of copying every field: the values it imported are the record as it stands
 * with every later change rolled back. Reading the history fills the entry's
 * changes in, so the history shows the imported values as before; entries
 * written in full by earlier versions read as they always did.
 */
import type { ChangeEntry, FieldChange } from './records';

const SYSTEM_FIELDS = new Set(['id', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy']);

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Field-by-field difference of two versions of a record, system fields left out. */
export function diffRecords(before: object | undefined, after: object | undefined): FieldChange[] {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const changes: FieldChange[] = [];
  for (const field of keys) {
    if (SYSTEM_FIELDS.has(field)) continue;
    if (!same(a[field], b[field])) changes.push({ field, old: a[field] ?? null, new: b[field] ?? null });
  }
  return changes;
}

/** An import entry that refers to its batch and row instead of carrying the values. */
export function isCompactImport(entry: ChangeEntry): boolean {
  return entry.action === 'import' && entry.changes.length === 0;
}

/** A field every stored record of its kind has (name, or a follow-up's date, a target's year…). */
const REQUIRED_FIELDS = new Set(['name', 'date', 'description', 'year', 'month']);

/**
 * Whether an entry records the record arriving on this laptop (created, or
 * merged in from an exchange file) rather than a change to it: every field
 * was empty before, a required one among them. Rolling it back would empty
 * the record, so it is not a change to roll back.
 */
function isArrival(e: ChangeEntry): boolean {
  return (
    e.changes.some((c) => REQUIRED_FIELDS.has(c.field)) &&
    e.changes.every((c) => c.old === null || c.old === undefined)
  );
}

/**
 * The record's fields as the entry's write left them: each field's value is
 * the `old` value of the earliest later change to it, else its value now.
 */
export function valuesAt(
  entry: ChangeEntry,
  record: object,
  entries: readonly ChangeEntry[],
): Record<string, unknown> {
  const values: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  const later = entries
    .filter((e) => e.id !== entry.id && e.at >= entry.at && !isArrival(e))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  // Newest first, so the earliest change's old value is the one left standing.
  for (const e of later)
    for (const c of e.changes) {
      if (c.old === null || c.old === undefined) delete values[c.field];
      else values[c.field] = c.old;
    }
  return values;
}

/**
 * One record's entries with every compact import entry filled in from the
 * record (`undefined` when it is gone: the entry then lists no values).
 */
export function expandHistory(entries: readonly ChangeEntry[], record: object | undefined): ChangeEntry[] {
  return entries.map((e) =>
    isCompactImport(e) && record
      ? { ...e, changes: diffRecords(undefined, valuesAt(e, record, entries)) }
      : e,
  );
}
