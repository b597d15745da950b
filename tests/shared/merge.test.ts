import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BaseRecord, ChangeEntry } from '../../shared/domain/records';
import {
  canonicalJson,
  emptyRecordSets,
  MERGE_KINDS,
  mergeDatasets,
  planMerge,
  type Dataset,
  type MergeKind,
} from '../../shared/exchange/merge';
import {
  decodeExchangeFile,
  encodeExchangeFile,
  EXCHANGE_FORMAT,
  type ExchangeFile,
} from '../../shared/exchange/format';
import { generateSample } from '../../shared/sample/generate';

// A small id space so copies often hold versions of the same records.
const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
const stamps = [
  '2026-05-01T08:00:00.000Z',
  '2026-05-01T09:00:00.000Z',
  '2026-05-02T08:00:00.000Z',
  '2026-05-03T08:00:00.000Z',
];

const recordArb = fc.record({
  id: fc.constantFrom(...ids),
  updatedAt: fc.constantFrom(...stamps),
  name: fc.constantFrom('甲', '乙', '丙'),
  deleted: fc.boolean(),
});

function toRecord(r: { id: string; updatedAt: string; name: string; deleted: boolean }): BaseRecord {
  return {
    id: r.id,
    createdAt: '2026-04-01T00:00:00.000Z',
    createdBy: '张三',
    updatedAt: r.updatedAt,
    updatedBy: '张三',
    name: r.name,
    ...(r.deleted ? { deletedAt: r.updatedAt } : {}),
  } as BaseRecord;
}

const changeArb = fc
  .record({ id: fc.constantFrom('c1', 'c2', 'c3', 'c4'), recordId: fc.constantFrom(...ids) })
  .map((c): ChangeEntry => ({
    ...c,
    recordKind: 'deal',
    action: 'update',
    changes: [],
    by: '张三',
    at: '2026-05-01T08:00:00.000Z',
    cause: { type: 'edit' },
  }));

const datasetArb: fc.Arbitrary<Dataset> = fc
  .record({
    deal: fc.array(recordArb, { maxLength: 8 }),
    contact: fc.array(recordArb, { maxLength: 8 }),
    changes: fc.array(changeArb, { maxLength: 4 }),
  })
  .map(({ deal, contact, changes }) => {
    const records = emptyRecordSets();
    // A copy holds one version per id.
    const uniq = (rows: typeof deal) => [...new Map(rows.map((r) => [r.id, toRecord(r)])).values()];
    records.deal = uniq(deal);
    records.contact = uniq(contact);
    return { records, changes: [...new Map(changes.map((c) => [c.id, c])).values()] };
  });

/** Comparable form: records sorted by id, change ids as a set. */
function norm(d: Dataset) {
  const out: Record<string, string[]> = {};
  for (const kind of MERGE_KINDS) out[kind] = d.records[kind].map(canonicalJson).sort();
  out.changes = [...new Set(d.changes.map((c) => c.id))].sort();
  return out;
}

const merge = (a: Dataset, b: Dataset) => mergeDatasets(a, b);

