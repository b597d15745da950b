/**
 * The app side of the team server (SPEC §11) without React: two laptops'
 * real databases (fake-indexeddb) and the real server (PGlite, Fastify
 * through inject), joined by a fetch that can be cut at any moment.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REQUEST_TIMEOUT_MS, type Fetch } from '../../shared/sync/http';
import { SyncController, type SyncDeps } from '../../renderer/src/features/sync/actions';
import { initialState, type SyncUiState } from '../../renderer/src/features/sync/initialState';
import { badge, canManageUsers, canWrite } from '../../renderer/src/features/sync/selectors';
import { onJournaled } from '../../renderer/src/db/syncJournal';
import { newId } from '../../renderer/src/db/repositories/context';
import { setup } from './helpers';

/**
 * The server's own test helpers (tests/server/helpers.ts) belong to the
 * server's TypeScript project (Node, no DOM), so they are loaded at run time
 * and typed here by what this file uses.
 */
interface TestServer {
  app: {
    inject(req: {
      method: 'GET' | 'POST' | 'PATCH';
      url: string;
      headers: Record<string, string>;
      payload?: string;
    }): Promise<{ statusCode: number; body: string }>;
  };
  db: { query<T>(sql: string): Promise<T[]> };
  clock: { now: Date };
  close(): Promise<void>;
}
interface ServerHelpers {
  testServer(engine: 'pglite'): Promise<TestServer>;
  addUser(s: TestServer, name: string, role: string, team?: string): Promise<unknown>;
  PASSWORD: string;
}
const SERVER_HELPERS = '../server/helpers';
const { testServer, addUser, PASSWORD } = (await import(SERVER_HELPERS)) as ServerHelpers;

let server: TestServer;

beforeEach(async () => {
  server = await testServer('pglite');
  await addUser(server, 'zhangsan', 'member', '第一招商组团');
  await addUser(server, 'lisi', 'leader');
  await addUser(server, 'boss', 'readonly');
  await addUser(server, 'admin', 'admin');
  // Starting PGlite the first time runs initdb.
}, 60_000);
afterEach(async () => {
  await server.close();
});

const ORIGIN = 'http://ledger.test:8787';

/** The server reached through inject; `cut` makes every call fail as a dropped network would. */
function network(s: () => TestServer) {
  const net = { cut: false, calls: [] as string[] };
  const fetchImpl: Fetch = async (url, init) => {
    net.calls.push(`${init.method} ${url}`);
    if (net.cut) throw new TypeError('Failed to fetch');
    const u = new URL(url);
    if (u.origin !== ORIGIN) throw new TypeError('Failed to fetch');
    const r = await s().app.inject({
      method: init.method as 'GET' | 'POST' | 'PATCH',
      url: u.pathname + u.search,
      headers: init.headers,
      ...(init.body !== undefined ? { payload: init.body } : {}),
    });
    return { ok: r.statusCode < 400, status: r.statusCode, json: async () => JSON.parse(r.body) as unknown };
  };
  return { net, fetchImpl };
}

function laptop(userName: string) {
  const t = setup({ now: '2026-10-15T10:00:00+08:00', settings: { userName } });
  const { net, fetchImpl } = network(() => server);
  let ui: SyncUiState = { ...initialState };
  const controller = new SyncController(
    (patch) => (ui = { ...ui, ...patch }),
    () => ui,
  );
  const tokens = new Map<string, string>();
  const deps: SyncDeps = {
    repo: t.repos.sync,
    tokens: {
      load: async (o) => tokens.get(o) ?? null,
      save: async (o, token) => void (token ? tokens.set(o, token) : tokens.delete(o)),
    },
    origin: () => t.settings.serverOrigin,
    setOrigin: async (o) => {
      t.settings.serverOrigin = o;
    },
    fetch: fetchImpl,
    now: () => t.clock.now,
    newId,
    onLocalWrite: () => () => {},
  };
  return { ...t, net, controller, deps, tokens, ui: () => ui };
}

