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

/** Newest change first, as the list shows its rows before a sort is chosen. */
export function byNewestChange(a: { updatedAt: string }, b: { updatedAt: string }): number {
  return a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0;
}
