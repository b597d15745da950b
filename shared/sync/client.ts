/**
 * The app's side of sync (SPEC §11), free of storage and network so the
 * renderer, the tests and the benchmark drive the same logic. Local edits go
 * to an outbox; a sync pushes the outbox, then pulls everything since the
 * checkpoint. A cut at any point loses nothing: an entry leaves the outbox
 * only once the server answered for it, and a retried push reuses its change
 * ids, so the server applies it once.
 *
 * Per record the outbox keeps a queue. An entry not yet sent absorbs later
 * edits; once sent (answered or not) later edits queue behind it, and each
 * push carries only the head of each queue, so one record's changes reach the
 * server in order, each based on the server version the one before produced.
 */
import type { BaseRecord, RecordKind } from '../domain/records';
import { MAX_PUSH, type PullAnswer, type PushAnswer, type PushBody, type SyncConflict } from './protocol';

export interface OutboxEntry {
  changeId: string;
  kind: RecordKind;
  record: BaseRecord;
  baseSeq: number;
  /** Sent in a push at least once: its change id may already be applied. */
  sent?: boolean;
}

/** Everything the client keeps between syncs; plain JSON, persisted by the caller. */
export interface SyncState {
  checkpoint: number;
  /** Server sequence of the version each record (`kind:id`) was last seen at. */
  bases: Record<string, number>;
  outbox: Record<string, OutboxEntry[]>;
  /** Conflicts for review, by change id (each listed once). */
  conflicts: Record<string, SyncConflict>;
}

export function emptySyncState(): SyncState {
  return { checkpoint: 0, bases: {}, outbox: {}, conflicts: {} };
}

export interface SyncTransport {
  push(body: PushBody): Promise<PushAnswer>;
  pull(since: number): Promise<PullAnswer>;
}

export interface SyncHost {
  /** Writes a version that came from the server into the local ledger. */
  applyRemote(kind: RecordKind, record: BaseRecord): Promise<void>;
  /** Persists the state (after every step that changed it). */
  save(state: SyncState): Promise<void>;
  newId(): string;
}

export const keyOf = (kind: RecordKind, id: string): string => `${kind}:${id}`;

export function pendingCount(state: SyncState): number {
  let n = 0;
  for (const q of Object.values(state.outbox)) n += q.length;
  return n;
}

/** Queues a committed local write for the server. */
export function recordLocalChange(
  state: SyncState,
  kind: RecordKind,
  record: BaseRecord,
  newId: () => string,
): void {
  const key = keyOf(kind, record.id);
  const queue = (state.outbox[key] ??= []);
  const last = queue.at(-1);
  if (last && !last.sent) {
    last.record = record;
    return;
  }
  queue.push({ changeId: newId(), kind, record, baseSeq: last ? 0 : (state.bases[key] ?? 0) });
}

export interface SyncReport {
  pushed: number;
  pulled: number;
  conflicts: SyncConflict[];
}

/**
 * One full sync: pushes until the outbox is empty, then pulls until the
 * server has nothing newer. Throws on a network or server error, leaving the
 * state consistent for the next try.
 */
export async function syncOnce(
  state: SyncState,
  transport: SyncTransport,
  host: SyncHost,
): Promise<SyncReport> {
  const report: SyncReport = { pushed: 0, pulled: 0, conflicts: [] };
  for (;;) {
    const heads: OutboxEntry[] = [];
    for (const queue of Object.values(state.outbox)) {
      if (queue[0]) heads.push(queue[0]);
      if (heads.length >= MAX_PUSH) break;
    }
    if (!heads.length) break;
    for (const h of heads) h.sent = true;
    await host.save(state);
    const answer = await transport.push({
      changes: heads.map((h) => ({
        changeId: h.changeId,
        kind: h.kind,
        baseSeq: h.baseSeq,
        record: h.record,
      })),
    });
    for (const result of answer.results) {
      const key = keyOf(result.kind, result.id);
      const queue = state.outbox[key];
      if (!queue || queue[0]?.changeId !== result.changeId) continue;
      queue.shift();
      report.pushed++;
      if (result.conflict && !state.conflicts[result.changeId]) {
        state.conflicts[result.changeId] = result.conflict;
        report.conflicts.push(result.conflict);
      }
      const next = queue[0];
      if (next) {
        // The next local edit was made on top of the one just answered.
        next.baseSeq = result.seq;
      } else {
        delete state.outbox[key];
        state.bases[key] = result.seq;
        await host.applyRemote(result.kind, result.record);
      }
    }
    await host.save(state);
  }
  for (;;) {
    const answer = await transport.pull(state.checkpoint);
    for (const item of answer.records) {
      const key = keyOf(item.kind, item.record.id);
      // A local edit waiting to be pushed is resolved by the push, against its own base.
      if (state.outbox[key]) continue;
      state.bases[key] = item.seq;
      await host.applyRemote(item.kind, item.record);
      report.pulled++;
    }
    state.checkpoint = answer.checkpoint;
    await host.save(state);
    if (!answer.more) break;
  }
  return report;
}
