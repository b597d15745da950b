/**
 * What the app needs from the server beyond its routes: CORS on /api/ for
 * laptops on another origin (app://ledger, or a browser edition elsewhere),
 * and the served browser edition marked so it signs in to its own origin.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../shared/sync/protocol';
import { TEAM_SERVER_META } from '../../server/static';
import { addUser, login, testServer, type TestServer } from './helpers';

describe('the app side of the server', () => {
  const root = mkdtempSync(join(tmpdir(), 'zs-web-'));
  let s: TestServer;
  beforeAll(async () => {
    mkdirSync(root, { recursive: true });
    writeFileSync(
      join(root, 'index.html'),
      '<!doctype html><html><head><title>招商台账</title></head></html>',
    );
    s = await testServer('pglite', { staticDir: root });
    await addUser(s, 'zhangsan', 'leader');
  });
  afterAll(async () => {
    await s.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers a CORS preflight on /api/ without a token, and marks answers for any origin', async () => {
    const pre = await s.app.inject({
      method: 'OPTIONS',
      url: API.push,
      headers: {
        origin: 'app://ledger',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
    expect(String(pre.headers['access-control-allow-headers'])).toContain('authorization');
    const { token } = await login(s, 'zhangsan');
    const pull = await s.app.inject({
      method: 'GET',
      url: `${API.pull}?since=0`,
      headers: { origin: 'app://ledger', authorization: `Bearer ${token}` },
    });
    expect(pull.statusCode).toBe(200);
    expect(pull.headers['access-control-allow-origin']).toBe('*');
    // Without a token the answer is still refused: CORS opens nothing the token does not.
    const refused = await s.app.inject({ method: 'GET', url: `${API.pull}?since=0` });
    expect(refused.statusCode).toBe(401);
  });

  it('marks the served index.html, and only it, so the page signs in to this origin', async () => {
    const home = await s.app.inject({ method: 'GET', url: '/' });
    expect(home.body).toContain(TEAM_SERVER_META);
    expect(home.body.indexOf(TEAM_SERVER_META)).toBeLessThan(home.body.indexOf('<title>'));
    const route = await s.app.inject({ method: 'GET', url: '/deals/1' });
    expect(route.body).toContain(TEAM_SERVER_META);
    const preflightOfPage = await s.app.inject({ method: 'OPTIONS', url: '/' });
    expect(preflightOfPage.headers['access-control-allow-origin']).toBeUndefined();
  });
});
