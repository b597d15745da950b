/**
 * The role matrix of SPEC §11, table-driven over every route and every role
 * (plus no session at all), and the per-record rules of a push.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/sync/roles';
import { API } from '../../shared/sync/protocol';
import {
  ENGINES,
  addUser,
  auth,
  changeId,
  deal,
  login,
  pushOf,
  snapshot,
  testServer,
  type TestServer,
} from './helpers';

type Who = Role | 'anonymous';
const WHO: Who[] = ['admin', 'leader', 'member', 'readonly', 'anonymous'];

interface RouteCase {
  route: string;
  method: 'GET' | 'POST' | 'PATCH';
  url: (ctx: Ctx) => string;
  payload?: (ctx: Ctx, who: Who) => object;
  expect: Record<Who, number>;
}

interface Ctx {
  tokens: Record<Role, string>;
  targetUserId: string;
}

let seqName = 0;
const ROUTES: RouteCase[] = [
  {
    route: API.health,
    method: 'GET',
    url: () => API.health,
    expect: { admin: 200, leader: 200, member: 200, readonly: 200, anonymous: 200 },
  },
  {
    route: API.login,
    method: 'POST',
    url: () => API.login,
    payload: () => ({ name: 'member', password: '正确的密码-2026' }),
    expect: { admin: 200, leader: 200, member: 200, readonly: 200, anonymous: 200 },
  },
  {
    route: API.session,
    method: 'GET',
    url: () => API.session,
    expect: { admin: 200, leader: 200, member: 200, readonly: 200, anonymous: 401 },
  },
  {
    route: API.users,
    method: 'GET',
    url: () => API.users,
    expect: { admin: 200, leader: 403, member: 403, readonly: 403, anonymous: 401 },
  },
  {
    route: API.users,
    method: 'POST',
    url: () => API.users,
    payload: () => ({
      name: `新用户${++seqName}`,
      displayName: '新同事',
      role: 'member',
      team: '第四组团',
      password: '足够长的密码123',
    }),
    expect: { admin: 201, leader: 403, member: 403, readonly: 403, anonymous: 401 },
  },
  {
    route: API.user,
    method: 'PATCH',
    url: (c) => API.user.replace(':id', c.targetUserId),
    payload: () => ({ team: '第五组团' }),
    expect: { admin: 200, leader: 403, member: 403, readonly: 403, anonymous: 401 },
  },
  {
    route: API.push,
    method: 'POST',
    url: () => API.push,
    payload: (_c, who) => pushOf({ record: deal(`matrix-${who}-${changeId()}`) }),
    expect: { admin: 403, leader: 200, member: 200, readonly: 403, anonymous: 401 },
  },
  {
    route: API.pull,
    method: 'GET',
    url: () => API.pull,
    expect: { admin: 200, leader: 200, member: 200, readonly: 200, anonymous: 401 },
  },
  {
    route: API.logout,
    method: 'POST',
    url: () => API.logout,
    expect: { admin: 200, leader: 200, member: 200, readonly: 200, anonymous: 401 },
  },
];

it('the matrix covers every route of the protocol', () => {
  expect(new Set(ROUTES.map((r) => r.route))).toEqual(new Set(Object.values(API)));
});

describe.each(ENGINES)('roles on %s', (engine) => {
  let s: TestServer;
  const ctx = { tokens: {} } as Ctx;
  beforeAll(async () => {
    s = await testServer(engine);
    for (const role of ['admin', 'leader', 'member', 'readonly'] as const)
      await addUser(s, role, role, role === 'member' ? '第一组团' : undefined);
    ctx.targetUserId = (await addUser(s, '被修改的人', 'member', '第二组团')).id;
  });
  afterAll(() => s.close());

  // Logout last: it ends the session the other rows use.
  for (const rc of ROUTES) {
    it.each(WHO)(`${rc.method} ${rc.route} as %s`, async (who) => {
      const token = who === 'anonymous' ? undefined : (await login(s, who)).token;
      const before = rc.expect[who] >= 400 ? await snapshot(s.db) : undefined;
      const r = await s.app.inject({
        method: rc.method,
        url: rc.url(ctx),
        headers: token ? auth(token) : {},
        ...(rc.payload ? { payload: rc.payload(ctx, who) } : {}),
      });
      expect(r.statusCode, r.body).toBe(rc.expect[who]);
      if (r.statusCode >= 400) expect(typeof r.json().error).toBe('string');
      if (before !== undefined) expect(await snapshot(s.db)).toBe(before);
    });
  }
});

describe.each(ENGINES)('per-record rules of a push on %s', (engine) => {
  let s: TestServer;
  let leader: string;
  let member: string;
  let otherMember: string;
  beforeAll(async () => {
    s = await testServer(engine);
    await addUser(s, '王局长', 'leader');
    await addUser(s, '一组张三', 'member', '第一组团');
    await addUser(s, '二组李四', 'member', '第二组团');
    leader = (await login(s, '王局长')).token;
    member = (await login(s, '一组张三')).token;
    otherMember = (await login(s, '二组李四')).token;
  });
  afterAll(() => s.close());

  const push = (token: string, body: object) =>
    s.app.inject({ method: 'POST', url: API.push, headers: auth(token), payload: body });

  it('a member edits deals of their own team made by others, not those of another team, nor moves one out', async () => {
    const own = deal('d-own', { team: '第一组团' });
    const other = deal('d-other', { team: '第二组团' });
    expect((await push(leader, pushOf({ record: own }, { record: other }))).statusCode).toBe(200);
    const [seqs] = [await s.db.query<{ id: string; seq: number }>('SELECT id, seq FROM records')];
    const seqOf = (id: string) => seqs.find((r) => r.id === id)!.seq;
    const edit = { ...own, notes: '已完成土地预审', updatedAt: '2026-10-16T01:00:00.000Z' };
    expect((await push(member, pushOf({ record: edit, baseSeq: seqOf('d-own') }))).statusCode).toBe(200);

    const before = await snapshot(s.db);
    const foreign = { ...other, notes: '越权修改', updatedAt: '2026-10-16T01:00:00.000Z' };
    const r = await push(member, pushOf({ record: foreign, baseSeq: seqOf('d-other') }));
    expect(r.statusCode).toBe(403);
    expect(r.json().error).toContain('本组团');
    const moved = { ...edit, team: '第二组团', updatedAt: '2026-10-16T02:00:00.000Z' };
    expect((await push(member, pushOf({ record: moved, baseSeq: 0 }))).statusCode).toBe(403);
    // A refused record refuses the whole push: the allowed one beside it is not written either.
    const mixed = pushOf(
      { record: { ...edit, notes: '本该一起写入', updatedAt: '2026-10-16T03:00:00.000Z' } },
      { record: foreign },
    );
    expect((await push(member, mixed)).statusCode).toBe(403);
    expect(await snapshot(s.db)).toBe(before);
  });

  it('a member edits records they created whatever the team, and not contacts created by others', async () => {
    const mine = deal('d-mine', { team: '第二组团' });
    expect((await push(member, pushOf({ record: mine }))).statusCode).toBe(200);
    const later = { ...mine, name: '改名后的项目', updatedAt: '2026-10-17T00:00:00.000Z' };
    expect((await push(member, pushOf({ record: later }))).statusCode).toBe(200);
    const contact = {
      id: 'ct-1',
      createdAt: '2026-10-15T02:00:00.000Z',
      updatedAt: '2026-10-15T02:00:00.000Z',
      createdBy: '二组李四',
      updatedBy: '二组李四',
      name: '陈总',
      company: '温州某鞋材厂',
      mobile: '13812345678',
      tags: ['重点客商'],
    };
    expect((await push(otherMember, pushOf({ kind: 'contact', record: contact }))).statusCode).toBe(200);
    const r = await push(
      member,
      pushOf({
        kind: 'contact',
        record: { ...contact, title: '总经理', updatedAt: '2026-10-18T00:00:00.000Z' },
      }),
    );
    expect(r.statusCode).toBe(403);
    // The leader edits it.
    expect(
      (
        await push(
          leader,
          pushOf({
            kind: 'contact',
            record: { ...contact, title: '董事长', updatedAt: '2026-10-18T00:00:00.000Z' },
          }),
        )
      ).statusCode,
    ).toBe(200);
  });
});
