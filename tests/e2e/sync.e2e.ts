/**
 * The team server from the users' side (issue 16, SPEC §11): the real server
 * (`server/main.ts`, embedded PGlite in a temp folder) started and stopped by
 * this test, and separate Chromium profiles as separate laptops on the page
 * clock of tests/e2e/clock.ts. A signs a deal and B sees it; with the server
 * down both edit it and B adds a contact; with it back they converge, one
 * conflict to review, the contact on A; a 只读 user reads and exports but
 * cannot change anything; a push cut by SIGKILL loses nothing; and the
 * browser edition served by the server signs in to its own origin.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../shared/sync/protocol';
import { newProfile, openApp, removeProfile, screenshot, type Session } from './browser';
import { E2E_PORT } from './port';
import { card, confirmPopup, dialog, expectText, fillForm, nav, openRow, save } from './ui';

const SERVER_PORT = Number(process.env.E2E_SERVER_PORT ?? E2E_PORT + 1);
const ORIGIN = `http://127.0.0.1:${SERVER_PORT}`;
const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'zs-e2e-server-'));
const env = {
  ...process.env,
  LOG: '0',
  DATA_DIR: join(dir, 'data'),
  PORT: String(SERVER_PORT),
  HOST: '127.0.0.1',
  STATIC_DIR: join(ROOT, 'out/renderer'),
};
const PASSWORD = '测试用的密码-2026';
let server: ChildProcess | undefined;
const sessions: Session[] = [];

async function startServer(): Promise<void> {
  server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env,
    stdio: 'ignore',
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(ORIGIN + API.health)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('团队服务器没有启动');
}

function stopServer(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((done) => {
    const child = server;
    if (!child || child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill(signal);
  });
}

async function api<T>(path: string, token: string | null, body?: unknown): Promise<T> {
  const r = await fetch(ORIGIN + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

beforeAll(async () => {
  const pw = join(dir, 'admin-password');
  writeFileSync(pw, `${PASSWORD}\n`);
  const made = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', '--create-admin', 'admin', '--password-file', pw],
    { cwd: ROOT, env, encoding: 'utf8' },
  );
  expect(made.stdout + made.stderr).toContain('已创建管理员：admin');
  await startServer();
  const { token } = await api<{ token: string }>(API.login, null, { name: 'admin', password: PASSWORD });
  for (const [name, displayName, role] of [
    ['zhang', '张三', 'leader'],
    ['li', '李四', 'leader'],
    ['boss', '王局长', 'readonly'],
  ] as const) {
    await api(API.users, token, { name, displayName, role, password: PASSWORD });
  }
});

afterAll(async () => {
  for (const s of sessions) {
    await s.close().catch(() => undefined);
    removeProfile(s.profile);
  }
  await stopServer('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function laptop(): Promise<Session> {
  const s = await openApp(newProfile());
  sessions.push(s);
  return s;
}

const serverCard = (page: Page) => card(page, '团队服务器');
const badge = (page: Page) => page.getByTestId('sync-badge').first();

async function signIn(page: Page, name: string, password = PASSWORD): Promise<void> {
  await nav(page, '设置');
  const c = serverCard(page);
  const address = c.getByLabel('服务器地址');
  if (await address.count()) await address.fill(ORIGIN.replace('http://', ''));
  await c.getByLabel('账号', { exact: true }).fill(name);
  await c.getByLabel('密码', { exact: true }).fill(password);
  await described(c, '登录', c.locator('button[type="submit"]:not(.ant-btn-loading)').click());
}

/** Awaits `step`; if it fails, the error carries what the card showed (its accessibility tree). */
async function described(c: Locator, what: string, step: Promise<unknown>): Promise<void> {
  try {
    await step;
  } catch (e) {
    const tree = await c.ariaSnapshot({ timeout: 5_000 }).catch(() => '(读不到)');
    throw new Error(`「${what}」不可用，团队服务器卡片为：\n${tree}`, { cause: e });
  }
}

/** 立即同步 on the settings panel, then waits until nothing is left to push. */
async function syncNow(page: Page): Promise<void> {
  await nav(page, '设置');
  const c = serverCard(page);
  await described(c, '立即同步', c.getByRole('button', { name: '立即同步' }).click());
  await c.locator('.ant-btn-loading').waitFor({ state: 'detached', timeout: 30_000 });
  await expectText(c, /^0 条$/).catch(async (e: unknown) => {
    throw new Error(`同步未完成：${await c.innerText()}`, { cause: e });
  });
  await expect(badge(page).textContent()).resolves.toMatch(/已同步|有冲突/);
}

