/**
 * `npm run bench:server`: the team server under SPEC §9's load, on loopback.
 *
 * 100 simulated clients sign in, then each runs ROUNDS rounds of: change 100
 * of its deals, push them in one request, pull what is new. The loop is
 * bounded (ROUNDS rounds, and a hard stop after LIMIT_MS) and stops by itself.
 * Then a new laptop pulls 50,000 deals from an empty checkpoint.
 *
 * Uses the embedded PGlite by default; DATABASE_URL points it at a real
 * PostgreSQL (the bench makes its own database there and drops it).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Deal } from '../../shared/domain/records';
import { generateSample } from '../../shared/sample/generate';
import { API, MAX_PUSH, type LoginAnswer, type PullAnswer, type PushBody } from '../../shared/sync/protocol';
import { buildApp } from '../../server/app';
import { createUser } from '../../server/auth';
import { DEFAULT_OPTIONS } from '../../server/config';
import { pgliteDb, postgresDb, type Db } from '../../server/db';
import { migrate } from '../../server/migrate';
import { summarize } from './stats';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100);
const RECORDS = 100;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PULL_DEALS = Number(process.env.BENCH_PULL_DEALS ?? 50_000);
const LIMIT_MS = 10 * 60_000;
const PORT = Number(process.env.BENCH_PORT ?? 41752);
const TARGET_P95_MS = 200;
const TARGET_PULL_S = 30;

async function openDb(): Promise<{ db: Db; drop: () => Promise<void>; label: string }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await pgliteDb();
    return { db, drop: () => db.close(), label: 'PGlite (embedded, in memory)' };
  }
  const name = `zs_bench_${Date.now()}`;
  const adminClient = new pg.Client({ connectionString: url });
  await adminClient.connect();
  await adminClient.query(`CREATE DATABASE ${name}`);
  await adminClient.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = postgresDb(u.toString(), 20);
  return {
    db,
    label: 'PostgreSQL',
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const base = `http://127.0.0.1:${PORT}`;
async function call<T>(method: string, path: string, token: string | undefined, body?: unknown): Promise<T> {
  const r = await fetch(base + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

async function main(): Promise<void> {
  const { db, drop, label } = await openDb();
  const stopAt = Date.now() + LIMIT_MS;
  const watchdog = setTimeout(() => {
    console.error('基准超过 10 分钟上限，已停止');
    process.exit(2);
  }, LIMIT_MS + 60_000);
  watchdog.unref();
  try {
    await migrate(db);
    const options = { ...DEFAULT_OPTIONS, loginLimit: 1_000_000 };
    const app = buildApp({ db, options });
    await app.listen({ port: PORT, host: '127.0.0.1' });
    console.log(`数据库：${label}；${CLIENTS} 个客户端，每轮各同步 ${RECORDS} 条变更，共 ${ROUNDS} 轮`);

    // Accounts: one leader per client (argon2id at its real cost).
    const tokens: string[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      await createUser(
        db,
        { name: `bench${i}`, displayName: `客户端${i}`, role: 'leader', password: 'bench-password' },
        options,
      );
      tokens.push(
        (
          await call<LoginAnswer>('POST', API.login, undefined, {
            name: `bench${i}`,
            password: 'bench-password',
          })
        ).token,
      );
    }
    const today = '2026-10-15';
    const template = generateSample({ today, deals: RECORDS, contacts: 0, companies: 0 }).deals;
    const clients = tokens.map((token, i) => ({
      token,
      checkpoint: 0,
      bases: new Map<string, number>(),
      deals: template.map((d) => ({ ...d, id: `c${i}-${d.id}` }) as Deal),
    }));

    const pushMs: number[] = [];
    const pullMs: number[] = [];
    let records = 0;
    const started = performance.now();
    for (let round = 0; round < ROUNDS && Date.now() < stopAt; round++) {
      await Promise.all(
        clients.map(async (c, i) => {
          const at = new Date(Date.UTC(2026, 9, 15, 2, round, i)).toISOString();
          c.deals = c.deals.map((d) => ({ ...d, notes: `第 ${round + 1} 轮更新`, updatedAt: at }));
          const body: PushBody = {
            changes: c.deals.map((d) => ({
              changeId: randomUUID(),
              kind: 'deal',
              baseSeq: c.bases.get(d.id) ?? 0,
              record: d,
            })),
          };
          let t = performance.now();
          const answer = await call<{ results: { id: string; seq: number }[] }>(
            'POST',
            API.push,
            c.token,
            body,
          );
          pushMs.push(performance.now() - t);
          for (const r of answer.results) c.bases.set(r.id, r.seq);
          records += body.changes.length;
          t = performance.now();
          for (;;) {
            const page = await call<PullAnswer>('GET', `${API.pull}?since=${c.checkpoint}`, c.token);
            c.checkpoint = page.checkpoint;
            if (!page.more) break;
          }
          pullMs.push(performance.now() - t);
        }),
      );
    }
    const seconds = (performance.now() - started) / 1000;
    const push = summarize(pushMs);
    const pull = summarize(pullMs);

    // A new laptop: 50,000 deals on the server, pulled from checkpoint 0.
    await db.exec('TRUNCATE records, changes');
    const big = generateSample({ today, deals: PULL_DEALS, contacts: 0, companies: 0 }).deals;
    for (let i = 0; i < big.length; i += MAX_PUSH) {
      const body: PushBody = {
        changes: big
          .slice(i, i + MAX_PUSH)
          .map((d) => ({ changeId: randomUUID(), kind: 'deal', baseSeq: 0, record: d })),
      };
      await call('POST', API.push, tokens[0], body);
    }
    const t0 = performance.now();
    let since = 0;
    let pulled = 0;
    for (;;) {
      const page = await call<PullAnswer>('GET', `${API.pull}?since=${since}`, tokens[1]);
      pulled += page.records.length;
      since = page.checkpoint;
      if (!page.more) break;
    }
    const pullAll = (performance.now() - t0) / 1000;
    await app.close();

    const ok = (good: boolean) => (good ? '达标' : '未达标');
    console.log('');
    console.log('项目                                   实测                 目标 (SPEC §9)');
    console.log(
      `推送 ${RECORDS} 条变更（${CLIENTS} 个客户端同时）p95   ${fmt(push.p95).padEnd(10)} 中位 ${fmt(push.median).padEnd(8)} ≤ ${TARGET_P95_MS} ms  ${ok(push.p95 <= TARGET_P95_MS)}`,
    );
    console.log(
      `随后拉取新变更 p95                      ${fmt(pull.p95).padEnd(10)} 中位 ${fmt(pull.median)}`,
    );
    console.log(
      `吞吐量                                 ${(records / seconds).toFixed(0)} 条/秒（${records} 条，${seconds.toFixed(1)} s）`,
    );
    console.log(
      `新电脑拉取 ${pulled} 个项目                ${pullAll.toFixed(1)} s               ≤ ${TARGET_PULL_S} s  ${ok(pullAll <= TARGET_PULL_S && pulled === PULL_DEALS)}`,
    );
  } finally {
    await drop();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
