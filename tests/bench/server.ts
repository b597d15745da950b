/**
 * `npm run bench:server`: the team server under SPEC §9's load, on loopback.
 *
 * 100 simulated clients sign in, then run ROUNDS rounds of: every client
 * changes 100 of its deals and pushes them in one request, all at once; then
 * every client pulls what is new, all at once. The loop is bounded (ROUNDS
 * rounds, no new round after LIMIT_MS, the whole run stopped at WATCHDOG_MS)
 * and stops by itself.
 * Then a new laptop pulls 50,000 deals from an empty checkpoint.
 *
 * Each figure is printed beside its target and beside a baseline from the
 * same run on the same database, as a ratio: the bare stack, with no HTTP, no
 * schema, no roles and no merge (the same rows written by one INSERT per
 * client, 100 clients at once; the same 50,000 rows read page by page).
 *
 * Uses the embedded PGlite by default; DATABASE_URL points it at a real
 * PostgreSQL (the bench makes its own database there and drops it).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Deal } from '../../shared/domain/records';
import { generateSample } from '../../shared/sample/generate';
import {
  API,
  MAX_PULL,
  MAX_PUSH,
  type LoginAnswer,
  type PullAnswer,
  type PushBody,
} from '../../shared/sync/protocol';
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
/** The rounds stop starting after this; the whole run is stopped at WATCHDOG_MS. */
const LIMIT_MS = 6 * 60_000;
const WATCHDOG_MS = 12 * 60_000;
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

/** The bare stack: each client's rows written by one INSERT in one transaction, all clients at once. */
async function barePushes(db: Db, rows: Deal[][]): Promise<{ ms: number[]; seconds: number }> {
  await db.exec('CREATE TABLE IF NOT EXISTS bench_bare (id text PRIMARY KEY, seq bigserial, data jsonb)');
  const ms: number[] = [];
  const started = performance.now();
  await Promise.all(
    rows.map(async (deals) => {
      const t = performance.now();
      await db.transaction((q) =>
        q.query(
          `INSERT INTO bench_bare (id, data)
           SELECT x.id, x.data FROM jsonb_to_recordset($1::jsonb) AS x(id text, data jsonb)
           ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, seq = nextval('bench_bare_seq_seq')`,
          [JSON.stringify(deals.map((d) => ({ id: d.id, data: d })))],
        ),
      );
      ms.push(performance.now() - t);
    }),
  );
  return { ms, seconds: (performance.now() - started) / 1000 };
}

/** The bare stack for a new laptop: the same rows read straight from the table, page by page. */
async function barePull(db: Db): Promise<{ seconds: number; rows: number }> {
  const t = performance.now();
  let since = 0;
  let rows = 0;
  for (;;) {
    const page = await db.query<{ seq: number; data: unknown }>(
      'SELECT seq, kind, data FROM records WHERE seq > $1 ORDER BY seq LIMIT $2',
      [since, MAX_PULL],
    );
    rows += page.length;
    if (page.length < MAX_PULL) break;
    since = Number(page.at(-1)!.seq);
  }
  return { seconds: (performance.now() - t) / 1000, rows };
}

interface Line {
  name: string;
  value: string;
  baseline: string;
  ratio: number;
  target: string;
  met?: boolean;
}

function table(lines: Line[]): void {
  const ok = (m?: boolean) => (m === undefined ? '—' : m ? '达标' : '未达标');
  console.log('');
  console.log('| 项目 | 实测 | 基线（同一次运行，裸栈） | 比值 | 目标 (SPEC §9) | 结论 |');
  console.log('|---|---|---|---|---|---|');
  for (const l of lines) {
    console.log(
      `| ${l.name} | ${l.value} | ${l.baseline} | ${l.ratio.toFixed(2)}× | ${l.target} | ${ok(l.met)} |`,
    );
  }
}

