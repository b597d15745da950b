/**
 * readInParts (renderer/src/db/repositories/parts.ts) reads a whole table as
 * key ranges, so a big read reaches the page in several tasks: it must give
 * exactly toArray()'s rows, in its order, whatever the keys look like, and
 * work inside a transaction.
 */
import 'fake-indexeddb/auto';
import Dexie, { type Table } from 'dexie';
import { afterEach, expect, it } from 'vitest';
import { readInParts } from '../../renderer/src/db/repositories/parts';

interface Row {
  id: string;
  name: string;
}

class PartsDb extends Dexie {
  rows!: Table<Row, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ rows: 'id' });
  }
}

let db: PartsDb | undefined;
afterEach(async () => {
  await db?.delete();
});

const KEYS = [
  // Random UUIDs, as the app makes them, on every first digit.
  ...Array.from({ length: 300 }, () => crypto.randomUUID()),
  // Keys from other sources (exchange files, old imports) on and around every bound.
  '',
  '0',
  '1',
  '0fffffff',
  '1-',
  'f',
  'ffff',
  'g-from-elsewhere',
  'A-UPPER',
  'Z',
  '-dash',
  '签约项目-1',
  '\u{10FFFF}',
  'e',
  'efff',
];

it('gives the same rows in the same order as toArray(), for any string keys', async () => {
  db = new PartsDb(`parts-${Math.random()}`);
  await db.rows.bulkAdd(KEYS.map((id, i) => ({ id, name: `项目${i}` })));
  const whole = await db.rows.toArray();
  const parts = await readInParts(db.rows);
  expect(parts).toEqual(whole);
  expect(parts).toHaveLength(KEYS.length);
});

it('reads an empty table, and keeps a surrounding transaction open', async () => {
  db = new PartsDb(`parts-${Math.random()}`);
  expect(await readInParts(db.rows)).toEqual([]);
  const d = db;
  const after = await d.transaction('rw', d.rows, async () => {
    const before = await readInParts(d.rows);
    // Still inside the transaction: a write after the read commits with it.
    await d.rows.add({ id: 'x', name: '读后写入' });
    return [before.length, (await readInParts(d.rows)).length];
  });
  expect(after).toEqual([0, 1]);
  expect(await d.rows.get('x')).toEqual({ id: 'x', name: '读后写入' });
});
