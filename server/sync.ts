/**
 * Push and pull (SPEC §11). Each change is looked up by its change id first,
 * so a retried push applies once.
 *
 * Pushes run concurrently. A push locks only its own records (one advisory
 * lock per record, taken in a fixed order so two pushes cannot deadlock), so
 * two pushes of the same record still see each other and a change made on
 * both sides is found as a conflict.
 *
 * Sequence numbers are then no longer handed out in commit order: push A may
 * take sequence 7, push B sequence 8, and B commit first. A pull in between
 * would see 8, move its checkpoint past 7, and never see A's record. The
 * guard is a gate: a push takes its sequence numbers and commits while it
 * holds the gate shared (pushes do not wait for each other), and a pull takes
 * it exclusive for a moment to read the highest sequence handed out. At that
 * moment no push holds a sequence number it has not committed, so every
 * sequence up to that mark is either visible or never will be, and the pull
 * returns nothing above it. A pull waits at most for the pushes already
 * writing; pushes arriving meanwhile wait for that short read, not for the
 * pull's rows.
 */
import type { BaseRecord, RecordKind } from '../shared/domain/records';
import { resolveVersions } from '../shared/sync/core';
import type { PullAnswer, PushChange, PushResult, SyncConflict } from '../shared/sync/protocol';
import type { Actor, HeldRecord } from '../shared/sync/roles';
import { heldMap, refusedChange, type HeldRow } from './access';
import type { ServerOptions } from './config';
import type { Db, Queryable } from './db';

/** Advisory-lock keys (the two-integer form): the gate, and one key per record in its own space. */
const GATE = [160_016, 0] as const;
const RECORD_SPACE = 160_017;

/** Test seam: runs inside the push's transaction after it took its sequence numbers, before it writes. */
export interface PushHooks {
  afterSequence?: (seqs: readonly number[]) => Promise<void>;
}

/** A change that passed the record gate, with its record's JSON text as the gate wrote it. */
export type GatedChange = PushChange & { json?: string };

export class RefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedError';
  }
}

interface ChangeRow {
  change_id: string;
  kind: RecordKind;
  record_id: string;
  status: 'applied' | 'kept-server';
  conflict: SyncConflict | null;
}