async function main(): Promise<void> {
  const { db, drop, label } = await openDb();
  const stopAt = Date.now() + LIMIT_MS;
  const watchdog = setTimeout(() => {
    console.error(`基准超过 ${WATCHDOG_MS / 60_000} 分钟上限，已停止`);
    process.exit(2);
  }, WATCHDOG_MS);
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
    let pushSeconds = 0;
    const pullFailures: string[] = [];
    for (let round = 0; round < ROUNDS && Date.now() < stopAt; round++) {
      // All clients push at once: the figure SPEC §9 sets. Then all pull what the others pushed
      // (nearly 10,000 records each), timed on its own so it does not count as push latency.
      const phase = performance.now();
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
          const t = performance.now();
          const answer = await call<{ results: { id: string; seq: number }[] }>(
            'POST',
            API.push,
            c.token,
            body,
          );
          pushMs.push(performance.now() - t);
          for (const r of answer.results) c.bases.set(r.id, r.seq);
          records += body.changes.length;
        }),
      );
      pushSeconds += (performance.now() - phase) / 1000;
      if (Date.now() >= stopAt) break;
      await Promise.all(
        clients.map(async (c) => {
          const t = performance.now();
          try {
            for (;;) {
              const page = await call<PullAnswer>('GET', `${API.pull}?since=${c.checkpoint}`, c.token);
              c.checkpoint = page.checkpoint;
              if (!page.more) break;
            }
            pullMs.push(performance.now() - t);
          } catch (e) {
            // Counted and shown, not fatal: the figures of a run where pulls fail still matter.
            pullFailures.push(`${((performance.now() - t) / 1000).toFixed(0)} s: ${String(e)}`);
          }
        }),
      );
    }
    const seconds = (performance.now() - started) / 1000;
    const push = summarize(pushMs);
    const pull = summarize(pullMs.length ? pullMs : [Number.NaN]);
    const bare = await barePushes(
      db,
      clients.map((c) => c.deals),
    );
    const barePush = summarize(bare.ms);
    const bareRate = (CLIENTS * RECORDS) / bare.seconds;
    const rate = records / pushSeconds;

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
    const bareAll = await barePull(db);
    await app.close();

    console.log(
      `${records} 条变更：推送阶段共 ${pushSeconds.toFixed(1)} s，全程 ${seconds.toFixed(1)} s；随后每个客户端拉取其他客户端的变更（每轮约 ${(CLIENTS - 1) * RECORDS} 条），p95 ${fmt(pull.p95)}（中位 ${fmt(pull.median)}）`,
    );
    if (pullFailures.length) {
      console.log(`拉取失败 ${pullFailures.length} 次（客户端在等待中被断开），例如：${pullFailures[0]}`);
    }
    table([
      {
        name: `推送 ${RECORDS} 条变更，${CLIENTS} 个客户端同时，p95`,
        value: `${fmt(push.p95)}（中位 ${fmt(push.median)}）`,
        baseline: `${fmt(barePush.p95)}（每个客户端一条 INSERT）`,
        ratio: push.p95 / barePush.p95,
        target: `≤ ${TARGET_P95_MS} ms`,
        met: push.p95 <= TARGET_P95_MS,
      },
      {
        name: '吞吐量',
        value: `${rate.toFixed(0)} 条/秒`,
        baseline: `${bareRate.toFixed(0)} 条/秒`,
        ratio: bareRate / rate,
        target: '—',
      },
      {
        name: `新电脑拉取 ${pulled} 个项目`,
        value: `${pullAll.toFixed(1)} s`,
        baseline: `${bareAll.seconds.toFixed(1)} s（直接分页读表，${bareAll.rows} 行）`,
        ratio: pullAll / bareAll.seconds,
        target: `≤ ${TARGET_PULL_S} s`,
        met: pullAll <= TARGET_PULL_S && pulled === PULL_DEALS,
      },
    ]);
    console.log('比值：实测 ÷ 基线（吞吐量为 基线 ÷ 实测），越接近 1 越好。');
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
