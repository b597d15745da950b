import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { e2eNow } from './clock';
import { E2E_PORT } from './port';

export const BASE_URL = `http://127.0.0.1:${E2E_PORT}/`;
export const SHOTS_DIR = resolve(import.meta.dirname, '../.artifacts/screenshots');

/** Debian Chromium, headless, with nothing that reaches for the network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Session {
  context: BrowserContext;
  page: Page;
  profile: string;
  close(): Promise<void>;
}

export function newProfile(): string {
  return mkdtempSync(join(tmpdir(), 'ledger-profile-'));
}

/** Opens the app in Debian's Chromium on a profile (a fresh one unless given). */
export async function openApp(profile = newProfile(), hash = ''): Promise<Session> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
  });
  // Time is an input: the page runs on the suite's calendar, not the machine's.
  await context.clock.install({ time: e2eNow() });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => console.error('[page error]', e.message));
  await page.goto(BASE_URL + hash);
  await page.getByText('招商台账', { exact: true }).first().waitFor();
  return { context, page, profile, close: () => context.close() };
}

export function removeProfile(profile: string): void {
  rmSync(profile, { recursive: true, force: true });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: true });
}
