/**
 * The ledger lists hold a compact row per record (renderer/src/ledger/listRows.ts):
 * every value a list shows, filters, searches or sorts on must be the
 * record's own, a deal's light must come out as from the full record, and
 * the rows must be much smaller than the records they stand for.
 */
import { describe, expect, it } from 'vitest';
import { laterDay, lastFollowUpOf, openProblemsOf } from '../../shared/domain/derived';
import { FIELDS_BY_KIND } from '../../shared/domain/fields';
import { computeLight, computeLightSince } from '../../shared/domain/lights';
import { byNewestChange, fieldValue, type LedgerKind, type RecordOf } from '../../shared/domain/records';
import { generateSample } from '../../shared/sample/generate';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { keptRows, listFieldsOf, listRowOf, stringPool } from '../../renderer/src/ledger/listRows';
import type { DealListRow, RowSearch } from '../../renderer/src/ledger/listRows';
import { haystackOf } from '../../renderer/src/db/haystackReader';
import { HaystackStore } from '../../shared/search/haystackStore';
import { normalizeQuery, pinyinKeys } from '../../shared/search/pinyin';

const TODAY = '2026-10-15';
const sample = generateSample({ today: TODAY, seed: 7, deals: 600, contacts: 400, companies: 150 });
const byKind: { [K in LedgerKind]: RecordOf<K>[] } = {
  deal: sample.deals,
  contact: sample.contacts,
  company: sample.companies,
  event: sample.events,
};
const KINDS: LedgerKind[] = ['deal', 'contact', 'company', 'event'];
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}
const blank = (v: unknown) => v === undefined || v === null || v === '';

describe('list rows', () => {
  it.each(KINDS)('keep every short field of a %s as the record has it, and no long text', (kind) => {
    const fields = FIELDS_BY_KIND[kind];
    const kept = new Set(listFieldsOf(fields));
    for (const record of byKind[kind] as RecordOf<typeof kind>[]) {
      const row = listRowOf(kind, record);
      expect(row.id).toBe(record.id);
      expect(row.updatedAt).toBe(record.updatedAt);
      for (const f of fields) {
        const value = fieldValue(record, f.key);
        if (kept.has(f.key)) {
          if (blank(value)) expect(blank(fieldValue(row, f.key))).toBe(true);
          else expect(fieldValue(row, f.key)).toEqual(value);
        } else expect(fieldValue(row, f.key)).toBeUndefined();
      }
      // Who wrote it and when it was made are on the detail page, not in the list.
      expect(fieldValue(row, 'createdBy')).toBeUndefined();
      expect(fieldValue(row, 'notes')).toBeUndefined();
    }
    // Every column the list can show is kept (longtext is never a column).
    for (const f of fields) if (f.type !== 'longtext') expect(kept.has(f.key)).toBe(true);
  });

  it('marks deleted records, and sorts newest change first', () => {
    const [a, b, c] = sample.deals;
    const gone = listRowOf('deal', { ...a!, deletedAt: '2026-10-01T02:00:00.000Z' });
    expect(gone.deletedAt).toBe('2026-10-01T02:00:00.000Z');
    expect(listRowOf('deal', b!).deletedAt).toBeUndefined();
    const rows = [
      { ...listRowOf('deal', a!), updatedAt: '2026-01-01T00:00:00.000Z' },
      { ...listRowOf('deal', b!), updatedAt: '2026-03-01T00:00:00.000Z' },
      { ...listRowOf('deal', c!), updatedAt: '2026-02-01T00:00:00.000Z' },
    ].sort(byNewestChange);
    expect(rows.map((r) => r.id)).toEqual([b!.id, c!.id, a!.id]);
  });

  it('gives every deal the light and last progress its full record gives, on several days', () => {
    const followUps = groupBy(
      sample.followUps.filter((f) => f.targetKind === 'deal'),
      (f) => f.targetId,
    );
    const problems = groupBy(sample.problems, (p) => p.dealId);
    const t = DEFAULT_SETTINGS.lightThresholds;
    const lit = new Set<string>();
    for (const today of [TODAY, '2027-03-01', '2028-02-29']) {
      for (const deal of sample.deals) {
        const fus = followUps.get(deal.id) ?? [];
        const open = openProblemsOf(problems.get(deal.id) ?? []);
        const full = computeLight(deal, fus, today, t, open);
        const row = listRowOf('deal', deal);
        const fromRow = computeLightSince(
          row,
          laterDay(lastFollowUpOf(fus), row.lastMilestoneDone),
          today,
          t,
          open,
        );
        expect(fromRow, deal.name).toEqual(full);
        lit.add(full.light);
      }
    }
    // The sample lights every colour, so the comparison covers each rule's branch.
    expect([...lit].sort()).toEqual(['green', 'red', 'yellow']);
  });

  it('hold the same values when a read shares its short strings', () => {
    const pool = stringPool();
    const pooled = sample.deals.map((d) => listRowOf('deal', structuredClone(d), pool));
    expect(pooled).toEqual(sample.deals.map((d) => listRowOf('deal', d)));
  });

  it('are under half the size of the full deal records', () => {
    const full = JSON.stringify(sample.deals).length;
    const rows = JSON.stringify(sample.deals.map((d) => listRowOf('deal', d))).length;
    expect(rows / full).toBeLessThan(0.5);
  });
});