export async function push(
  db: Db,
  actor: Actor,
  changes: GatedChange[],
  opts: ServerOptions,
  hooks: PushHooks = {},
): Promise<PushResult[]> {
  return db.transaction(async (q) => {
    // 1: the record locks. The records are read by a later statement, whose snapshot is taken after
    // every lock is granted, so it sees any push of the same records that committed meanwhile.
    await q.query(
      `SELECT count(pg_advisory_xact_lock($1, h)) FROM (
         SELECT DISTINCT hashtext(k) AS h FROM unnest($2::text[]) AS k ORDER BY h
       ) AS keys`,
      [RECORD_SPACE, changes.map((c) => `${c.kind}:${c.record.id}`)],
    );
    // 2: what the server holds of these records, and which of these changes it has already applied.
    const { held, earlier } = await heldAndEarlier(q, changes);
    // The role check, under the record locks: no other push can change these records until the commit.
    const refused = refusedChange(actor, changes, held);
    if (refused) throw new RefusedError(`第 ${refused.index + 1} 条变更被拒绝：${refused.reason}`);
    const seen = new Map<string, ChangeRow>();
    for (const row of earlier) seen.set(row.change_id, row);
    const at = opts.now();
    const results: PushResult[] = [];
    // Decided here in order, written below in two statements: one round trip per table, not per record.
    const writes = new Map<string, RecordWrite>();
    const logged: Record<string, unknown>[] = [];
    const fresh = changes.filter((c) => !seen.has(c.changeId)).length;
    // 3: the gate, held shared from here to the commit (see the top of this file), then the sequence
    // numbers. The condition is evaluated for each row before its nextval, so none is taken unguarded.
    const seqs = fresh
      ? (
          await q.query<{ seq: number }>(
            `SELECT nextval('record_seq') AS seq FROM generate_series(1, $1)
             WHERE pg_advisory_xact_lock_shared($2, $3) IS NOT NULL`,
            [fresh, ...GATE],
          )
        ).map((r) => Number(r.seq))
      : [];
    if (hooks.afterSequence) await hooks.afterSequence(seqs);
    let nextSeq = 0;
    for (const change of changes) {
      const record = change.record;
      const key = `${change.kind}:${record.id}`;
      const before = seen.get(change.changeId);
      if (before) {
        const current = held.get(`${before.kind}:${before.record_id}`);
        if (current) {
          results.push({
            changeId: change.changeId,
            kind: before.kind,
            id: before.record_id,
            status: 'duplicate',
            seq: current.seq,
            record: current.record,
            ...(before.conflict ? { conflict: before.conflict } : {}),
          });
        }
        continue;
      }
      const current = held.get(key);
      const bothChanged = !!current && current.seq > change.baseSeq;
      const { take, conflict } = resolveVersions(current?.record, record, bothChanged);
      let seq = current?.seq ?? 0;
      if (take) {
        seq = seqs[nextSeq++]!;
        const createdByUser = current?.createdByUser ?? actor.userId;
        held.set(key, { seq, record, createdByUser });
        writes.set(key, {
          kind: change.kind,
          id: record.id,
          seq,
          data: change.json ?? JSON.stringify(record),
          created_by_user: createdByUser,
        });
      }
      const conflictEntry: SyncConflict | undefined =
        conflict && current
          ? {
              changeId: change.changeId,
              kind: change.kind,
              id: record.id,
              local: record,
              server: current.record,
              winner: conflict.winner === 'incoming' ? 'local' : 'server',
            }
          : undefined;
      const status = take || !current ? 'applied' : 'kept-server';
      logged.push({
        change_id: change.changeId,
        user_id: actor.userId,
        kind: change.kind,
        record_id: record.id,
        status,
        seq: take ? seq : null,
        cause: change.cause ?? 'edit',
        conflict: conflictEntry ?? null,
      });
      seen.set(change.changeId, {
        change_id: change.changeId,
        kind: change.kind,
        record_id: record.id,
        status,
        conflict: conflictEntry ?? null,
      });
      results.push({
        changeId: change.changeId,
        kind: change.kind,
        id: record.id,
        status,
        seq,
        record: held.get(key)!.record,
        ...(conflictEntry ? { conflict: conflictEntry } : {}),
      });
    }
    // 4: the records and the change log, one statement for the whole push.
    if (logged.length) {
      await q.query(
        `WITH written AS (
           INSERT INTO records (kind, id, seq, data, created_by_user)
           SELECT x.kind, x.id, x.seq, x.data, x.created_by_user
           FROM jsonb_to_recordset($1::jsonb) AS x(kind text, id text, seq bigint, data jsonb, created_by_user text)
           ON CONFLICT (kind, id) DO UPDATE SET seq = EXCLUDED.seq, data = EXCLUDED.data
         )
         INSERT INTO changes (change_id, user_id, at, kind, record_id, status, seq, cause, conflict)
         SELECT x.change_id, x.user_id, $3, x.kind, x.record_id, x.status, x.seq, x.cause, x.conflict
         FROM jsonb_to_recordset($2::jsonb)
           AS x(change_id text, user_id text, kind text, record_id text, status text, seq bigint, cause text, conflict jsonb)`,
        [writtenJson([...writes.values()]), JSON.stringify(logged), at],
      );
    }
    return results;
  });
}

interface RecordWrite {
  kind: RecordKind;
  id: string;
  seq: number;
  /** The record's JSON text. */
  data: string;
  created_by_user: string;
}

/** The rows to write as one JSON array, each record's text spliced in whole (not escaped into a string). */
function writtenJson(writes: readonly RecordWrite[]): string {
  const parts = writes.map(
    (w) =>
      `{"kind":${JSON.stringify(w.kind)},"id":${JSON.stringify(w.id)},"seq":${w.seq},"created_by_user":${JSON.stringify(w.created_by_user)},"data":${w.data}}`,
  );
  return `[${parts.join(',')}]`;
}

