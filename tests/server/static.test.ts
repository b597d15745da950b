import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, testServer, type TestServer } from './helpers';

describe.each(ENGINES)('the browser edition served by the server on %s', (engine) => {
  const root = mkdtempSync(join(tmpdir(), 'zs-web-'));
  const web = join(root, 'renderer');
  let s: TestServer;
  beforeAll(async () => {
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>招商台账</title>');
    writeFileSync(join(web, 'assets', 'app-1a2b.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), '不该被读到');
    s = await testServer(engine, { staticDir: web });
  });
  afterAll(async () => {
    await s.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves index.html at / and for the app’s own routes, assets with long caching', async () => {
    const home = await s.app.inject({ method: 'GET', url: '/' });
    expect(home.statusCode).toBe(200);
    expect(home.headers['content-type']).toContain('text/html');
    expect(home.body).toContain('招商台账');
    expect((await s.app.inject({ method: 'GET', url: '/deals/123' })).body).toContain('招商台账');
    const js = await s.app.inject({ method: 'GET', url: '/assets/app-1a2b.js' });
    expect(js.headers['content-type']).toContain('javascript');
    expect(js.headers['cache-control']).toContain('immutable');
  });

  it('never serves a file outside the folder, and unknown /api/ paths are 404 JSON', async () => {
    for (const url of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%00',
      '/%E0%A4%A',
    ]) {
      const r = await s.app.inject({ method: 'GET', url });
      expect(r.body, url).not.toContain('不该被读到');
      expect(r.statusCode, url).toBeLessThan(500);
    }
    const api = await s.app.inject({ method: 'GET', url: '/api/nothing' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error).toBe('没有这个接口');
  });
});
