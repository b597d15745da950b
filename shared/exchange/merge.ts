/**
 * Merging two copies of the ledger (SPEC §6). Per record id the version with
 * the newer `updatedAt` wins; equal timestamps fall back to comparing the
 * records' canonical JSON, so every pair of versions has one winner whatever
 * the order they meet in. That makes the merge a join: idempotent,
 * commutative and associative, hence order-independent across any number of
 * copies. A tombstone is just a version with `deletedAt`, so a newer one
 * deletes and an older one loses to a later edit or restore.
 */
import type { BaseRecord, ChangeEntry, RecordKind } from '../domain/records';
import { compareVersions, resolveVersions } from '../sync/core';

export { canonicalJson, compareVersions } from '../sync/core';

export const MERGE_KINDS = [
  'event',
  'deal',
  'contact',
  'company',
  'followUp',
  'target',
  'fundReport',
  'problem',
] as const satisfies readonly RecordKind[];
export type MergeKind = (typeof MERGE_KINDS)[number];

export type RecordSets = Record<MergeKind, BaseRecord[]>;

export interface Dataset {
  records: RecordSets;
  changes: ChangeEntry[];
}

export function emptyRecordSets(): RecordSets {
  return {
    event: [],
    deal: [],
    contact: [],
    company: [],
    followUp: [],
    target: [],
    fundReport: [],
    problem: [],
  };
}

export type WriteKind = 'new' | 'updated' | 'deleted' | 'restored';

export interface PlannedWrite {
  kind: MergeKind;
  /** What the local copy had before; absent for a record new to it. */
  before?: BaseRecord;
  after: BaseRecord;
  effect: WriteKind;
}

export interface Conflict {
  kind: MergeKind;
  id: string;
  local: BaseRecord;
  incoming: BaseRecord;
  /** Which version the merge keeps unless the user picks the other. */
  winner: 'local' | 'incoming';
}

export interface KindSummary {
  new: number;
  updated: number;
  deleted: number;
  conflicts: number;
}

export interface MergePlan {
  writes: PlannedWrite[];
  conflicts: Conflict[];
  /** Change-log entries of the other copy this copy does not have yet. */
  newChanges: ChangeEntry[];
  summary: Record<MergeKind, KindSummary>;
}

export interface MergeOptions {
  /**
   * When this copy last exchanged with the other one. A record changed after
   * it on both sides is a conflict for review; without it every record both
   * sides hold in different versions is.
   */
  since?: string;
}

function effectOf(before: BaseRecord | undefined, after: BaseRecord): WriteKind {
  if (!before) return 'new';
  if (after.deletedAt && !before.deletedAt) return 'deleted';
  if (!after.deletedAt && before.deletedAt) return 'restored';
  return 'updated';
}

/**
 * What merging `incoming` into `local` would write. `local` needs to hold at
 * least the local versions of the ids in `incoming` (the rest is ignored).
 */
export function planMerge(local: Dataset, incoming: Dataset, opts: MergeOptions = {}): MergePlan {
  const writes: PlannedWrite[] = [];
  const conflicts: Conflict[] = [];
  const summary = {} as Record<MergeKind, KindSummary>;
  for (const kind of MERGE_KINDS) {
    const counts: KindSummary = { new: 0, updated: 0, deleted: 0, conflicts: 0 };
    summary[kind] = counts;
    const mine = new Map(local.records[kind].map((r) => [r.id, r]));
    // The same id twice in one file: only its winning version counts.
    const theirs = new Map<string, BaseRecord>();
    for (const r of incoming.records[kind]) {
      const seen = theirs.get(r.id);
      if (!seen || compareVersions(r, seen) > 0) theirs.set(r.id, r);
    }
    for (const [id, other] of theirs) {
      const own = mine.get(id);
      const both = !!own && changedSince(own, opts.since) && changedSince(other, opts.since);
      const { take, conflict } = resolveVersions(own, other, both);
      if (own && conflict) {
        conflicts.push({
          kind,
          id,
          local: own,
          incoming: other,
          winner: conflict.winner === 'held' ? 'local' : 'incoming',
        });
        counts.conflicts++;
      }
      if (!take) continue;
      const effect = effectOf(own, other);
      writes.push({ kind, before: own, after: other, effect });
      if (effect === 'new') counts.new++;
      else if (effect === 'deleted') counts.deleted++;
      else counts.updated++;
    }
  }
  const known = new Set(local.changes.map((c) => c.id));
  const newChanges: ChangeEntry[] = [];
  for (const c of incoming.changes) {
    if (known.has(c.id)) continue;
    known.add(c.id);
    newChanges.push(c);
  }
  return { writes, conflicts, newChanges, summary };
}

function changedSince(record: BaseRecord, since: string | undefined): boolean {
  return since === undefined || record.updatedAt > since;
}

/** The dataset after a plan is applied: the pure counterpart of the database write. */
export function applyPlan(local: Dataset, plan: MergePlan): Dataset {
  const records = emptyRecordSets();
  for (const kind of MERGE_KINDS) {
    const byId = new Map(local.records[kind].map((r) => [r.id, r]));
    for (const w of plan.writes) if (w.kind === kind) byId.set(w.after.id, w.after);
    records[kind] = [...byId.values()];
  }
  return { records, changes: [...local.changes, ...plan.newChanges] };
}

export function mergeDatasets(local: Dataset, incoming: Dataset, opts: MergeOptions = {}): Dataset {
  return applyPlan(local, planMerge(local, incoming, opts));
}

export function totalSummary(summary: Record<MergeKind, KindSummary>): KindSummary {
  const total: KindSummary = { new: 0, updated: 0, deleted: 0, conflicts: 0 };
  for (const kind of MERGE_KINDS) {
    for (const key of Object.keys(total) as (keyof KindSummary)[]) total[key] += summary[kind][key];
  }
  return total;
}
