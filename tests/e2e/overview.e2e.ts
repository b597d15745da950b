/**
 * 总览 shows the figures the rules give: with the sample data (added up at
 * once) and with a ledger of 6,000 deals (added up in slices that pause for
 * the page), each checked against the overview computed here from the same
 * records.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { packFacts, rebuildFacts } from '../../shared/domain/derived';
import { formatAmount } from '../../shared/domain/money';
import { computeOverview, OVERVIEW_SLICE, overviewFromFacts } from '../../shared/domain/overview';
import { buildSummary } from '../../shared/domain/summary';
import { periodHolding } from '../../shared/report/period';
import { generateSample, type SampleData } from '../../shared/sample/generate';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { E2E_TODAY } from './clock';
import { newProfile, openApp, removeProfile, screenshot, type Session } from './browser';
import { confirmPopup, expectText, nav } from './ui';

const T = DEFAULT_SETTINGS.lightThresholds;
const profiles: string[] = [];
const sessions: Session[] = [];

afterAll(async () => {
  for (const s of sessions) await s.close();
  for (const p of profiles) removeProfile(p);
});

async function open(): Promise<Page> {
  const profile = newProfile();
  profiles.push(profile);
  const s = await openApp(profile);
  sessions.push(s);
  await s.page.setViewportSize({ width: 1366, height: 768 });
  return s.page;
}

/** The value of the overview figure titled `title`. */
async function figure(page: Page, title: string): Promise<string> {
  const stat = page
    .locator('.ant-statistic')
    .filter({ has: page.locator('.ant-statistic-title', { hasText: title }) });
  return (await stat.locator('.ant-statistic-content').innerText()).trim();
}

interface Expected {
  signed: { count: number; agreed: number };
  lights: { red: number; yellow: number; green: number; redList: { deal: { name: string } }[] };
  companies: { registrationRateText: string };
}

/** The headline figures, the lit-deal list's title and its first row are the expected overview's. */
async function expectFigures(page: Page, o: Expected): Promise<void> {
  await expectText(page, '按招商组团');
  // antd's Statistic groups the digits of a number.
  expect(await figure(page, '签约项目（个）')).toBe(o.signed.count.toLocaleString('en-US'));
  expect(await figure(page, '协议投资（亿元）')).toBe(
    formatAmount(o.signed.agreed, 'yi', { withUnit: false }),
  );
  expect(await figure(page, '企业注册率')).toBe(o.companies.registrationRateText);
  expect(await figure(page, '红灯 / 黄灯 / 绿灯')).toBe(
    `${o.lights.red} / ${o.lights.yellow} / ${o.lights.green}`,
  );
  const red = page.locator('.ant-card').filter({ hasText: `红灯项目（${o.lights.red}）` });
  await red.first().waitFor();
  const firstRow = red.locator('.ant-table-tbody tr.ant-table-row').first();
  await expect.poll(() => firstRow.locator('td').first().innerText()).toBe(o.lights.redList[0]!.deal.name);
}

/**
 * Writes a generated ledger straight into the app's database, with the
 * derived rows and start summary built by the functions the write path uses
 * (a form would take hours for 6,000 deals); the page then reloads.
 */
async function writeLedger(page: Page, data: SampleData): Promise<void> {
  const facts = rebuildFacts(data);
  const summary = buildSummary(facts).map((b) => ({
    ...b,
    deals: Array.from(b.deals),
    companies: Array.from(b.companies),
  }));
  const tables: Record<string, unknown[]> = {
    deals: data.deals,
    companies: data.companies,
    events: data.events,
    followUps: data.followUps,
    problems: data.problems,
    dealFactPacks: packFacts(facts.deals),
    companyFacts: facts.companies,
  };
  // One JSON string: Playwright's own serialising of 50,000 objects takes most of a minute.
  await page.evaluate(async (json) => {
    const { tables, summary } = JSON.parse(json) as {
      tables: Record<string, unknown[]>;
      summary: { deals: number[]; companies: number[] }[];
    };
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('zhaoshang-ledger');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const names = [...Object.keys(tables), 'factSummary'];
    const tx = db.transaction(names, 'readwrite');
    for (const [name, rows] of Object.entries(tables)) for (const row of rows) tx.objectStore(name).put(row);
    for (const b of summary)
      tx.objectStore('factSummary').put({
        ...b,
        deals: Float64Array.from(b.deals),
        companies: Float64Array.from(b.companies),
      });
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, JSON.stringify({ tables, summary }));
  await page.reload();
  await page.getByText('招商台账', { exact: true }).first().waitFor();
}

describe('总览 at 1366×768', () => {
  it('shows the sample data’s figures', async () => {
    const page = await open();
    await page.getByRole('button', { name: '加载示例数据' }).click();
    await confirmPopup(page, '加载');
    await page.getByText('已加载示例数据').first().waitFor({ timeout: 60_000 });
    const data = generateSample({ today: E2E_TODAY });
    expect(data.deals.length).toBeLessThanOrEqual(OVERVIEW_SLICE);
    const o = computeOverview(data, periodHolding('year', E2E_TODAY), E2E_TODAY, T);
    await expectFigures(page, o);
    await screenshot(page, 'overview-sample-1366');
  });

  it('shows the figures of 6,000 deals, added up in slices, and again after the deal list was opened as soon as the first figures showed', async () => {
    const page = await open();
    const data = generateSample({ today: E2E_TODAY, seed: 90, deals: 6000, contacts: 0, companies: 1200 });
    await writeLedger(page, data);
    const period = periodHolding('year', E2E_TODAY);
    const o = overviewFromFacts(rebuildFacts(data), data.events, period, E2E_TODAY, T);
    // The same figures from every record, as the report computes them.
    expect(o.lights.red).toBe(computeOverview(data, period, E2E_TODAY, T).lights.red);
    await expectFigures(page, o);
    await screenshot(page, 'overview-6000-1366');

    // Back from the deal list, the overview is computed again; a click meanwhile is answered.
    await nav(page, '签约项目');
    await nav(page, '总览');
    await page.locator('.ant-statistic').first().waitFor();
    await nav(page, '签约项目');
    await expectText(page, '新建签约项目');
    await nav(page, '总览');
    await expectFigures(page, o);
  });
});
