import { useLiveQuery } from 'dexie-react-hooks';
import type { BaseRecord, ChangeEntry, Deal, FollowUp, LedgerEvent } from '../../../../shared/domain/records';
import { repos } from '../../app/services';
import { KINDS, type LedgerKind } from './kinds';

export type AnyRecord = BaseRecord & Record<string, unknown>;

/** Live list of one kind; re-renders when the table changes. `undefined` while loading. */
export function useRecords(kind: LedgerKind, deleted = false): AnyRecord[] | undefined {
  return useLiveQuery(() => KINDS[kind].repo().list(deleted ? { deletedOnly: true } : {}), [kind, deleted]);
}

export function useRecord(kind: LedgerKind, id: string): AnyRecord | null | undefined {
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

/** id → name of events, deals and contacts (deleted ones too), for showing references. */
export function useRefNames(): RefNames {
  return (
    useLiveQuery(async () => {
      const r = repos();
      const opts = { includeDeleted: true };
      const [events, deals, contacts] = await Promise.all([r.events.list(opts), r.deals.list(opts), r.contacts.list(opts)]);
      const names = (rows: { id: string; name: string }[]) => new Map(rows.map((x) => [x.id, x.name]));
      return { events: names(events), deals: names(deals), contacts: names(contacts) };
    }, []) ?? EMPTY_REFS
  );
}

const EMPTY_REFS: RefNames = { events: new Map(), deals: new Map(), contacts: new Map() };
