/**
 * The unknown-values step for linked records: each 签约活动 name that matches
 * no event is created, mapped to an existing event, or left unlinked on
 * purpose. Pure: the wizard keeps the decisions, the import writes the events.
 */
import type { ImportWriteRow } from './duplicates';
import type { UnknownEvent } from './rows';

export type EventDecision =
  /** Create the event; `id` is given now so the rows can link to it before it is written. */
  { action: 'create'; id: string } | { action: 'map'; to: string } | { action: 'leave' };

/** Name as written → event id (new or existing), or null for 不关联. */
export function eventMapOf(
  unknown: readonly UnknownEvent[],
  decisions: Readonly<Record<string, EventDecision>>,
): Record<string, string | null> {
  const map: Record<string, string | null> = {};
  for (const u of unknown) {
    const d = decisions[u.value];
    if (!d) continue;
    map[u.value] = d.action === 'create' ? d.id : d.action === 'map' ? d.to : null;
  }
  return map;
}

/** Every unknown name decided as `create`, with fresh ids from `newId`. */
export function createAll(
  unknown: readonly UnknownEvent[],
  newId: () => string,
  current: Readonly<Record<string, EventDecision>> = {},
): Record<string, EventDecision> {
  const out: Record<string, EventDecision> = { ...current };
  for (const u of unknown) {
    const d = current[u.value];
    out[u.value] = d?.action === 'create' ? d : { action: 'create', id: newId() };
  }
  return out;
}

/** The events to create with the import: those decided `create` that a written row links to, dated by its rows. */
export function eventsToCreate(
  unknown: readonly UnknownEvent[],
  decisions: Readonly<Record<string, EventDecision>>,
  writes: readonly ImportWriteRow[],
): { id: string; name: string; startDate?: string; endDate?: string }[] {
  const used = new Set(writes.map((w) => w.input.eventId).filter((v): v is string => typeof v === 'string'));
  return unknown.flatMap((u) => {
    const d = decisions[u.value];
    if (d?.action !== 'create' || !used.has(d.id)) return [];
    const e: { id: string; name: string; startDate?: string; endDate?: string } = { id: d.id, name: u.value };
    if (u.from) e.startDate = u.from;
    if (u.to) e.endDate = u.to;
    return [e];
  });
}
