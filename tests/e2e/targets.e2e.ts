import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { dumpXlsx, renderFirstPage, SheetView, tempDir } from '../support/spreadsheet';
import { E2E_TODAY, isoDaysFrom } from './clock';
import { newProfile, openApp, removeProfile, screenshot, SHOTS_DIR, type Session } from './browser';
import { card, dialog, expectText, fillDate, fillForm, nav, newDeal, openRow, pick, save } from './ui';

const profile = newProfile();
const downloads = tempDir('ledger-downloads-');
let s: Session | undefined;

afterAll(async () => {
  await s?.close();
  removeProfile(profile);
});

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; path: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(downloads, d.suggestedFilename());
  await d.saveAs(path);
  return { name: d.suggestedFilename(), path };
}

const A = '大东鞋业女鞋生产基地';
const B = '恒达汽车零部件项目';
const LAST_YEAR = '锦华鞋材配套项目';
const TALKING = '晋江运动鞋智能制造项目';
const year = Number(E2E_TODAY.slice(0, 4));
const thisMonth = E2E_TODAY.slice(0, 7);

async function addFunds(page: Page, deal: string, month: string, amount: string) {
  await nav(page, '签约项目');
  await openRow(page, deal);
  const funds = card(page, '到位资金与完成投资');
  await funds.getByRole('button', { name: '登记资金' }).click();
  const d = dialog(page);
  await fillDate(d, '月份', month);
  await fillForm(page, { 金额: amount, '来源/说明': '企业自筹' });
  await save(page);
  await expectText(page, '已登记到位资金');
}

/** The cells of the 目标完成 table's row for a figure, as shown. */
async function progressRow(section: Locator, label: string): Promise<string[]> {
  const row = section.locator('.ant-table-row').filter({ hasText: label }).first();
  return (await row.locator('td').allInnerTexts()).map((t) => t.trim());
}

const pctText = (v: unknown) => `${(Number(v) * 100).toFixed(1)}%`;
const yoyOf = (v: unknown) => {
  const t = pctText(v);
  return Number(v) > 0 ? `+${t}` : t;
};

