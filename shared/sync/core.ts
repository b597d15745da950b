/**
 * The one merge rule shared by exchange files (SPEC §6) and the team server's
 * sync (SPEC §11), so the two cannot disagree. Per record id the version with
 * the newer `updatedAt` wins; equal timestamps fall back to comparing the
 * records' canonical JSON, so every pair of versions has exactly one winner
 * whatever order they meet in. A tombstone is a version with `deletedAt`, so a
 * newer one deletes and an older one loses to a later edit or restore.
 */
import type { BaseRecord } from '../domain/records';

/** JSON with object keys sorted, so equal records give equal strings. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    // No prototype: a key such as __proto__ is data here, as everywhere.
    const out = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export function sameRecord(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** Positive when `a` beats `b`, negative when `b` does, 0 when they are the same version. */
export function compareVersions(a: BaseRecord, b: BaseRecord): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? 1 : -1;
  const ca = canonicalJson(a);
  const cb = canonicalJson(b);
  return ca === cb ? 0 : ca > cb ? 1 : -1;
}

export interface Resolution {
  /** Whether the incoming version replaces the one held. */
  take: boolean;
  /** Both sides changed the record: listed for review, with the version kept. */
  conflict?: { winner: 'held' | 'incoming' };
}

/**
 * What to do when `incoming` meets the version `held` of the same record: the
 * newer version is kept, always. `bothChanged` says whether each side changed
 * the record since they last agreed (since the last exchange for files, since
 * the client's base version for sync); such a pair is listed for review.
 */
export function resolveVersions(
  held: BaseRecord | undefined,
  incoming: BaseRecord,
  bothChanged: boolean,
): Resolution {
  if (!held) return { take: true };
  const order = compareVersions(incoming, held);
  if (order === 0) return { take: false };
  const take = order > 0;
  return bothChanged ? { take, conflict: { winner: take ? 'incoming' : 'held' } } : { take };
}
