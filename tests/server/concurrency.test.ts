/**
 * Pushes run concurrently (server/sync.ts), so sequence numbers no longer
 * follow commit order. These tests hold one push open inside its transaction
 * and check that no pull can skip it. They need two connections at once, so
 * they run on the real PostgreSQL; the embedded PGlite has one connection and
 * runs one transaction at a time, so its commits follow sequence order by
 * construction (the last test checks that a push there still completes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushChange } from '../../shared/sync/protocol';
import type { Actor } from '../../shared/sync/roles';
import { pull, push } from '../../server/sync';
import { addUser, changeId, deal, testServer, type TestServer } from './helpers';

function changesOf(...ids: string[]): PushChange[] {
  return ids.map((id) => ({ changeId: changeId(), kind: 'deal', baseSeq: 0, record: deal(id) }));
}

/** A promise and the function that settles it. */
function latch(): { wait: Promise<void>; open: () => void } {
  let open = () => {};
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

/** Every record a laptop at `since` receives, paging until the server says there is no more. */
async function pullAll(s: TestServer, since: number): Promise<{ ids: string[]; checkpoint: number }> {
  const ids: string[] = [];
  let checkpoint = since;
  for (;;) {
    const page = await pull(s.db, checkpoint, 1000);
    ids.push(...page.records.map((r) => r.record.id));
    checkpoint = page.checkpoint;
    if (!page.more) return { ids, checkpoint };
  }
}

/** Settles with 'pending' when `p` has not settled within `ms`. */
async function within<T>(p: Promise<T>, ms: number): Promise<T | 'pending'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'pending'>((resolve) => (timer = setTimeout(() => resolve('pending'), ms)));
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('concurrent pushes on postgresql', () => {
  let s: TestServer;
  let actor: Actor;
  beforeAll(async () => {
    s = await testServer('postgresql');
    const user = await addUser(s, '王局长', 'leader');
    actor = { userId: user.id, role: user.role, team: user.team };
  });
  afterAll(() => s.close());

  it('a pull between two out-of-order commits does not skip the later-committed, lower-sequence change', async () => {
    const { checkpoint: start } = await pullAll(s, 0);
    const held = latch();
    const reached = latch();
    let seqA: readonly number[] = [];
    // A takes its sequence numbers first and is held open before it writes.
    const a = push(s.db, actor, changesOf('乱序-甲'), s.options, {
      afterSequence: async (seqs) => {
        seqA = seqs;
        reached.open();
        await held.wait;
      },
    });
    await reached.wait;
    // B takes a higher sequence number and commits while A is still open.
    const b = await push(s.db, actor, changesOf('乱序-乙'), s.options);
    expect(b[0]!.seq).toBeGreaterThan(seqA[0]!);
    // A laptop pulls now. It must not come back with B's sequence as its checkpoint while A is open.
    const early = pullAll(s, start);
    const whileOpen = await within(early, 300);
    held.open();
    await a;
    const first = await early;
    const rest = await pullAll(s, first.checkpoint);
    expect([...first.ids, ...rest.ids].sort()).toEqual(['乱序-乙', '乱序-甲']);
    // It waited for A rather than answering without it.
    expect(whileOpen).toBe('pending');
  });

  it('pushes of different records do not wait for each other', async () => {
    const held = latch();
    const reached = latch();
    const a = push(s.db, actor, changesOf('并行-甲'), s.options, {
      afterSequence: async () => {
        reached.open();
        await held.wait;
      },
    });
    await reached.wait;
    // With A open, B on another record commits; under one global lock it would wait for A.
    const b = await within(push(s.db, actor, changesOf('并行-乙'), s.options), 5_000);
    held.open();
    await a;
    expect(b).not.toBe('pending');
    expect(b === 'pending' ? undefined : b[0]!.status).toBe('applied');
  });

  it('two pushes of the same record wait for each other, so the second sees the first as a conflict', async () => {
    const seed = await push(s.db, actor, changesOf('同一'), s.options);
    const base = seed[0]!.seq;
    const held = latch();
    const reached = latch();
    const edit = (notes: string, updatedAt: string): PushChange[] => [
      { changeId: changeId(), kind: 'deal', baseSeq: base, record: deal('同一', { notes, updatedAt }) },
    ];
    const a = push(s.db, actor, edit('甲的修改', '2026-10-15T03:00:00.000Z'), s.options, {
      afterSequence: async () => {
        reached.open();
        await held.wait;
      },
    });
    await reached.wait;
    const b = push(s.db, actor, edit('乙的修改', '2026-10-15T04:00:00.000Z'), s.options);
    expect(await within(b, 300)).toBe('pending');
    held.open();
    await a;
    const second = (await b)[0]!;
    expect(second.conflict?.server).toMatchObject({ notes: '甲的修改' });
    expect(second.record).toMatchObject({ notes: '乙的修改' });
  });
});

describe('pushes on pglite', () => {
  it('a push held inside its transaction completes and is pulled whole', async () => {
    const s = await testServer('pglite');
    try {
      const user = await addUser(s, '王局长', 'leader');
      const actor: Actor = { userId: user.id, role: user.role, team: user.team };
      let seen: readonly number[] = [];
      await push(s.db, actor, changesOf('单连接-甲', '单连接-乙'), s.options, {
        afterSequence: async (seqs) => {
          seen = seqs;
        },
      });
      expect(seen).toHaveLength(2);
      expect((await pullAll(s, 0)).ids.sort()).toEqual(['单连接-乙', '单连接-甲']);
    } finally {
      await s.close();
    }
  });
});
