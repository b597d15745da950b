import { useLiveQuery } from 'dexie-react-hooks';
import type { ChangeEntry, Deal, FollowUp, LedgerEvent, RecordOf } from '../../../shared/domain/records';
import type { LedgerKind } from './kinds';
import type { ListRow } from './listRows';
import { FIRST_PAGE_ROWS, keptFirstPage, ledgerSelectors } from './store';

/**
 * A list's compact rows (listRows.ts) of one kind, live: read again when the
 * table changes. `undefined` while loading, and until `enabled` (so a big
 * read can wait for the first screen).
 */
export function useListRows<K extends LedgerKind>(
  kind: K,
  deleted = false,
  enabled = true,
): ListRow<K>[] | undefined {
  return useLiveQuery(
    () => (enabled ? ledgerSelectors.listRows(kind, deleted) : undefined),
    [kind, deleted, enabled],
  );
}

/**
 * The rows of the first screenful of a list, read by index, until the whole
 * list is there. The kept first page (keepFirstPages) stands in until the read
 * answers, so the first render has rows.
 */
export function useRecentRows<K extends LedgerKind>(kind: K, skip: boolean): ListRow<K>[] | undefined {
  return useLiveQuery(
    () => (skip ? undefined : ledgerSelectors.recentRows(kind, FIRST_PAGE_ROWS)),
    [kind, skip],
    skip ? undefined : keptFirstPage(kind),
  );
}

export function useRecord<K extends LedgerKind>(kind: K, id: string): RecordOf<K> | null | undefined {
  return useLiveQuery(() => ledgerSelectors.byId(kind, id), [kind, id]);
}

export function useEvents(): LedgerEvent[] {
  return useLiveQuery(ledgerSelectors.events, []) ?? [];
}

export function useDeals(): Deal[] {
  return useLiveQuery(ledgerSelectors.deals, []) ?? [];
}

export function useHistory(recordId: string): ChangeEntry[] | undefined {
  return useLiveQuery(() => ledgerSelectors.history(recordId), [recordId]);
}

export function useFollowUps(targetKind: FollowUp['targetKind'], targetId: string): FollowUp[] | undefined {
  return useLiveQuery(() => ledgerSelectors.followUps(targetKind, targetId), [targetKind, targetId]);
}

export interface RefNames {
  events: Map<string, string>;
  deals: Map<string, string>;
  contacts: Map<string, string>;
}

/**
 * id → name of events (all: a small table) and of the deals and contacts
 * whose ids are given (deleted ones too), for showing references. Only the
 * referenced rows are read, never a whole 50,000-row table.
 */
export function useRefNames(
  ids: { deals?: readonly (string | undefined)[]; contacts?: readonly (string | undefined)[] } = {},
): RefNames {
  const dealIds = uniqueIds(ids.deals);
  const contactIds = uniqueIds(ids.contacts);
  return (
    useLiveQuery(() => ledgerSelectors.refNames(dealIds, contactIds), [dealIds.join(), contactIds.join()]) ??
    EMPTY_REFS
  );
}

function uniqueIds(ids: readonly (string | undefined)[] | undefined): string[] {
  return [...new Set((ids ?? []).filter((x): x is string => !!x))].sort();
}

const EMPTY_REFS: RefNames = { events: new Map(), deals: new Map(), contacts: new Map() };
