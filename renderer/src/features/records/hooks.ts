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

/** id → name of events and deals, for showing references. */
export function useRefNames(): { events: Map<string, string>; deals: Map<string, string> } {
  const events = useEvents();
  const deals = useDeals();
  return {
    events: new Map(events.map((e) => [e.id, e.name])),
    deals: new Map(deals.map((d) => [d.id, d.name])),
  };
}
