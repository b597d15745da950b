/**
 * The real thing over HTTP: `npm run server`'s entry point in its own process
 * on the embedded database in a data folder, the first administrator made by
 * `--create-admin`, and the sync client's HTTP transport. The server is killed
 * (SIGKILL) while a push is in flight and started again on the same folder:
 * nothing is lost and nothing is applied twice.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { BaseRecord, Deal } from '../../shared/domain/records';
import {
  emptySyncState,
  keyOf,
  pendingCount,
  recordLocalChange,
  syncOnce,
  type SyncHost,
  type SyncState,
} from '../../shared/sync/client';
import { httpTransport, serverOrigin, signIn, SyncHttpError } from '../../shared/sync/http';
import { API } from '../../shared/sync/protocol';
import { deal } from './helpers';

const PORT = 41753;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const dir = mkdtempSync(join(tmpdir(), 'zs-server-'));
const env = { ...process.env, LOG: '0', DATA_DIR: join(dir, 'data'), PORT: String(PORT), HOST: '127.0.0.1' };
let child: ChildProcess | undefined;

async function start(): Promise<void> {
  child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env, stdio: 'ignore' });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(ORIGIN + API.health)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not start');
}

function kill(): Promise<void> {
  return new Promise((done) => {
    if (!child || child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}

afterAll(async () => {
  await kill();
  rmSync(dir, { recursive: true, force: true });
});

function host(local: Map<string, BaseRecord>, prefix: string): SyncHost & { state: SyncState } {
  let n = 0;
  return {
    state: emptySyncState(),
    async applyRemote(kind, record) {
      local.set(keyOf(kind, record.id), record);
    },
    async save() {},
    newId: () => `${prefix}-${String(++n).padStart(8, '0')}`,
  };
}

it('the first admin from --create-admin, then a push cut by killing the server loses nothing and applies once', async () => {
  const pw = join(dir, 'pw');
  writeFileSync(pw, '管理员的密码-2026\n');
  const made = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', '--create-admin', '局办管理员', '--password-file', pw],
    {
      env,
      encoding: 'utf8',
    },
  );
  expect(made.stdout + made.stderr).toContain('已创建管理员：局办管理员');
  expect(made.status).toBe(0);

  await start();
  expect(serverOrigin('127.0.0.1:41753')).toEqual({ ok: true, value: ORIGIN });
  const admin = await signIn(ORIGIN, '局办管理员', '管理员的密码-2026');
  expect(admin.user.role).toBe('admin');
  for (const name of ['甲', '乙']) {
    const r = await fetch(ORIGIN + API.users, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name,
        displayName: `${name}同志`,
        role: 'leader',
        password: '局领导的密码-2026',
      }),
    });
    expect(r.status).toBe(201);
  }
  await expect(signIn(ORIGIN, '甲', '错的')).rejects.toMatchObject({
    status: 401,
    message: '用户名或密码不正确',
  });
  const a = await signIn(ORIGIN, '甲', '局领导的密码-2026');

  // 1,200 deals: three pushes of 500, 500 and 200; the server dies during the second.
  const localA = new Map<string, BaseRecord>();
  const hA = host(localA, 'laptop-a');
  const deals: Deal[] = Array.from({ length: 1200 }, (_, i) => deal(`kill-${i}`, { name: `项目${i}` }));
  for (const d of deals) {
    localA.set(keyOf('deal', d.id), d);
    recordLocalChange(hA.state, 'deal', d, hA.newId);
  }
  const real = httpTransport(ORIGIN, a.token);
  let pushes = 0;
  const cutting = {
    pull: real.pull,
    async push(body: Parameters<typeof real.push>[0]) {
      pushes++;
      if (pushes !== 2) return real.push(body);
      const answer = real.push(body);
      answer.catch(() => {}); // awaited below, after the kill
      await new Promise((r) => setTimeout(r, 5));
      await kill();
      return answer;
    },
  };
  await expect(syncOnce(hA.state, cutting, hA)).rejects.toBeInstanceOf(SyncHttpError);
  expect(pendingCount(hA.state)).toBeGreaterThan(0);
  await expect(syncOnce(hA.state, real, hA)).rejects.toMatchObject({ status: 0 });

  await start();
  await syncOnce(hA.state, httpTransport(ORIGIN, a.token), hA);
  expect(pendingCount(hA.state)).toBe(0);

  // A second laptop pulls everything: each deal once, as laptop A holds it.
  const b = await signIn(ORIGIN, '乙', '局领导的密码-2026');
  const localB = new Map<string, BaseRecord>();
  const hB = host(localB, 'laptop-b');
  await syncOnce(hB.state, httpTransport(ORIGIN, b.token), hB);
  expect(localB.size).toBe(1200);
  for (const d of deals) expect(localB.get(keyOf('deal', d.id))).toEqual(d);
});
