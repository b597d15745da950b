import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { isoDaysFrom } from './clock';
import { newProfile, openApp, removeProfile, screenshot, type Session } from './browser';
import {
  card,
  checkOn,
  confirmPopup,
  dialog,
  expectText,
  fillDate,
  fillForm,
  nav,
  openRow,
  pick,
  save,
} from './ui';

const profile = newProfile();
const sampleProfile = newProfile();
let s: Session | undefined;
let sample: Session | undefined;

afterAll(async () => {
  await s?.close();
  await sample?.close();
  removeProfile(profile);
  removeProfile(sampleProfile);
});

/** The value of the overview figure titled `title`. */
async function figure(page: Page, title: string): Promise<string> {
  const stat = page
    .locator('.ant-statistic')
    .filter({ has: page.locator('.ant-statistic-title', { hasText: title }) });
  return (await stat.locator('.ant-statistic-content').innerText()).trim();
}

const DEAL = '大东鞋业女鞋生产基地';

describe('milestones, lights and the overview', () => {
  it('ticking off an overdue milestone turns the light from red to green', async () => {
    s = await openApp(profile);
    const { page } = s;
    await nav(page, '设置');
    await page.getByLabel('用户名').fill('张三');
    await page.getByRole('button', { name: '保存设置' }).click();
    await expectText(page, '设置已保存');

    await nav(page, '签约项目');
    await page.getByRole('button', { name: '新建签约项目' }).click();
    const form = dialog(page);
    await fillForm(page, {
      项目名称: DEAL,
      投资方: '成都大东鞋业有限公司',
      协议投资额: '3.5亿',
      包案领导: '王县长',
    });
    await pick(form, page, '招商组团', '第一招商组团');
    await fillDate(form, '签约日期', isoDaysFrom(-20));
    await save(page);
    await openRow(page, DEAL);

    const lights = card(page, '三色灯');
    await expectText(lights, '绿灯');
    await page.getByRole('button', { name: '修改节点' }).click();
    const editor = dialog(page);
    await fillDate(editor, '计划日期2', isoDaysFrom(-40));
    await fillDate(editor, '计划日期5', isoDaysFrom(-5));
    await save(page);

    const checklist = card(page, '销号节点');
    await expectText(checklist, '逾期40天');
    await expectText(checklist, '逾期5天');
    await expectText(lights, '红灯');
    await expectText(lights, '注册逾期40天');
    await screenshot(page, 'deal-milestones-red');

    await checklist.getByLabel('销号：注册').click();
    await save(page, '销号');
    await expectText(page, '「注册」已销号');
    await expectText(lights, '黄灯');
    await checklist.getByLabel('销号：环评').click();
    await save(page, '销号');
    await expectText(lights, '绿灯');
    await expectText(lights, '进展正常');
    expect(await checklist.getByText('已销号').count()).toBe(3);
    await expectText(checklist, '张三');
    await expectText(
      card(page, '变更记录'),
      /签约（计划.*销号.*）、注册（计划.*销号.*）、环评（计划.*销号.*）/,
    );
    await screenshot(page, 'deal-milestones');
  });

  it('a leader overrides the light with a required reason, shown in the page, the list and the history', async () => {
    const { page } = s!;
    await page.getByRole('button', { name: '调整亮灯' }).click();
    const d = dialog(page);
    await checkOn(d.getByLabel('红灯'));
    await d.getByRole('button', { name: '保存' }).click();
    await expectText(d, '请填写调整原因');
    await d.getByLabel('调整原因').fill('投资方资金未到位，需县领导协调');
    await save(page);
    const lights = card(page, '三色灯');
    await expectText(lights, '人工调整');
    await expectText(lights, '投资方资金未到位，需县领导协调');
    await expectText(card(page, '变更记录'), '人工调整为红灯，原因：投资方资金未到位，需县领导协调');

    await nav(page, '签约项目');
    const row = page.locator('.ant-table-row').filter({ hasText: DEAL });
    await expectText(row, '人工调整为红灯：投资方资金未到位，需县领导协调');
    await expectText(row, '人工调整');
    await pick(page, page, '筛选三色灯', '绿灯');
    await expectText(page, '共 0 条');
    await page.getByLabel('筛选三色灯', { exact: true }).click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: '绿灯' })
      .click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: '红灯' })
      .click();
    await page.keyboard.press('Escape');
    await expectText(page, '共 1 条');
    await screenshot(page, 'deals-list-lights');
  });

  it('the overview counts what was entered', async () => {
    const { page } = s!;
    await nav(page, '总览');
    await page.locator('.ant-segmented').getByText('全部', { exact: true }).click();
    await expectText(page, '全部期间');
    expect(await figure(page, '签约项目（个）')).toBe('1');
    expect(await figure(page, '协议投资（亿元）')).toBe('3.5');
    expect(await figure(page, '红灯 / 黄灯 / 绿灯')).toBe('1 / 0 / 0');
    const reds = card(page, '红灯项目（1）');
    await expectText(reds, DEAL);
    await expectText(reds, '王县长');
    await reds.getByText(DEAL).click();
    await page.locator('.ant-card-head-title h4').filter({ hasText: DEAL }).waitFor();
  });

  it('an empty ledger offers the sample data; the overview matches the records loaded', async () => {
    sample = await openApp(sampleProfile);
    const { page } = sample;
    await expectText(page, '台账暂无数据');
    await page.getByRole('button', { name: '加载示例数据' }).click();
    await confirmPopup(page, '加载');
    // Generous: on a loaded machine writing ~1,000 records and drawing the charts takes a while.
    await page.locator('.ant-statistic-title', { hasText: '签约项目（个）' }).waitFor({ timeout: 60_000 });
    await page.locator('.ant-segmented').getByText('全部', { exact: true }).click();
    await expectText(page, '全部期间');

    // Read the stored records straight from IndexedDB and add them up independently.
    const truth = await page.evaluate(async () => {
      type Req<T> = {
        result: T;
        error: unknown;
        onsuccess: (() => void) | null;
        onerror: (() => void) | null;
      };
      type Db = {
        transaction(s: string): { objectStore(s: string): { getAll(): Req<unknown[]> } };
        close(): void;
      };
      const idb = (globalThis as unknown as { indexedDB: { open(name: string): Req<Db> } }).indexedDB;
      const db: Db = await new Promise((resolve, reject) => {
        const req = idb.open('zhaoshang-ledger');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const all = <T>(store: string) =>
        new Promise<T[]>((resolve) => {
          const req = db.transaction(store).objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result as T[]);
        });
      type D = { stage: string; signedDate?: string; agreedInvestment?: number; deletedAt?: string };
      type C = { status: string; statusHistory: { stage: string }[]; deletedAt?: string };
      const deals = (await all<D>('deals')).filter(
        (d) => !d.deletedAt && d.stage !== 'cancelled' && d.signedDate,
      );
      const companies = (await all<C>('companies')).filter((c) => !c.deletedAt);
      const reg = new Set(['registered', 'moved_in', 'producing']);
      const registered = companies.filter(
        (c) => reg.has(c.status) || c.statusHistory.some((h) => reg.has(h.stage)),
      ).length;
      db.close();
      return {
        count: deals.length,
        agreed: deals.reduce((sum, d) => sum + (d.agreedInvestment ?? 0), 0),
        registered,
        companies: companies.length,
      };
    });
    expect(truth.count).toBeGreaterThan(80);
    expect(await figure(page, '签约项目（个）')).toBe(String(truth.count));
    const agreedYi = Math.round(truth.agreed / 1_000_000) / 100;
    expect(Number((await figure(page, '协议投资（亿元）')).replace(/,/g, ''))).toBeCloseTo(agreedYi, 2);
    const rate = `${(Math.round((truth.registered / truth.companies) * 1000) / 10).toFixed(1)}%`;
    expect(await figure(page, '企业注册率')).toBe(rate);
    await expectText(page, `已注册 ${truth.registered} / 签约 ${truth.companies} 家`);
    await expectText(page, /红灯项目（\d+）/);
    await expectText(page, /逾期未注册企业（[1-9]\d*）/);
    await page.waitForTimeout(1200); // let the charts' entry animation finish before the picture
    await screenshot(page, 'overview-sample');
  });
});