describe('targets, funds in place, problems and the weekly pack', () => {
  it('enter targets, record funds, raise an overdue problem, see the light, export both packs', async () => {
    s = await openApp(profile);
    const { page } = s;
    await nav(page, '设置');
    await page.getByLabel('用户名').fill('张三');
    await page.getByRole('button', { name: '保存设置' }).click();
    await expectText(page, '设置已保存');

    // 1. Targets for the year, in the grid of 设置.
    const targets = card(page, '目标任务');
    await expect(targets.getByLabel('目标年度').inputValue()).resolves.toBe(String(year));
    await targets.getByLabel('全县签约项目（个）').fill('10');
    await targets.getByLabel('全县协议引资').fill('20亿');
    await targets.getByLabel('全县到位资金').fill('5亿');
    await targets.getByLabel('第一招商组团到位资金').fill('1亿');
    await targets.getByLabel('第一招商组团签约项目（个）').fill('2');
    await targets.getByRole('button', { name: '保存目标' }).click();
    await expectText(page, `已保存${year}年目标任务`);
    await expect(targets.getByLabel('全县协议引资').inputValue()).resolves.toBe(
      '200,000万元'.replace(/,/g, ''),
    );

    // Deals: two signed this year, one last year (for 同比), one still 在谈.
    await nav(page, '签约项目');
    await newDeal(
      page,
      { 项目名称: A, 投资方: '成都大东鞋业有限公司', 协议投资额: '3.5亿' },
      '第一招商组团',
      E2E_TODAY,
    );
    await newDeal(
      page,
      { 项目名称: B, 投资方: '重庆恒达汽配有限公司', 协议投资额: '1.5亿' },
      '第二招商组团',
      isoDaysFrom(-30),
    );
    await newDeal(
      page,
      { 项目名称: LAST_YEAR, 投资方: '成都锦华鞋材有限公司', 协议投资额: '1亿' },
      '第一招商组团',
      isoDaysFrom(-365),
    );
    await newDeal(
      page,
      { 项目名称: TALKING, 投资方: '晋江某鞋业有限公司', 协议投资额: '2亿', 包案领导: '王县长' },
      '第一招商组团',
    );

    // 2. 到位资金 on two deals (and last year's on a third).
    await addFunds(page, A, thisMonth, '3000万');
    await addFunds(page, B, thisMonth, '2000万');
    await expectText(card(page, '到位资金与完成投资'), '2,000万元');
    await addFunds(page, LAST_YEAR, isoDaysFrom(-365).slice(0, 7), '1000万');

    // 3. A problem raised 60 days ago, due 40 days ago: overdue past the red threshold (30 days).
    await nav(page, '签约项目');
    await openRow(page, A);
    await card(page, '问题台账').getByRole('button', { name: '登记问题' }).click();
    const d = dialog(page);
    await d.getByLabel('问题描述').fill('用地指标未落实，需调剂新增建设用地');
    await d.getByLabel('责任单位').fill('县自然资源局');
    await d.getByLabel('责任领导').fill('李副县长');
    await fillDate(d, '提出日期', isoDaysFrom(-60));
    await fillDate(d, '办结时限', isoDaysFrom(-40));
    await save(page);
    await expectText(page, '已登记问题');

    // 4. The deal is lit red with the problem as its reason.
    const lights = card(page, '三色灯');
    await expectText(lights, '红灯');
    await expectText(lights, '问题逾期40天：用地指标未落实，需调剂新增建设用地（县自然资源局）');
    await expectText(card(page, '问题台账'), '逾期40天');
    await expectText(card(page, '到位资金与完成投资'), '3,000万元');
    await screenshot(page, 'targets-deal-funds-problems');

    // The problem list across deals, filtered to overdue ones.
    await nav(page, '问题台账');
    await expectText(page, '共 1 个问题，其中逾期 1 个');
    await pick(page, page, '是否逾期', '已逾期');
    await expectText(page, '用地指标未落实，需调剂新增建设用地');
    await screenshot(page, 'targets-problem-list');
    const problems = await download(page, () => page.getByRole('button', { name: '导出 Excel' }).click());
    const pv = new SheetView(dumpXlsx(problems.path)[0]!);
    expect(pv.value(2, 1)).toMatch(/状态：未解决；已逾期/);
    const pr = pv.findRow('用地指标未落实，需调剂新增建设用地', 3);
    expect(pv.row(pr, 12).slice(2)).toEqual(
      expect.arrayContaining(['用地', '县自然资源局', '李副县长', A, 40]),
    );

    // The overview's 目标完成 section.
    await nav(page, '总览');
    const section = page.locator('[data-testid="progress-section"]');
    await section.waitFor();
    const funds = await progressRow(section, '到位资金');
    expect(funds).toEqual([
      '到位资金',
      '50,000万元',
      '5,000万元',
      '10.0%',
      '1,000万元',
      '+400.0%',
      '+4,000万元',
    ]);
    const signed = await progressRow(section, '签约项目（个）');
    expect(signed).toEqual(['签约项目（个）', '10个', '2个', '20.0%', '1个', '+100.0%', '+1个']);
    const agreed = await progressRow(section, '协议引资');
    expect(agreed.slice(0, 4)).toEqual(['协议引资', '200,000万元', '50,000万元', '25.0%']);
    // The overview's own light list sees the problem too.
    const reds = card(page, '红灯项目（2）');
    await expectText(reds, '问题逾期40天：用地指标未落实，需调剂新增建设用地（县自然资源局）');
    const ranking = section.locator('[data-testid="ranking-table"] .ant-table-row').first();
    await expectText(ranking, '第一招商组团');
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'targets-overview-progress');

    // 5a. The weekly pack, one click from the overview.
    await page.getByRole('button', { name: '每周会商' }).click();
    const w = dialog(page);
    await expectText(w, /会商周/);
    const weekly = await download(page, () => w.getByRole('button', { name: '导出工作簿' }).click());
    expect(weekly.name).toMatch(/^乐至县招商引资项目每周会商表_\d{4}年\d+月\d+日-\d+月\d+日\.xlsx$/);
    const sheets = dumpXlsx(weekly.path);
    expect(sheets.map((x) => x.name)).toEqual(['在谈项目', '会商要点']);
    const talk = new SheetView(sheets[0]!);
    const team1 = talk.findRow('第一招商组团（在谈项目1个）');
    expect(talk.value(team1 + 2, 2)).toBe(TALKING);
    expect(talk.value(team1 + 2, 4)).toBe(20000);
    expect(String(talk.value(talk.maxRow, 1))).toMatch(/审核人：$/);
    const points = new SheetView(sheets[1]!);
    const signings = points.findRow('一、本周新签约项目');
    expect(points.value(signings + 2, 2)).toBe(A);
    const open = points.findRow('四、未解决问题（按责任单位）');
    expect(points.row(open + 2, 3).slice(1)).toEqual(['县自然资源局', A]);
    const lit = points.findRow('五、红黄灯项目（红灯2个，黄灯0个）');
    const litRows = [points.row(lit + 2, 5), points.row(lit + 3, 5)];
    expect(litRows.find((r) => r[2] === A)?.[4]).toMatch(/问题逾期40天：用地指标未落实/);
    const png = renderFirstPage(weekly.path, resolve(SHOTS_DIR, 'targets-weekly-pack-libreoffice.png'));
    expect(png).toMatch(/\.png$/);

    // The printable page of the same week.
    await w.getByRole('button', { name: '打印页面' }).click();
    const print = page.locator('[data-testid="weekly-print"]');
    await print.waitFor();
    await expectText(print, '乐至县招商引资项目每周会商表');
    await expectText(print, TALKING);
    await expectText(print, '问题逾期40天：用地指标未落实，需调剂新增建设用地（县自然资源局）');
    await screenshot(page, 'targets-weekly-print');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'targets-weekly-print-media');
    await page.emulateMedia({ media: 'screen' });

    // 5b. The summary report: 目标完成情况 and 到位资金 read back equal to the overview.
    await nav(page, '总览');
    await page.getByRole('button', { name: '导出汇总报表' }).click();
    const r = dialog(page);
    const report = await download(page, () => r.getByRole('button', { name: '导出' }).click());
    const summary = new SheetView(dumpXlsx(report.path).find((x) => x.name === '汇总')!);
    expect(summary.value(summary.findRow('到位资金', 2), 4)).toBe(5000);
    const table = summary.findRow(`六、目标完成情况（全县，${year}年目标；同比为上年同期）`);
    const fundsRow = summary.row(summary.findRow('到位资金（万元）', 3, table), 9);
    expect(fundsRow.slice(1, 5)).toEqual(['全县', '到位资金（万元）', 50000, 5000]);
    expect(pctText(fundsRow[5])).toBe(funds[3]);
    expect(yoyOf(fundsRow[8])).toBe(funds[5]);
    const signedRow = summary.row(summary.findRow('签约项目（个）', 3, table), 9);
    expect(pctText(signedRow[5])).toBe(signed[3]);
    expect(yoyOf(signedRow[8])).toBe(signed[5]);
    const teams = summary.findRow('七、分组团目标完成情况');
    const t1 = summary.findRow('第一招商组团', 2, teams);
    const t1funds = summary.row(summary.findRow('到位资金（万元）', 3, t1), 9);
    expect(t1funds.slice(3, 6)).toEqual([10000, 3000, 0.3]);
  });
});