describe('merge properties', () => {
  it('is idempotent: merging the same file twice changes nothing the second time', () => {
    fc.assert(
      fc.property(datasetArb, datasetArb, (a, b) => {
        const once = merge(a, b);
        const twice = merge(once, b);
        expect(norm(twice)).toEqual(norm(once));
        expect(planMerge(once, b).writes).toHaveLength(0);
        expect(planMerge(once, b).newChanges).toHaveLength(0);
        expect(norm(merge(a, a))).toEqual(norm(a));
      }),
    );
  });

  it('is order-independent for three copies in every order and grouping', () => {
    fc.assert(
      fc.property(datasetArb, datasetArb, datasetArb, (a, b, c) => {
        const reference = norm(merge(merge(a, b), c));
        expect(norm(merge(merge(a, c), b))).toEqual(reference);
        expect(norm(merge(merge(b, a), c))).toEqual(reference);
        expect(norm(merge(merge(c, b), a))).toEqual(reference);
        expect(norm(merge(a, merge(b, c)))).toEqual(reference);
        expect(norm(merge(c, merge(a, b)))).toEqual(reference);
      }),
    );
  });

  it('is order-independent for four copies', () => {
    fc.assert(
      fc.property(fc.array(datasetArb, { minLength: 4, maxLength: 4 }), fc.nat(23), (copies, seed) => {
        const reference = norm(copies.reduce(merge));
        // A different permutation of the same copies.
        const perm = [...copies];
        for (let i = perm.length - 1; i > 0; i--) {
          const j = (seed + i * 7) % (i + 1);
          [perm[i], perm[j]] = [perm[j]!, perm[i]!];
        }
        expect(norm(perm.reduce(merge))).toEqual(reference);
      }),
    );
  });

  it('never loses a record changed on only one side', () => {
    fc.assert(
      fc.property(
        datasetArb,
        fc.subarray(ids),
        fc.subarray(ids),
        fc.boolean(),
        (base, changedHere, changedThere, deleteThem) => {
          // Two copies start equal; each changes its own records afterwards.
          const later = '2026-06-01T08:00:00.000Z';
          const onlyThere = changedThere.filter((id) => !changedHere.includes(id));
          const onlyHere = changedHere.filter((id) => !changedThere.includes(id));
          const edit = (d: Dataset, which: string[], tag: string): Dataset => {
            const records = emptyRecordSets();
            for (const kind of MERGE_KINDS) {
              const byId = new Map(d.records[kind].map((r) => [r.id, r]));
              for (const id of which) {
                const r = toRecord({
                  id,
                  updatedAt: later,
                  name: tag,
                  deleted: deleteThem && tag === 'there',
                });
                byId.set(id, r);
              }
              records[kind] = [...byId.values()];
            }
            return { records, changes: d.changes };
          };
          const here = edit(base, onlyHere, 'here');
          const there = edit(base, onlyThere, 'there');
          for (const merged of [merge(here, there), merge(there, here)]) {
            for (const kind of ['deal', 'contact'] as MergeKind[]) {
              const got = new Map(
                merged.records[kind].map((r) => [r.id, r as BaseRecord & { name: string }]),
              );
              for (const id of onlyHere) expect(got.get(id)?.name).toBe('here');
              for (const id of onlyThere) expect(got.get(id)?.name).toBe('there');
              // Records neither side touched stay as they were.
              for (const r of base.records[kind]) {
                if (!onlyHere.includes(r.id) && !onlyThere.includes(r.id)) {
                  expect(canonicalJson(got.get(r.id))).toBe(canonicalJson(r));
                }
              }
            }
          }
        },
      ),
    );
  });

  it('applies tombstones: a newer deletion deletes, an older one loses to a later edit', () => {
    fc.assert(
      fc.property(datasetArb, fc.constantFrom(...ids), (base, id) => {
        const live = toRecord({ id, updatedAt: stamps[1]!, name: '甲', deleted: false });
        const tomb = toRecord({ id, updatedAt: stamps[2]!, name: '甲', deleted: true });
        const withLive: Dataset = {
          records: { ...base.records, deal: [...base.records.deal.filter((r) => r.id !== id), live] },
          changes: base.changes,
        };
        const tombOnly: Dataset = { records: { ...emptyRecordSets(), deal: [tomb] }, changes: [] };
        for (const merged of [merge(withLive, tombOnly), merge(tombOnly, withLive)]) {
          expect(merged.records.deal.find((r) => r.id === id)?.deletedAt).toBe(stamps[2]);
        }
        const revived = toRecord({ id, updatedAt: stamps[3]!, name: '乙', deleted: false });
        const revivedOnly: Dataset = { records: { ...emptyRecordSets(), deal: [revived] }, changes: [] };
        const merged = merge(merge(withLive, tombOnly), revivedOnly);
        expect(merged.records.deal.find((r) => r.id === id)?.deletedAt).toBeUndefined();
      }),
    );
  });

  it('unions change-log entries by id', () => {
    fc.assert(
      fc.property(datasetArb, datasetArb, (a, b) => {
        const merged = merge(a, b);
        const expected = new Set([...a.changes, ...b.changes].map((c) => c.id));
        expect(new Set(merged.changes.map((c) => c.id))).toEqual(expected);
        expect(merged.changes.length).toBe(expected.size);
      }),
    );
  });
});

