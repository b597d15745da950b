/**
 * What a ledger list keeps of each record: a compact row with the short
 * fields (every one 列 can show, and so every one its filters, its search and
 * its sort read), the record's id, deletion mark and change time, and for a
 * deal the few parts its light and last progress are computed from. Long
 * text, stage histories with who recorded them, done milestones and linked
 * contacts stay in the database: at 50,000 deals a list of full records held
 * several times the memory. The detail page reads its one record; the list
 * export reads the full records of the rows shown when it runs.
 */
import type { FieldSpec } from '../../../shared/domain/fields';
import { fieldValue } from '../../../shared/domain/records';
import { dealLightPartsOf, type DealLightParts } from '../../../shared/domain/derived';
import type {
  BaseRecord,
  Company,
  Contact,
  Deal,
  LedgerEvent,
  RecordOf,
} from '../../../shared/domain/records';
import { KINDS, type LedgerKind } from './kinds';

/** A list row of a kind: its short fields (optional: a row has the ones its record has). */
type Short<R extends BaseRecord, Required extends keyof R> = Partial<Omit<R, keyof BaseRecord>> &
  Pick<R, Required | 'id' | 'updatedAt' | 'deletedAt'>;

export type DealListRow = Omit<Short<Deal, 'name' | 'stage'>, 'stageHistory' | 'milestones' | 'contactIds'> &
  DealLightParts;
export type ContactListRow = Omit<Short<Contact, 'name'>, 'notes'>;
export type CompanyListRow = Omit<Short<Company, 'name' | 'status'>, 'statusHistory' | 'contactIds'>;
export type EventListRow = Short<LedgerEvent, 'name'>;

interface ListRowByKind {
  deal: DealListRow;
  contact: ContactListRow;
  company: CompanyListRow;
  event: EventListRow;
}
export type ListRow<K extends LedgerKind> = ListRowByKind[K];

/** The fields a list row keeps: all but long text (never a column), unless a filter or the search reads it. */
export function listFieldsOf(fields: readonly FieldSpec[]): string[] {
  return fields.filter((f) => f.type !== 'longtext' || f.filter || f.searchable).map((f) => f.key);
}

const KEPT: { [K in LedgerKind]: readonly string[] } = {
  deal: listFieldsOf(KINDS.deal.fields),
  contact: listFieldsOf(KINDS.contact.fields),
  company: listFieldsOf(KINDS.company.fields),
  event: listFieldsOf(KINDS.event.fields),
};

/**
 * One copy of each short string for a whole read. Records read from the
 * database each bring their own copy of every value: 50,000 deals bring
 * 50,000 copies of 已签约, of each team's name and of each common date.
 */
export function stringPool(): (value: string) => string {
  const pool = new Map<string, string>();
  return (value) => {
    if (value.length > 24) return value;
    const kept = pool.get(value);
    if (kept !== undefined) return kept;
    pool.set(value, value);
    return value;
  };
}

const ONE_USE = (value: string) => value;

/** The list row of one record: the kept fields copied (short strings through `pool`), nothing else. */
export function listRowOf<K extends LedgerKind>(
  kind: K,
  record: RecordOf<K>,
  pool: (value: string) => string = ONE_USE,
): ListRow<K> {
  const out: Record<string, unknown> = { id: record.id, updatedAt: record.updatedAt };
  if (record.deletedAt) out.deletedAt = record.deletedAt;
  for (const key of KEPT[kind]) {
    const value = (record as unknown as Record<string, unknown>)[key];
    if (value === undefined || value === null || value === '') continue;
    out[key] = typeof value === 'string' ? pool(value) : value;
  }
  if (kind === 'deal') {
    // A leader's override sets the light shown: it is not a field of the form, but the list needs it.
    const deal = record as Deal;
    if (deal.lightOverride) out.lightOverride = deal.lightOverride;
    const parts = dealLightPartsOf(deal);
    out.stageHistory = parts.stageHistory.map((h) => ({ stage: pool(h.stage), date: pool(h.date) }));
    out.milestones = parts.milestones.map((m) => ({ name: pool(m.name), plannedDate: pool(m.plannedDate!) }));
    if (parts.lastMilestoneDone) out.lastMilestoneDone = pool(parts.lastMilestoneDone);
  }
  return out as unknown as ListRow<K>;
}

export interface RowSearch<R> {
  /** The search, trimmed and lower-cased; empty for none. */
  query: string;
  /** The filters with values chosen: a row is kept when one of its values is among them. */
  filters: readonly { key: string; values: ReadonlySet<string>; extra?: { valuesOf(row: R): string[] } }[];
  /** The fields a scan reads (the kind's searchable ones). */
  searchKeys: readonly string[];
  /** The index's answer for the rows (1 at each match), null while it is being built; null for no index. */
  match: ((query: string, rows: readonly R[]) => Uint8Array | null) | null;
}

/**
 * The rows a list keeps for its search and filters, in their order. A list
 * holds live rows or deleted ones (ledgerSelectors.listRows), never both:
 * its first row tells which. Live rows are searched through the index,
 * deleted ones (not indexed), and all while the index is being built, are
 * scanned. Nothing is read from every row: the rows differ in shape (a row
 * has the fields its record has), and reading a field most of them lack
 * costs about 0.5 µs a row, 25 ms a keystroke at 50,000 deals.
 */
export function keptRows<R extends { deletedAt?: string }>(
  rows: readonly R[],
  s: RowSearch<R>,
): readonly R[] {
  const { query, filters } = s;
  if (!query && !filters.length) return rows;
  const hits = query && !rows[0]?.deletedAt && s.match ? s.match(query, rows) : null;
  if (hits && !filters.length) {
    // A search alone: one pass over the index's answer, touching only the rows it keeps.
    const found: R[] = [];
    for (let i = 0; i < hits.length; i++) if (hits[i] === 1) found.push(rows[i]!);
    return found;
  }
  const scanned = (r: R) =>
    s.searchKeys.some((key) =>
      String(fieldValue(r, key) ?? '')
        .toLowerCase()
        .includes(query),
    );
  return rows.filter((r, i) => {
    if (query && !(hits ? hits[i] === 1 : scanned(r))) return false;
    for (const { key, values, extra } of filters) {
      const own = extra ? extra.valuesOf(r) : [String(fieldValue(r, key) ?? '')];
      if (!own.some((v) => values.has(v))) return false;
    }
    return true;
  });
}