type Laptop = ReturnType<typeof laptop>;

async function signedIn(name: string, as = name): Promise<Laptop> {
  const l = laptop(as);
  await l.controller.start(l.deps);
  await l.controller.signIn(ORIGIN, name, PASSWORD);
  await l.controller.syncNow();
  l.controller.stop();
  return l;
}

const DEAL = { name: '年产300万双运动鞋生产线', investor: '福建晋江某鞋业有限公司', team: '第一招商组团' };

describe('the journal of local writes', () => {
  it('journals nothing while no server is configured, and makes no request', async () => {
    const l = laptop('张三');
    await l.controller.start(l.deps);
    await l.repos.deals.create(DEAL);
    expect(await l.db.syncJournal.count()).toBe(0);
    expect(l.net.calls).toEqual([]);
    expect(l.ui().phase).toBe('none');
    expect(badge(l.ui())).toBeNull();
  });

  it('journals every committed write in its own transaction, and none that was refused', async () => {
    const l = laptop('张三');
    l.settings.serverOrigin = ORIGIN;
    let commits = 0;
    const off = onJournaled(() => commits++);
    const d = await l.repos.deals.create(DEAL);
    l.advance();
    await l.repos.deals.update(d.id, { leader: '王县长' });
    l.advance();
    await l.repos.deals.remove(d.id);
    await expect(l.repos.deals.create({ name: '', investor: '' })).rejects.toThrow();
    off();
    const rows = await l.db.syncJournal.toArray();
    expect(rows.map((r) => r.kind)).toEqual(['deal', 'deal', 'deal']);
    expect(rows[1]!.record).toMatchObject({ id: d.id, leader: '王县长' });
    expect(rows[2]!.record.deletedAt).toBeTruthy();
    expect(commits).toBe(3);
  });
});

describe('sign in', () => {
  it('says in Chinese what went wrong and changes nothing', async () => {
    const l = laptop('张三');
    await l.controller.start(l.deps);
    await expect(l.controller.signIn('ftp://x', 'zhangsan', PASSWORD)).rejects.toThrow(
      '服务器地址应以 http:// 或 https:// 开头',
    );
    await expect(l.controller.signIn(ORIGIN, 'zhangsan', '不对的密码')).rejects.toThrow('用户名或密码不正确');
    l.net.cut = true;
    await expect(l.controller.signIn(ORIGIN, 'zhangsan', PASSWORD)).rejects.toThrow('连不上团队服务器');
    expect(l.settings.serverOrigin).toBeNull();
    expect(l.tokens.size).toBe(0);
    expect(await l.repos.sync.session()).toBeUndefined();
    expect(l.ui().phase).toBe('none');
  });

  it('a mistyped password, then the right one, signs in', async () => {
    const l = laptop('张三');
    await l.controller.start(l.deps);
    await expect(l.controller.signIn(ORIGIN, 'zhangsan', '不对的密码')).rejects.toThrow('用户名或密码不正确');
    const user = await l.controller.signIn(ORIGIN, 'zhangsan', PASSWORD);
    expect(user).toMatchObject({ name: 'zhangsan', role: 'member' });
    expect(l.settings.serverOrigin).toBe(ORIGIN);
    expect(l.ui().session?.user.name).toBe('zhangsan');
  });

  it('a server that accepts and never answers ends the sign-in in Chinese, and the next try works', async () => {
    const l = laptop('张三');
    await l.controller.start(l.deps);
    const real = l.deps.fetch;
    let seen: AbortSignal | undefined;
    l.deps.fetch = (_url, init) => {
      seen = init.signal;
      return new Promise(() => undefined);
    };
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const hung = l.controller.signIn(ORIGIN, 'zhangsan', PASSWORD);
      const outcome = hung.then(
        () => 'signed in',
        (e: Error) => e.message,
      );
      await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS - 1);
      expect(seen?.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(await outcome).toBe('团队服务器没有回应，请稍后再试；一直如此时请管理员检查服务器');
      expect(seen?.aborted).toBe(true);
    } finally {
      vi.useRealTimers();
    }
    expect(l.settings.serverOrigin).toBeNull();
    l.deps.fetch = real;
    await expect(l.controller.signIn(ORIGIN, 'zhangsan', PASSWORD)).resolves.toMatchObject({
      name: 'zhangsan',
    });
  });

  it('tells a rate-limited sign-in to wait', async () => {
    const l = laptop('张三');
    await l.controller.start(l.deps);
    let last = '';
    for (let i = 0; i < 12; i++) {
      last = await l.controller.signIn(ORIGIN, 'zhangsan', `错${i}`).then(
        () => '',
        (e: Error) => e.message,
      );
    }
    expect(last).toContain('登录失败次数过多');
  });

  it('keeps the server, the user and the role; 退出 forgets the token but keeps local changes queued', async () => {
    const a = await signedIn('zhangsan', '张三');
    expect(a.settings.serverOrigin).toBe(ORIGIN);
    expect(a.ui().session?.user).toMatchObject({ name: 'zhangsan', role: 'member' });
    expect(badge(a.ui())).toEqual({ label: '已同步', tone: 'success' });
    expect(a.ui().lastSyncAt).toBe(a.clock.now.toISOString());
    await a.repos.deals.create(DEAL);
    await a.controller.signOut();
    expect(a.tokens.size).toBe(0);
    expect(badge(a.ui())?.label).toBe('未登录');
    expect(await a.db.syncJournal.count()).toBe(1);
  });
});

