import { useLiveQuery } from 'dexie-react-hooks';
import type { ChangeEntry, Deal, FollowUp, LedgerEvent, RecordOf } from '../../../../shared/domain/records';
import { repos } from '../../app/services';
import { KINDS, type LedgerKind } from './kinds';

/**
 * Live list of one kind; re-renders when the table changes. `undefined` while
 * loading, and until `enabled` (so a big read can wait for the first screen).
 */
export function useRecords<K extends LedgerKind>(
  kind: K,
  deleted = false,
  enabled = true,
): RecordOf<K>[] | undefined {
  return useLiveQuery(
    () => (enabled ? KINDS[kind].repo().list(deleted ? { deletedOnly: true } : {}) : undefined),
    [kind, deleted, enabled],
  );
}

/** The first screenful of a list, read by index, until the whole list is there. */
export function useRecentRecords<K extends LedgerKind>(kind: K, skip: boolean): RecordOf<K>[] | undefined {
  return useLiveQuery(() => (skip ? undefined : KINDS[kind].repo().recent(50)), [kind, skip]);
}

export function useRecord<K extends LedgerKind>(kind: K, id: string): RecordOf<K> | null | undefined {
  return useLiveQuery(async () => (await KINDS[kind].repo().get(id)) ?? null, [kind, id]);
}

export function useEvents(): LedgerEvent[] {
  return useLiveQuery(() => repos().events.list(), []) ?? [];
}

export function useDeals(): Deal[] {
  return useLiveQuery(() => repos().deals.list(), []) ?? [];
}

export function useHistory(recordId: string): ChangeEntry[] | undefined {
  return useLiveQuery(() => repos().changes.forRecord(recordId), [recordId]);
}

export function useFollowUps(targetKind: FollowUp['targetKind'], targetId: string): FollowUp[] | undefined {
  return useLiveQuery(() => repos().followUps.forTarget(targetKind, targetId), [targetKind, targetId]);
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
    useLiveQuery(async () => {
      const r = repos();
      const [events, deals, contacts] = await Promise.all([
        r.events.list({ includeDeleted: true }),
        r.deals.getMany(dealIds, { includeDeleted: true }),
        r.contacts.getMany(contactIds, { includeDeleted: true }),
      ]);
      const names = (rows: readonly { id: string; name: string }[]) =>
        new Map(rows.map((x) => [x.id, x.name]));
      return { events: names(events), deals: names(deals), contacts: names(contacts) };
    }, [dealIds.join(), contactIds.join()]) ?? EMPTY_REFS
  );
}

function uniqueIds(ids: readonly (string | undefined)[] | undefined): string[] {
  return [...new Set((ids ?? []).filter((x): x is string => !!x))].sort();
}

const EMPTY_REFS: RefNames = { events: new Map(), deals: new Map(), contacts: new Map() };
