import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../server/config';
import { hashPassword } from '../../server/auth';
import { ENGINES, PASSWORD, addUser, auth, login, testServer, type TestServer } from './helpers';

it('passwords are hashed with argon2id at OWASP cost by default, never kept in clear', async () => {
  const h = await hashPassword(PASSWORD, DEFAULT_OPTIONS);
  expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  expect(h).not.toContain(PASSWORD);
});

describe.each(ENGINES)('sign-in and sessions on %s', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer(engine, { sessionMs: 3600_000, loginLimit: 5, loginWindowMs: 15 * 60_000 });
    await addUser(s, '王局长', 'leader');
    await addUser(s, '李四', 'member', '第二组团');
    await addUser(s, '赵六', 'readonly');
  });
  afterAll(() => s.close());

  const session = (token: string) =>
    s.app.inject({ method: 'GET', url: '/api/auth/session', headers: auth(token) });

  it('a login gives a random 32-byte token stored only as its hash, and the session names the user', async () => {
    const a = await login(s, '王局长');
    const b = await login(s, '王局长');
    expect(Buffer.from(a.token, 'base64url')).toHaveLength(32);
    expect(a.token).not.toBe(b.token);
    expect(a.user).toMatchObject({ name: '王局长', role: 'leader' });
    const stored = await s.db.query<{ token_hash: string }>('SELECT token_hash FROM sessions');
    expect(stored.map((r) => r.token_hash)).not.toContain(a.token);
    const r = await session(a.token);
    expect(r.statusCode).toBe(200);
    expect(r.json().user.displayName).toBe('王局长');
  });

  it('a wrong password or unknown name is refused with one message, and counts', async () => {
    const wrong = await s.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { name: '李四', password: 'x' },
    });
    const nobody = await s.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { name: '无此人', password: 'x' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(nobody.statusCode).toBe(401);
    expect(wrong.json().error).toBe(nobody.json().error);
  });

  it('an expired token is refused; a fresh one still works', async () => {
    const old = await login(s, '赵六');
    s.clock.now = new Date(s.clock.now.getTime() + 3600_000 + 1);
    expect((await session(old.token)).statusCode).toBe(401);
    const fresh = await login(s, '赵六');
    expect((await session(fresh.token)).statusCode).toBe(200);
  });

  it('a revoked token (logout) is refused, other sessions of the user stay', async () => {
    const a = await login(s, '李四');
    const b = await login(s, '李四');
    const out = await s.app.inject({ method: 'POST', url: '/api/auth/logout', headers: auth(a.token) });
    expect(out.statusCode).toBe(200);
    expect((await session(a.token)).statusCode).toBe(401);
    expect((await session(b.token)).statusCode).toBe(200);
  });

  it('a disabled user is signed out everywhere and cannot sign in again', async () => {
    await addUser(s, 'admin1', 'admin');
    const admin = await login(s, 'admin1');
    const victim = await addUser(s, '临时工', 'member', '第三组团');
    const t = await login(s, '临时工');
    const r = await s.app.inject({
      method: 'PATCH',
      url: `/api/users/${victim.id}`,
      headers: auth(admin.token),
      payload: { disabled: true },
    });
    expect(r.statusCode).toBe(200);
    expect((await session(t.token)).statusCode).toBe(401);
    const again = await s.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { name: '临时工', password: PASSWORD },
    });
    expect(again.statusCode).toBe(401);
    expect(again.json().error).toBe('该账号已停用');
  });

  it('malformed and forged tokens are refused', async () => {
    for (const h of [
      'Bearer',
      'Bearer x',
      `Bearer ${'A'.repeat(43)}`,
      'Basic YWRtaW46YWRtaW4=',
      `bearer ${'b'.repeat(43)}`,
    ]) {
      const r = await s.app.inject({
        method: 'GET',
        url: '/api/auth/session',
        headers: { authorization: h },
      });
      expect(r.statusCode, h).toBe(401);
    }
  });

  it('the login rate limit: the 6th try within 15 minutes is refused even with the right password, and lifts later', async () => {
    await addUser(s, '钱七', 'member', '第一组团');
    for (let i = 0; i < 5; i++) {
      const r = await s.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { name: '钱七', password: `错的${i}` },
      });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await s.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { name: '钱七', password: PASSWORD },
    });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error).toContain('15 分钟');
    // The counters live in the database: a second instance on it sees them too.
    const counted = await s.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM login_failures WHERE name = '钱七'",
    );
    expect(counted[0]?.n).toBe(5);
    s.clock.now = new Date(s.clock.now.getTime() + 15 * 60_000 + 1);
    const later = await s.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { name: '钱七', password: PASSWORD },
    });
    expect(later.statusCode).toBe(200);
  });
});
