import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HaystackStore } from '../../shared/search/haystackStore';

const sorted = (ids: string[]) => [...ids].sort();

describe('haystack store', () => {
  it('finds records by any part of their haystack, and every live record for an empty query', () => {
    const store = new HaystackStore();
    store.set('a', 'dadongxieye');
    store.set('b', 'wanguan');
    store.set('c', '13800138000');
    expect(store.find('dd')).toEqual([]);
    expect(store.find('dong')).toEqual(['a']);
    expect(store.find('an')).toEqual(['b']);
    expect(store.find('1380')).toEqual(['c']);
    expect(sorted(store.find(''))).toEqual(['a', 'b', 'c']);
    expect(store.size).toBe(3);
  });

  it('never matches across two records, nor for a query holding a separator', () => {
    const store = new HaystackStore(4);
    store.set('a', 'abc');
    store.set('b', 'def');
    expect(store.find('cd')).toEqual([]);
    expect(store.find('c\u0000d')).toEqual([]);
    expect(store.find('c')).toEqual(['a']);
    expect(store.find('d')).toEqual(['b']);
  });

  it('finds an updated record under its new text and not its old one, also right after narrowing', () => {
    const store = new HaystackStore(2);
    for (const id of ['a', 'b', 'c', 'd', 'e']) store.set(id, `x${id}`);
    expect(store.find('x')).toHaveLength(5);
    expect(store.find('xc')).toEqual(['c']);
    store.set('c', 'yc');
    expect(store.find('xc')).toEqual([]);
    expect(store.find('yc')).toEqual(['c']);
    expect(store.find('x')).toHaveLength(4);
    expect(store.find('c')).toEqual(['c']);
  });

  it('answers a shorter query again after backspace, and sees writes made in between', () => {
    const store = new HaystackStore(2);
    store.set('a', 'dadong');
    store.set('b', 'dingding');
    expect(sorted(store.find('d'))).toEqual(['a', 'b']);
    expect(store.find('da')).toEqual(['a']);
    expect(store.find('dad')).toEqual(['a']);
    expect(sorted(store.find('d'))).toEqual(['a', 'b']);
    store.set('c', 'dongfang');
    expect(store.find('da')).toEqual(['a']);
    expect(sorted(store.find('d'))).toEqual(['a', 'b', 'c']);
    store.delete('a');
    expect(store.find('da')).toEqual([]);
    expect(sorted(store.find('d'))).toEqual(['b', 'c']);
  });

  it('reuses the slot of a deleted record and forgets everything on clear', () => {
    const store = new HaystackStore(2);
    store.set('a', 'one');
    store.set('b', 'two');
    store.delete('a');
    expect(store.find('one')).toEqual([]);
    store.set('c', 'three');
    expect(store.find('t')).toEqual(['c', 'b']);
    expect(store.size).toBe(2);
    store.clear();
    expect(store.find('')).toEqual([]);
    expect(store.size).toBe(0);
    store.set('d', 'four');
    expect(store.find('our')).toEqual(['d']);
  });

  it('flags the rows of a list that match, by position, as records come and go', () => {
    const store = new HaystackStore(2);
    store.set('a', 'dadong');
    store.set('b', 'wanguan');
    const rows = [{ id: 'b' }, { id: 'gone' }, { id: 'a' }, { id: 'c' }];
    store.prepareRows(rows);
    expect([...store.matchRows('d', rows)]).toEqual([0, 0, 1, 0]);
    expect([...store.matchRows('', rows)]).toEqual([1, 0, 1, 0]);
    store.set('c', 'dingding');
    expect([...store.matchRows('d', rows)]).toEqual([0, 0, 1, 1]);
    store.delete('a');
    expect([...store.matchRows('d', rows)]).toEqual([0, 0, 0, 1]);
    store.set('b', 'dongfang');
    expect([...store.matchRows('d', rows)]).toEqual([1, 0, 0, 1]);
  });

  it('agrees with a plain scan of every haystack over any sequence of writes and searches', () => {
    type Op =
      | { op: 'set'; id: string; hay: string }
      | { op: 'delete'; id: string }
      | { op: 'clear' }
      | { op: 'find'; q: string }
      | { op: 'rows'; q: string };
    const pool = 'abcdefghijklmnop'.split('');
    const id = fc.constantFrom(...pool);
    // One rows array for the whole run, as a list keeps its rows between keystrokes.
    const rows = [...pool, 'a', 'zz'].map((k) => ({ id: k }));
    const query = fc.string({ unit: fc.constantFrom('x', 'y', 'z'), maxLength: 3 });
    const text = (max: number) =>
      fc.string({ unit: fc.constantFrom('x', 'y', 'z', '\u0001'), maxLength: max });
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 5, arbitrary: fc.record({ op: fc.constant('set' as const), id, hay: text(6) }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), id }) },
      { weight: 1, arbitrary: fc.constant({ op: 'clear' as const }) },
      { weight: 6, arbitrary: fc.record({ op: fc.constant('find' as const), q: query }) },
      { weight: 3, arbitrary: fc.record({ op: fc.constant('rows' as const), q: query }) },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(op, { maxLength: 60 }), (blockSize, ops) => {
        const store = new HaystackStore(blockSize);
        const model = new Map<string, string>();
        for (const o of ops) {
          if (o.op === 'set') {
            store.set(o.id, o.hay);
            model.set(o.id, o.hay);
          } else if (o.op === 'delete') {
            store.delete(o.id);
            model.delete(o.id);
          } else if (o.op === 'clear') {
            store.clear();
            model.clear();
          } else if (o.op === 'find') {
            const expected = [...model].filter(([, hay]) => hay.includes(o.q)).map(([k]) => k);
            expect(sorted(store.find(o.q))).toEqual(sorted(expected));
          } else {
            const expected = rows.map((r) => (model.get(r.id)?.includes(o.q) ? 1 : 0));
            expect([...store.matchRows(o.q, rows)]).toEqual(expected);
          }
        }
        expect(store.size).toBe(model.size);
      }),
      { numRuns: 500 },
    );
  });
});
