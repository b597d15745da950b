/**
 * The property of SPEC §11: any interleaving of edits, deletes, offline
 * periods, cut-off syncs and syncs by three clients converges. Once everyone
 * is back online and has synced, all three clients and the server hold the
 * same records, and every conflict is listed exactly once, by one client.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BaseRecord, Deal } from '../../shared/domain/records';
import { canonicalJson } from '../../shared/sync/core';
import {
  emptySyncState,
  keyOf,
  recordLocalChange,
  syncOnce,
  type SyncState,
  type SyncTransport,
} from '../../shared/sync/client';
import { API, type PullAnswer, type PushAnswer } from '../../shared/sync/protocol';
import { ENGINES, addUser, auth, deal, login, testServer, type TestServer } from './helpers';

type Cmd =
  | { t: 'edit'; c: number; r: number; note: string }
  | { t: 'delete'; c: number; r: number }
  | { t: 'sync'; c: number }
  /** The server applies the push but the answer never arrives. */
  | { t: 'cut'; c: number }
  | { t: 'offline'; c: number; on: boolean };

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant('edit' as const),
      c: fc.nat(2),
      r: fc.nat(2),
      note: fc.constantFrom('签约', '拿地', '开工', '投产', '暂缓'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('delete' as const), c: fc.nat(2), r: fc.nat(2) }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('sync' as const), c: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('cut' as const), c: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('offline' as const), c: fc.nat(2), on: fc.boolean() }) },
);

interface Client {
  index: number;
  name: string;
  token: string;
  state: SyncState;
  local: Map<string, BaseRecord>;
  offline: boolean;
}

describe.each(ENGINES)('three clients converge on %s', (engine) => {
  let s: TestServer;
  const tokens: string[] = [];
  beforeAll(async () => {
    s = await testServer(engine);
    for (const name of ['甲', '乙', '丙']) {
      await addUser(s, name, 'leader');
      tokens.push((await login(s, name)).token);
    }
  });
  afterAll(() => s.close());

  function transport(client: Client, cut = false): SyncTransport {
    return {
      async push(body) {
        if (client.offline) throw new Error('离线');
        const r = await s.app.inject({
          method: 'POST',
          url: API.push,
          headers: auth(client.token),
          payload: body,
        });
        expect(r.statusCode, r.body).toBe(200);
        if (cut) throw new Error('连接中断');
        return r.json<PushAnswer>();
      },
      async pull(since) {
        if (client.offline) throw new Error('离线');
        const r = await s.app.inject({
          method: 'GET',
          url: `${API.pull}?since=${since}&limit=3`,
          headers: auth(client.token),
        });
        expect(r.statusCode, r.body).toBe(200);
        return r.json<PullAnswer>();
      },
    };
  }

  const clone = (state: SyncState) => JSON.parse(JSON.stringify(state)) as SyncState;

  /** A sync; when it fails, the client goes on from what it last saved, as after a crash. */
  async function sync(client: Client, cut = false) {
    let saved = clone(client.state);
    try {
      await syncOnce(client.state, transport(client, cut), {
        async applyRemote(kind, record) {
          client.local.set(keyOf(kind, record.id), record);
        },
        async save(state) {
          saved = clone(state);
        },
        newId: () => nextId(client),
      });
    } catch (e) {
      if (process.env.DEBUG_SYNC) console.log(client.index, (e as Error).message);
      client.state = saved;
    }
  }

  let ids = 0;
  const nextId = (client: Client) => `chg-${client.index}-${run}-${String(++ids).padStart(6, '0')}`;

  let run = 0;
  it('after any interleaving, everyone holds the same records and each conflict is listed once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 1, maxLength: 30 }), async (cmds) => {
        run++;
        const prefix = `run${run}-`;
        const start = (
          await s.db.query<{ m: number }>('SELECT coalesce(max(seq), 0)::int AS m FROM records')
        )[0]!.m;
        const clients: Client[] = tokens.map((token, i) => ({
          index: i,
          name: ['甲', '乙', '丙'][i]!,
          token,
          state: { ...emptySyncState(), checkpoint: start },
          local: new Map(),
          offline: false,
        }));
        let tick = 0;
        const stamp = () => new Date(Date.UTC(2026, 9, 15, 2, 0, 0, ++tick)).toISOString();
        let idn = 0;
        for (const c of cmds) {
          const client = clients[c.c]!;
          if (c.t === 'edit' || c.t === 'delete') {
            const id = `${prefix}${c.r}`;
            const held = client.local.get(keyOf('deal', id)) as Deal | undefined;
            if (c.t === 'delete' && (!held || held.deletedAt)) continue;
            const at = stamp();
            const next: Deal = held
              ? { ...held, updatedAt: at, updatedBy: client.name }
              : deal(id, { createdAt: at, updatedAt: at, createdBy: client.name, updatedBy: client.name });
            if (c.t === 'edit') {
              next.notes = `${client.name}${c.note}${++idn}`;
              delete next.deletedAt;
            } else next.deletedAt = at;
            client.local.set(keyOf('deal', id), next);
            recordLocalChange(client.state, 'deal', next, () => nextId(client));
          } else if (c.t === 'offline') client.offline = c.on;
          else await sync(client, c.t === 'cut');
        }
        for (const client of clients) client.offline = false;
        for (let round = 0; round < 2; round++) for (const client of clients) await sync(client);

        const server = await s.db.query<{ id: string; data: BaseRecord }>(
          'SELECT id, data FROM records WHERE id LIKE $1 ORDER BY id',
          [`${prefix}%`],
        );
        const expected = server.map((r) => canonicalJson(r.data));
        for (const client of clients) {
          expect(Object.keys(client.state.outbox)).toEqual([]);
          const mine = [...client.local.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map(canonicalJson);
          expect(mine).toEqual(expected);
        }
        const listed = clients.flatMap((c) => Object.keys(c.state.conflicts));
        expect(new Set(listed).size).toBe(listed.length);
        // A conflict is between two clients' edits, never a client and its own earlier edit.
        for (const c of clients.flatMap((cl) => Object.values(cl.state.conflicts))) {
          expect(c.local.updatedBy).not.toBe(c.server.updatedBy);
        }
        const onServer = await s.db.query<{ change_id: string }>(
          'SELECT change_id FROM changes WHERE record_id LIKE $1 AND conflict IS NOT NULL',
          [`${prefix}%`],
        );
        expect(listed.sort()).toEqual(onServer.map((r) => r.change_id).sort());
      }),
      {
        numRuns: engine === 'pglite' ? 60 : 100,
        seed: 1016,
        examples: [
          // Edited again while the answer to the first push was lost.
          [
            [
              { t: 'edit', c: 0, r: 0, note: '签约' },
              { t: 'cut', c: 0 },
              { t: 'edit', c: 0, r: 0, note: '拿地' },
              { t: 'sync', c: 0 },
            ],
          ],
          // Both edit offline, then meet.
          [
            [
              { t: 'edit', c: 0, r: 1, note: '签约' },
              { t: 'sync', c: 0 },
              { t: 'sync', c: 1 },
              { t: 'edit', c: 0, r: 1, note: '开工' },
              { t: 'edit', c: 1, r: 1, note: '暂缓' },
              { t: 'sync', c: 1 },
              { t: 'sync', c: 0 },
            ],
          ],
        ],
      },
    );
  });
});
