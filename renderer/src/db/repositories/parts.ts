import type { Table } from 'dexie';

/** Where the 16 key ranges of a table keyed by random UUIDs meet: the first hex digit. */
const BOUNDS = '123456789abcdef'.split('');

/**
 * A whole table read as 16 key-range reads instead of one. IndexedDB hands
 * each read's rows to the page in a task of its own, so reading 50,000 rows
 * no longer holds the main thread in one long task: a click that lands
 * between two parts (opening the deal list while the overview still loads)
 * is answered at once. The ranges cover every string key, whatever its first
 * character, and the result is the same rows in the same key order as
 * `toArray()`. All parts are asked for at once and awaited in turn (Dexie
 * promises, so a surrounding transaction stays open).
 */
export async function readInParts<T>(table: Table<T, string>): Promise<T[]> {
  const pk = ':id';
  const parts = [
    table.where(pk).below(BOUNDS[0]!),
    ...BOUNDS.slice(1).map((upper, i) => table.where(pk).between(BOUNDS[i]!, upper, true, false)),
    table.where(pk).aboveOrEqual(BOUNDS[BOUNDS.length - 1]!),
  ];
  const pending = parts.map((c) => c.toArray());
  const chunks: T[][] = [];
  for (const part of pending) chunks.push(await part);
  return chunks.flat();
}