async function listCount(page: Page, section: string): Promise<number> {
  await nav(page, section);
  const total = page.getByText(/^共 \d+ 条$/).first();
  await total.waitFor();
  return Number((await total.textContent())!.match(/\d+/)![0]);
}

const DEAL = '年产300万双运动鞋生产线';

async function editLeader(page: Page, leader: string): Promise<void> {
  await nav(page, '签约项目');
  await openRow(page, DEAL);
  await page.getByRole('button', { name: '编辑' }).click();
  await fillForm(page, { 包案领导: leader });
  await save(page);
  await expectText(page, leader);
}

describe('two laptops and one team server', () => {
  let a: Session;
  let b: Session;

  it('A signs a deal, and B sees it after a sync', async () => {
    a = await laptop();
    b = await laptop();
    // Without a server the badge is hidden and the panel says the app goes nowhere.
    await nav(a.page, '设置');
    expect(await a.page.getByTestId('sync-badge').count()).toBe(0);
    await expectText(serverCard(a.page), '不连接服务器时，本程序不访问任何网络');
    await screenshot(a.page, 'sync-settings-empty');

    await signIn(b.page, 'li', '不对的密码');
    await expectText(serverCard(b.page), '用户名或密码不正确');
    // The user can try again at once: 登录 is back, not spinning.
    const again = serverCard(b.page);
    await described(
      again,
      '再次登录',
      again.locator('button[type="submit"]:not(.ant-btn-loading)').waitFor(),
    );
    expect(await b.page.getByTestId('sync-badge').count()).toBe(0);

    await signIn(a.page, 'zhang');
    await expectText(serverCard(a.page), '局领导');
    await expectText(badge(a.page), '已同步');
    await screenshot(a.page, 'sync-settings-signed-in');
    await signIn(b.page, 'li');
    await expectText(badge(b.page), '已同步');

    await nav(a.page, '签约项目');
    await a.page.getByRole('button', { name: '新建签约项目' }).click();
    await fillForm(a.page, { 项目名称: DEAL, 投资方: '福建晋江某鞋业有限公司', 协议投资额: '8.5亿' });
    await save(a.page);
    await syncNow(a.page);
    await syncNow(b.page);
    await nav(b.page, '签约项目');
    const row = b.page.locator('.ant-table-row').filter({ hasText: DEAL });
    await expectText(row, '85,000万元');
  });

  it('with the server stopped, both edit the deal and B adds a contact; both show 离线', async () => {
    await stopServer();
    await editLeader(a.page, '王县长');
    await editLeader(b.page, '李副县长');
    await nav(b.page, '客商');
    await b.page.getByRole('button', { name: '新建客商' }).click();
    await fillForm(b.page, { 姓名: '王五', 手机: '13900139000' });
    await save(b.page);
    // The loop tries shortly after each write and finds the server gone.
    await expectText(badge(a.page), '离线');
    await expectText(badge(b.page), '离线');
    await screenshot(b.page, 'sync-header-offline');
    await nav(b.page, '设置');
    await expectText(serverCard(b.page), '连不上团队服务器，本机照常使用，网络恢复后自动同步');
    await expectText(serverCard(b.page), /^2 条$/);
  });

  it('with the server back they converge: one conflict to review, and the contact reaches A', async () => {
    await startServer();
    await syncNow(a.page);
    await syncNow(b.page);
    await syncNow(a.page);
    // B's edit was the later one: kept on both.
    for (const page of [a.page, b.page]) {
      await nav(page, '签约项目');
      await openRow(page, DEAL);
      await expectText(page, '李副县长');
    }
    await nav(a.page, '客商');
    await expectText(a.page.locator('.ant-table-row'), '王五');

    // B pushed over A's change since its base: listed once, on B.
    await expectText(badge(b.page), '有冲突');
    await expectText(badge(a.page), '已同步');
    await badge(b.page).click();
    const review = card(b.page, '团队服务器同步冲突（1）');
    await review.waitFor();
    expect(await review.locator('.exchange-conflict').count()).toBe(1);
    await expectText(review, '王县长');
    await expectText(review, '李副县长');
    await screenshot(b.page, 'sync-conflict-review');
    await nav(a.page, '交换文件');
    expect(await a.page.getByText(/团队服务器同步冲突/).count()).toBe(0);

    // 李四 takes the server's version (A's): written as a new edit and pushed to A.
    await review.getByRole('button', { name: '采用服务器' }).click();
    await review.waitFor({ state: 'detached' });
    await syncNow(b.page);
    await expectText(badge(b.page), '已同步');
    await syncNow(a.page);
    for (const page of [a.page, b.page]) {
      await nav(page, '签约项目');
      await openRow(page, DEAL);
      await expectText(page, '王县长');
    }
  });

  it('a 只读 user reads and exports, and sees no way to change anything', async () => {
    const c = await laptop();
    await signIn(c.page, 'boss');
    await expectText(serverCard(c.page), '只读');
    await syncNow(c.page);
    expect(await listCount(c.page, '签约项目')).toBe(1);
    expect(await c.page.getByRole('button', { name: /新建/ }).count()).toBe(0);
    expect(await c.page.getByRole('button', { name: '删除' }).count()).toBe(0);
    const menu = c.page.locator('.ant-menu');
    expect(await menu.getByText('导入', { exact: true }).count()).toBe(0);
    expect(await menu.getByText('快速登记', { exact: true }).count()).toBe(0);
    await openRow(c.page, DEAL);
    for (const name of ['编辑', '删除', '变更阶段', '添加跟进', '关联客商']) {
      expect(await c.page.getByRole('button', { name }).count(), name).toBe(0);
    }
    expect(await c.page.locator('.ant-checkbox-input:not([disabled])').count()).toBe(0);
    await screenshot(c.page, 'sync-readonly-detail');
    await nav(c.page, '签约项目');
    await expectText(c.page, '共 1 条');
    await c.page.getByRole('button', { name: /导出$/ }).click();
    await screenshot(c.page, 'sync-readonly-export');
    const [download] = await Promise.all([
      c.page.waitForEvent('download'),
      c.page.getByText('导出 CSV（.csv）').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    // 设置 keeps the laptop's own preferences, but targets and team renames change the shared ledger.
    await nav(c.page, '设置');
    await expectText(c.page, '目标任务');
    for (const name of ['保存目标', '导入目标任务表', '导入到位资金表', '组团改名']) {
      expect(await c.page.getByRole('button', { name }).count(), name).toBe(0);
    }
    expect(await c.page.locator('input[aria-label$="协议引资"]:not([disabled])').count()).toBe(0);
    // Typing the address of a write-only page shows why, not the form.
    await c.page.goto(c.page.url().replace(/#.*$/, '#/import'));
    await expectText(c.page, '当前账号为只读');
  });

  it('a laptop joining brings its ledger, and killing the server in the middle of that push loses nothing', async () => {
    // A laptop that kept its ledger alone (the sample here) until it joins the server.
    const d = await laptop();
    await nav(d.page, '总览');
    await d.page.getByRole('button', { name: '加载示例数据' }).click();
    await confirmPopup(d.page, '加载');
    await expectText(d.page, /已加载示例数据/);
    // SIGKILL as soon as the push that carries the ledger leaves the page.
    const killed = new Promise<void>((done) => {
      const onRequest = (r: Request) => {
        if (!r.url().endsWith(API.push) || r.method() !== 'POST') return;
        d.page.off('request', onRequest);
        void stopServer('SIGKILL').then(done);
      };
      d.page.on('request', onRequest);
    });
    await signIn(d.page, 'zhang');
    await killed;
    const deals = await listCount(d.page, '签约项目');
    const contacts = await listCount(d.page, '客商');
    expect(deals).toBeGreaterThan(50);
    await expectText(badge(d.page), '离线');
    await startServer();
    await syncNow(d.page);
    await syncNow(a.page);
    await syncNow(b.page);
    for (const page of [a.page, b.page]) {
      // The sample, plus the deal and the contact made earlier.
      expect(await listCount(page, '签约项目')).toBe(deals + 1);
      expect(await listCount(page, '客商')).toBe(contacts + 1);
    }
  });

  it('the browser edition served by the server signs in to its own origin, for a leader to read', async () => {
    const leader = await laptop();
    await leader.page.goto(`${ORIGIN}/`);
    await leader.page.getByText('招商台账', { exact: true }).first().waitFor();
    await nav(leader.page, '设置');
    const c = serverCard(leader.page);
    expect(await c.getByLabel('服务器地址').count()).toBe(0);
    await c.getByLabel('账号', { exact: true }).fill('boss');
    await c.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await c.getByRole('button', { name: '登录', exact: true }).click();
    await expectText(badge(leader.page), '已同步');
    await screenshot(leader.page, 'sync-served-signed-in');
    expect(await listCount(leader.page, '签约项目')).toBeGreaterThan(50);
    await nav(leader.page, '总览');
    await screenshot(leader.page, 'sync-served-overview');
    await leader.page.getByRole('button', { name: '导出汇总报表' }).first().click();
    const report = dialog(leader.page);
    await expectText(report, '导出汇总报表');
    const [file] = await Promise.all([
      leader.page.waitForEvent('download'),
      report.getByRole('button', { name: '导出', exact: true }).click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
  });
});