describe('the rows a search and filters keep (keptRows)', () => {
  const pool = stringPool();
  const live = sample.deals.filter((d) => !d.deletedAt);
  const rows = live.map((d) => listRowOf('deal', d, pool)).sort(byNewestChange);
  const store = new HaystackStore();
  for (const d of live) store.set(d.id, haystackOf('deal', d as never));
  const match = (query: string, of: readonly { id: string }[]) => store.matchRows(normalizeQuery(query), of);
  const searchKeys = FIELDS_BY_KIND.deal.filter((f) => f.searchable).map((f) => f.key);
  const byId = new Map(live.map((d) => [d.id, d]));

  it('keeps the live rows the index finds (pinyin initials too), in the list’s order, and every row for no search', () => {
    const name = rows[37]!.name;
    const initials = pinyinKeys(name).initials.slice(0, 3);
    for (const query of [name.slice(0, 2), initials]) {
      const kept = keptRows(rows, { query, filters: [], searchKeys, match });
      const expected = rows.filter((r) =>
        haystackOf('deal', byId.get(r.id) as never).includes(normalizeQuery(query)),
      );
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.length).toBeLessThan(rows.length);
      expect(kept).toEqual(expected);
    }
    expect(keptRows(rows, { query: '', filters: [], searchKeys, match })).toBe(rows);
    expect(keptRows(rows, { query: 'zzzqqq', filters: [], searchKeys, match })).toEqual([]);
  });

  it('scans while the index is being built, and always for deleted rows (not indexed)', () => {
    const query = rows[5]!.name.slice(0, 2).toLowerCase();
    const scanned = rows.filter((r) =>
      searchKeys.some((k) =>
        String(fieldValue(r, k) ?? '')
          .toLowerCase()
          .includes(query),
      ),
    );
    expect(keptRows(rows, { query, filters: [], searchKeys, match: () => null })).toEqual(scanned);
    expect(keptRows(rows, { query, filters: [], searchKeys, match: null })).toEqual(scanned);
    const deleted = live
      .slice(0, 40)
      .map((d) => listRowOf('deal', { ...d, id: `del-${d.id}`, deletedAt: '2026-10-01T08:00:00.000Z' }));
    const target = deleted[17]!;
    // The index does not hold deleted records: asking it would find none of them.
    const kept = keptRows(deleted, { query: target.name.toLowerCase(), filters: [], searchKeys, match });
    expect(kept).toContain(target);
    expect(kept.every((r) => r.name.toLowerCase().includes(target.name.toLowerCase()))).toBe(true);
  });

  it('keeps a row only when the search and every filter agree, a computed filter by its own values', () => {
    const team = rows[3]!.team!;
    const query = rows[3]!.name.slice(0, 1);
    const filters: RowSearch<DealListRow>['filters'] = [
      { key: 'team', values: new Set([team]) },
      {
        key: 'light',
        values: new Set(['odd']),
        extra: { valuesOf: (r: DealListRow) => [r.id.length % 2 ? 'odd' : 'even'] },
      },
    ];
    const kept = keptRows(rows, { query, filters, searchKeys, match });
    const found = new Set(keptRows(rows, { query, filters: [], searchKeys, match }));
    expect(kept).toEqual(rows.filter((r) => found.has(r) && r.team === team && r.id.length % 2 === 1));
    expect(keptRows(rows, { query: '', filters: filters.slice(0, 1), searchKeys, match })).toEqual(
      rows.filter((r) => r.team === team),
    );
  });
});
