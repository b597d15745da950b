/**
 * Test servers on both engines: a fresh in-memory PGlite, or a fresh database
 * created on the real PostgreSQL (PG_TEST_URL, by default the local server
 * through its unix socket) and dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import type { Deal } from '../../shared/domain/records';
import type { LoginAnswer, PushBody } from '../../shared/sync/protocol';
import type { Role } from '../../shared/sync/roles';
import { buildApp } from '../../server/app';
import { createUser } from '../../server/auth';
import { DEFAULT_OPTIONS, type ServerOptions } from '../../server/config';
import { postgresDb, wrapPglite, type Db } from '../../server/db';
import { migrate } from '../../server/migrate';

export const PG_URL =
  process.env.PG_TEST_URL ?? 'postgres://postgres@localhost:5432/postgres?host=/var/run/postgresql';
export const ENGINES = ['pglite', 'postgresql'] as const;
export type Engine = (typeof ENGINES)[number];

/** Cheap argon2id for tests (the real cost is checked once in auth.test.ts). */
export const TEST_ARGON = { memoryCost: 1024, timeCost: 1 };

function urlFor(database: string): string {
  const u = new URL(PG_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_URL });
  try {
    await c.connect();
  } catch (e) {
    throw new Error(
      `无法连接测试用的 PostgreSQL（${PG_URL}）：${(e as Error).message}。请先运行 pg_ctlcluster 15 main start，或设置 PG_TEST_URL。`,
      { cause: e },
    );
  }
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

let template: Promise<PGlite> | undefined;
async function pgliteTemplate(): Promise<PGlite> {
  const lite = await PGlite.create();
  await migrate(wrapPglite(lite));
  return lite;
}

export interface TestDb {
  db: Db;
  drop(): Promise<void>;
  /** Opens a second handle on the same database (a second server instance). */
  reopen(): Promise<Db>;
}

export async function freshDb(engine: Engine): Promise<TestDb> {
  if (engine === 'pglite') {
    // Starting PGlite runs initdb (seconds); a clone of one migrated template is quick.
    template ??= pgliteTemplate();
    const db = wrapPglite((await (await template).clone()) as PGlite);
    return {
      db,
      drop: () => db.close(),
      reopen: () => Promise.reject(new Error('PGlite in memory has one handle')),
    };
  }
  const name = `zs_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const db = postgresDb(urlFor(name), 4);
  const others: Db[] = [];
  return {
    db,
    async drop() {
      await db.close();
      for (const o of others) await o.close();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
    async reopen() {
      const o = postgresDb(urlFor(name), 4);
      others.push(o);
      return o;
    },
  };
}

export interface TestServer {
  app: FastifyInstance;
  db: Db;
  /** The clock the server asks; tests move it. */
  clock: { now: Date };
  options: ServerOptions;
  close(): Promise<void>;
}

export const START = new Date('2026-10-15T02:00:00.000Z');

export async function testServer(engine: Engine, options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const t = await freshDb(engine);
  await migrate(t.db);
  const clock = { now: new Date(START) };
  const opts: ServerOptions = {
    ...DEFAULT_OPTIONS,
    argon: TEST_ARGON,
    now: () => new Date(clock.now),
    ...options,
  };
  const app = buildApp({ db: t.db, options: opts });
  await app.ready();
  return {
    app,
    db: t.db,
    clock,
    options: opts,
    async close() {
      await app.close();
      await t.drop();
    },
  };
}

export const PASSWORD = '正确的密码-2026';

export async function addUser(s: TestServer, name: string, role: Role, team?: string) {
  return createUser(s.db, { name, displayName: name, role, team, password: PASSWORD }, s.options);
}

export async function login(s: TestServer, name: string, password = PASSWORD): Promise<LoginAnswer> {
  const r = await s.app.inject({ method: 'POST', url: '/api/auth/login', payload: { name, password } });
  if (r.statusCode !== 200) throw new Error(`login ${name}: ${r.statusCode} ${r.body}`);
  return r.json<LoginAnswer>();
}

export function auth(token: string) {
  return { authorization: `Bearer ${token}` };
}

let n = 0;
export function changeId(): string {
  n++;
  return `c${String(n).padStart(6, '0')}${randomBytes(4).toString('hex')}`;
}

export function deal(id: string, over: Partial<Deal> = {}): Deal {
  const at = over.updatedAt ?? '2026-10-15T02:00:00.000Z';
  return {
    id,
    createdAt: '2026-10-15T02:00:00.000Z',
    updatedAt: at,
    createdBy: '张三',
    updatedBy: '张三',
    name: '年产300万双运动鞋生产线',
    investor: '福建晋江某鞋业有限公司',
    origin: '长三角',
    industry: '鞋业',
    team: '第一组团',
    signedDate: '2026-10-15',
    agreedInvestment: 850_000_000,
    stage: 'signed',
    stageHistory: [{ stage: 'signed', date: '2026-10-15', by: '张三', at }],
    milestones: [],
    contactIds: [],
    ...over,
  };
}

export function pushOf(
  ...changes: {
    kind?: PushBody['changes'][number]['kind'];
    record: object;
    baseSeq?: number;
    changeId?: string;
  }[]
): PushBody {
  return {
    changes: changes.map((c) => ({
      changeId: c.changeId ?? changeId(),
      kind: c.kind ?? 'deal',
      baseSeq: c.baseSeq ?? 0,
      record: c.record as PushBody['changes'][number]['record'],
    })),
  };
}

/** Everything the records and change tables hold, for "nothing changed" checks. */
export async function snapshot(db: Db): Promise<string> {
  const records = await db.query('SELECT kind, id, seq, data FROM records ORDER BY kind, id');
  const changes = await db.query('SELECT change_id, status, seq FROM changes ORDER BY change_id');
  return JSON.stringify({ records, changes });
}