describe('two laptops and one server', () => {
  it('a deal signed on A reaches B, and what B pulled does not travel back', async () => {
    const a = await signedIn('zhangsan', '张三');
    const b = await signedIn('lisi', '李四');
    const d = await a.repos.deals.create(DEAL);
    await a.controller.syncNow();
    expect(a.ui().pending).toBe(0);
    await b.controller.syncNow();
    const onB = await b.repos.deals.get(d.id);
    expect(onB).toMatchObject({ name: DEAL.name, investor: DEAL.investor });
    expect(await b.db.syncJournal.count()).toBe(0);
    expect((await b.repos.sync.loadState()).outbox).toEqual({});
    const log = await b.db.changes.where('recordId').equals(d.id).toArray();
    expect(log.map((c) => c.cause)).toEqual([{ type: 'merge', file: '团队服务器' }]);
  });

  it('offline edits on both sides converge with one conflict to review; the choice is pushed', async () => {
    const a = await signedIn('zhangsan', '张三');
    const b = await signedIn('lisi', '李四');
    const d = await a.repos.deals.create(DEAL);
    await a.controller.syncNow();
    await b.controller.syncNow();

    a.net.cut = true;
    b.net.cut = true;
    a.advance();
    await a.repos.deals.update(d.id, { leader: '王县长' });
    b.advance(120_000);
    await b.repos.deals.update(d.id, { leader: '李副县长' });
    const contact = await b.repos.contacts.create({ name: '王五', mobile: '13900139000' });
    await a.controller.syncNow();
    await b.controller.syncNow();
    expect(a.ui().phase).toBe('offline');
    expect(badge(b.ui())?.label).toBe('离线');
    expect(b.ui().pending).toBe(2);

    a.net.cut = false;
    b.net.cut = false;
    await a.controller.syncNow();
    await b.controller.syncNow();
    await a.controller.syncNow();
    // B's edit is newer: kept on both; B's push met A's change since its base, so B lists it once.
    expect((await a.repos.deals.get(d.id))?.leader).toBe('李副县长');
    expect((await b.repos.deals.get(d.id))?.leader).toBe('李副县长');
    expect(await a.repos.contacts.get(contact.id)).toMatchObject({ name: '王五' });
    const conflicts = [...a.ui().conflicts, ...b.ui().conflicts];
    expect(conflicts).toHaveLength(1);
    expect(badge(b.ui())?.label).toBe('有冲突');
    const [conflict] = b.ui().conflicts;
    expect(conflict).toMatchObject({ kind: 'deal', id: d.id, winner: 'local' });

    // 李四 settles on the server's version (王县长): written as a new edit and pushed.
    b.advance();
    await b.controller.resolveConflict(conflict!.changeId, 'server');
    await b.controller.syncNow();
    expect(b.ui().conflicts).toEqual([]);
    expect((await b.repos.deals.get(d.id))?.leader).toBe('王县长');
    await a.controller.syncNow();
    expect((await a.repos.deals.get(d.id))?.leader).toBe('王县长');
    expect(a.ui().conflicts).toEqual([]);
  });

  it('a push cut after the server applied it is retried with the same ids and applies once', async () => {
    const a = await signedIn('zhangsan', '张三');
    const d = await a.repos.deals.create(DEAL);
    // The server answers, but the answer never arrives.
    const real = a.deps.fetch;
    let drop = true;
    a.deps.fetch = async (url, init) => {
      const r = await real(url, init);
      if (drop && url.endsWith('/api/sync/push')) {
        drop = false;
        throw new TypeError('Failed to fetch');
      }
      return r;
    };
    await a.controller.start(a.deps);
    await a.controller.syncNow();
    expect(a.ui().phase).toBe('offline');
    expect(a.ui().pending).toBe(1);
    await a.controller.syncNow();
    expect(a.ui().phase).toBe('idle');
    expect(a.ui().pending).toBe(0);
    a.controller.stop();
    const rows = await server.db.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM changes WHERE status <> 'duplicate'",
    );
    expect(rows[0]!.n).toBe('1');
    const held = await server.db.query<{ id: string }>('SELECT id FROM records');
    expect(held.map((r) => r.id)).toEqual([d.id]);
  });

  it('an expired session asks to sign in again and keeps the outbox', async () => {
    const a = await signedIn('zhangsan', '张三');
    await a.repos.deals.create(DEAL);
    // The server's clock moves past the session's end.
    server.clock.now = new Date(server.clock.now.getTime() + 400 * 86_400_000);
    await a.controller.syncNow();
    expect(a.ui().phase).toBe('signed-out');
    expect(a.ui().message).toBe('登录已过期，请重新登录后继续同步');
    expect(a.ui().pending).toBe(1);
    await a.controller.signIn(ORIGIN, 'zhangsan', PASSWORD);
    await a.controller.syncNow();
    a.controller.stop();
    expect(a.ui().pending).toBe(0);
  });
});

describe('roles', () => {
  it('a 只读 user pulls and may not write; the UI reads that from the role', async () => {
    const a = await signedIn('zhangsan', '张三');
    await a.repos.deals.create(DEAL);
    await a.controller.syncNow();
    const boss = await signedIn('boss', '领导');
    expect(await boss.repos.deals.list()).toHaveLength(1);
    expect(canWrite(boss.ui())).toBe(false);
    expect(canWrite(a.ui())).toBe(true);
    const admin = await signedIn('admin', '管理员');
    expect(canManageUsers(admin.ui())).toBe(true);
    const users = await admin.controller.listUsers();
    expect(users.map((u) => u.name).sort()).toEqual(['admin', 'boss', 'lisi', 'zhangsan']);
    const made = await admin.controller.createUser({
      name: 'wangwu',
      displayName: '王五',
      role: 'member',
      team: '第二招商组团',
      password: '王五的密码-2026',
    });
    expect(made.role).toBe('member');
    await expect(
      admin.controller.createUser({
        name: 'wangwu',
        displayName: '王五',
        role: 'member',
        password: '12345678',
      }),
    ).rejects.toThrow('已存在');
    await expect(boss.controller.listUsers()).rejects.toThrow();
  });
});
