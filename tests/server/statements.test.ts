/**
 * A push is set-based: the same four statements whatever its size (locks;
 * held records and earlier changes; gate and sequence numbers; records and
 * change log), so a hundred clients pushing a hundred records each cost four
 * hundred statements, not forty thousand. A regression to one statement per
 * record fails here, on both engines.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Deal } from '../../shared/domain/records';
import type { PushChange } from '../../shared/sync/protocol';
import type { Actor } from '../../shared/sync/roles';
import type { Db, Queryable } from '../../server/db';
import { pull, push } from '../../server/sync';
import { addUser, changeId, deal, ENGINES, testServer, type TestServer } from './helpers';

/** The same database, counting the statements each transaction sends. */
function counting(db: Db): { db: Db; statements: string[][] } {
  const statements: string[][] = [];
  return {
    statements,
    db: {
      ...db,
      engine: db.engine,
      query: db.query.bind(db),
      exec: db.exec.bind(db),
      close: db.close.bind(db),
      transaction<T>(fn: (q: Queryable) => Promise<T>) {
        const sent: string[] = [];
        statements.push(sent);
        return db.transaction((q) =>
          fn({
            query: (sql, params) => {
              sent.push(sql);
              return q.query(sql, params);
            },
            exec: (sql) => {
              sent.push(sql);
              return q.exec(sql);
            },
          }),
        );
      },
    },
  };
}

function changesOf(
  ids: string[],
  notes: string,
  at: string,
  bases = new Map<string, number>(),
): PushChange[] {
  return ids.map((id) => ({
    changeId: changeId(),
    kind: 'deal',
    baseSeq: bases.get(id) ?? 0,
    record: deal(id, { notes, updatedAt: at }),
  }));
}

describe.each(ENGINES)('statements per push on %s', (engine) => {
  let s: TestServer | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('a push of 100 new deals, of 100 edits, of 100 retried changes: four statements each at most', async () => {
    s = await testServer(engine);
    const user = await addUser(s, '招商一组李明', 'leader');
    const actor: Actor = { userId: user.id, role: user.role, team: user.team };
    const { db, statements } = counting(s.db);
    const ids = Array.from({ length: 100 }, (_, i) => `deal-${String(i).padStart(3, '0')}`);

    const first = changesOf(ids, '首次签约', '2026-10-15T03:00:00.000Z');
    const created = await push(db, actor, first, s.options);
    expect(created.map((r) => r.status)).toEqual(ids.map(() => 'applied'));
    const bases = new Map(created.map((r) => [r.id, r.seq]));

    const edits = changesOf(ids, '第二轮更新：项目已开工', '2026-10-15T04:00:00.000Z', bases);
    const edited = await push(db, actor, edits, s.options);
    expect(edited.every((r) => r.status === 'applied' && r.seq > bases.get(r.id)!)).toBe(true);

    const retried = await push(db, actor, edits, s.options);
    expect(retried.map((r) => r.status)).toEqual(ids.map(() => 'duplicate'));

    expect(statements.map((sent) => sent.length)).toEqual([4, 4, 2]);

    // What the four statements wrote: every record at its second version, every change logged once.
    const page = await pull(s.db, 0, 1000);
    expect(page.records).toHaveLength(100);
    expect(page.records.every((r) => (r.record as Deal).notes === '第二轮更新：项目已开工')).toBe(true);
    const logged = await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM changes');
    expect(logged[0]!.n).toBe(200);
  });
});