/**
 * The push's answer as the JSON text the route sends: a `PushAnswer`. A
 * result's record that is one the client sent (the usual case: it was
 * applied) is spliced in as the gate's text of it, so a hundred records are
 * not serialised a second time; others (the server's version) are written out.
 */
export function pushAnswerJson(results: readonly PushResult[], sent: readonly GatedChange[]): string {
  const known = new Map<BaseRecord, string>();
  for (const c of sent) if (c.json !== undefined) known.set(c.record, c.json);
  const parts = results.map((r) => {
    const { record, ...rest } = r;
    const head = JSON.stringify(rest);
    return `${head.slice(0, -1)},"record":${known.get(record) ?? JSON.stringify(record)}}`;
  });
  return `{"results":[${parts.join(',')}]}`;
}

/** The held records and the earlier changes of a push, read in one statement (one snapshot, one round trip). */
async function heldAndEarlier(
  q: Queryable,
  changes: readonly PushChange[],
): Promise<{ held: Map<string, HeldRecord & { seq: number }>; earlier: ChangeRow[] }> {
  const rows = await q.query<{ held: HeldRow[] | null; earlier: ChangeRow[] | null }>(
    `SELECT
       (SELECT json_agg(json_build_object('kind', kind, 'id', id, 'seq', seq, 'data', data,
                                          'created_by_user', created_by_user))
        FROM records WHERE id = ANY($1::text[])) AS held,
       (SELECT json_agg(json_build_object('change_id', change_id, 'kind', kind, 'record_id', record_id,
                                          'status', status, 'conflict', conflict))
        FROM changes WHERE change_id = ANY($2::text[])) AS earlier`,
    [[...new Set(changes.map((c) => c.record.id))], changes.map((c) => c.changeId)],
  );
  return { held: heldMap(rows[0]?.held ?? []), earlier: rows[0]?.earlier ?? [] };
}

/** The highest sequence number below which every push has committed or given up (see the top of this file). */
export async function visibleUpTo(db: Db): Promise<number> {
  // One statement outside any transaction: the gate is held only while it runs, never across a round
  // trip. Reading the sequence before or after the lock is granted is equally safe: a push takes the
  // gate before its sequence numbers, so any push holding one up to the value read is waited for.
  const rows = await db.query<{ last: number | null }>(
    'SELECT pg_sequence_last_value($3::regclass) AS last FROM (SELECT pg_advisory_xact_lock($1, $2)) AS gate',
    [...GATE, 'record_seq'],
  );
  return Number(rows[0]?.last ?? 0);
}

/**
 * The same answer as `pull`, as the JSON text the route sends. PostgreSQL
 * writes the whole page (the records as it stores them, the checkpoint and
 * whether more follow) in one row of one statement, so the server's Node
 * process neither parses a record nor assembles a page of them: with a
 * hundred laptops pulling at once, that work on its one thread was most of
 * a pull's wait.
 */
export async function pullJson(db: Db, since: number, limit: number): Promise<string> {
  const upTo = await visibleUpTo(db);
  // A new statement after the gate was let go: it sees every commit up to the mark.
  const rows = await db.query<{ body: string }>(
    `WITH page AS (
       SELECT seq, kind, data FROM records WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3
     ), last AS (SELECT max(seq) AS seq FROM page)
     SELECT '{"records":[' || coalesce(
              (SELECT string_agg('{"seq":' || seq || ',"kind":' || to_json(kind)::text || ',"record":' || data::text || '}',
                                 ',' ORDER BY seq) FROM page), '')
         || '],"checkpoint":' || coalesce((SELECT seq FROM last), $1::bigint)
         || ',"more":' || EXISTS (SELECT 1 FROM records WHERE seq > (SELECT seq FROM last) AND seq <= $2)
         || '}' AS body`,
    [since, upTo, limit],
  );
  return rows[0]!.body;
}

/** A page of what changed since `since` (the parsed `pullJson`). */
export async function pull(db: Db, since: number, limit: number): Promise<PullAnswer> {
  return JSON.parse(await pullJson(db, since, limit)) as PullAnswer;
}