describe('conflicts for review', () => {
  const rec = (updatedAt: string, name: string) => toRecord({ id: 'x', updatedAt, name, deleted: false });
  const ds = (r: BaseRecord): Dataset => ({ records: { ...emptyRecordSets(), deal: [r] }, changes: [] });
  const since = '2026-05-01T12:00:00.000Z';

  it('lists a record changed on both sides since the last exchange, keeping the newer version', () => {
    const plan = planMerge(
      ds(rec('2026-05-02T08:00:00.000Z', '本机')),
      ds(rec('2026-05-03T08:00:00.000Z', '对方')),
      { since },
    );
    expect(plan.conflicts).toHaveLength(1);
    expect(plan.conflicts[0]).toMatchObject({ kind: 'deal', id: 'x', winner: 'incoming' });
    expect(plan.writes).toHaveLength(1);
    expect(plan.summary.deal).toEqual({ new: 0, updated: 1, deleted: 0, conflicts: 1 });
  });

  it('lists the conflict even when the local version wins, and writes nothing', () => {
    const plan = planMerge(
      ds(rec('2026-05-03T08:00:00.000Z', '本机')),
      ds(rec('2026-05-02T08:00:00.000Z', '对方')),
      { since },
    );
    expect(plan.conflicts).toEqual([expect.objectContaining({ winner: 'local' })]);
    expect(plan.writes).toHaveLength(0);
  });

  it('is no conflict when only the other side changed since the last exchange', () => {
    const plan = planMerge(
      ds(rec('2026-05-01T08:00:00.000Z', '本机')),
      ds(rec('2026-05-03T08:00:00.000Z', '对方')),
      { since },
    );
    expect(plan.conflicts).toHaveLength(0);
    expect(plan.writes).toHaveLength(1);
  });

  it('treats differing versions as conflicts when the copies never exchanged before', () => {
    const plan = planMerge(
      ds(rec('2026-04-01T08:00:00.000Z', '本机')),
      ds(rec('2026-04-02T08:00:00.000Z', '对方')),
    );
    expect(plan.conflicts).toHaveLength(1);
  });

  it('is no conflict when both sides hold the same version', () => {
    const same = rec('2026-05-03T08:00:00.000Z', '同');
    expect(planMerge(ds(same), ds({ ...same }), { since }).conflicts).toHaveLength(0);
  });

  it('counts a deletion as deleted and a restore as updated', () => {
    const live = rec('2026-05-02T08:00:00.000Z', '甲');
    const dead = { ...live, updatedAt: '2026-05-03T08:00:00.000Z', deletedAt: '2026-05-03T08:00:00.000Z' };
    expect(planMerge(ds(live), ds(dead), { since: '2026-05-02T09:00:00.000Z' }).summary.deal.deleted).toBe(1);
    expect(
      planMerge(ds(dead), ds({ ...live, updatedAt: '2026-05-04T08:00:00.000Z' })).summary.deal.updated,
    ).toBe(1);
  });
});

describe('exchange file', () => {
  it('round-trips and refuses other files plainly', () => {
    const file: ExchangeFile = {
      format: EXCHANGE_FORMAT,
      version: 1,
      source: { id: 'copy-1', name: '张三' },
      exportedAt: '2026-05-01T08:00:00.000Z',
      records: {
        ...emptyRecordSets(),
        deal: [{ ...generateSample({ today: '2026-05-01', deals: 1 }).deals[0]!, id: 'a' }],
      },
      changes: [],
    };
    const back = decodeExchangeFile(encodeExchangeFile(file));
    expect(back.ok && back.value.records.deal).toEqual(file.records.deal);
    // A record with the base fields only is not a deal: refused, naming it.
    const partial = {
      ...file,
      records: {
        ...file.records,
        deal: [toRecord({ id: 'a', updatedAt: stamps[0]!, name: '甲', deleted: false })],
      },
    };
    const refused = decodeExchangeFile(encodeExchangeFile(partial));
    expect(refused.ok ? '' : refused.error).toContain('签约项目「甲」的「投资方」：缺少此项');
    const bad = decodeExchangeFile(new TextEncoder().encode('{"a":1}'));
    expect(bad).toEqual({ ok: false, error: '不是招商台账的交换文件' });
    expect(decodeExchangeFile(new Uint8Array([0xff, 0xfe])).ok).toBe(false);
    const newer = decodeExchangeFile(new TextEncoder().encode(JSON.stringify({ ...file, version: 9 })));
    expect(newer.ok ? '' : newer.error).toMatch(/更新版本/);
    const broken = decodeExchangeFile(
      new TextEncoder().encode(JSON.stringify({ ...file, records: { deal: 'x' } })),
    );
    expect(broken.ok ? '' : broken.error).toMatch(/损坏/);
  });
});
