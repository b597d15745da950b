import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { dumpXlsx, parseCsv, SheetView, tempDir } from '../support/spreadsheet';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security';
import { E2E_TODAY } from './clock';
import { newProfile, openApp, removeProfile, screenshot, type Session } from './browser';
import { dialog, expectText, fillDate, fillForm, nav, pick, popoverSettled, save } from './ui';

const profile = newProfile();
const downloads = tempDir('ledger-downloads-');
let s: Session;
const today = E2E_TODAY;
const [year, month] = today.split('-').map(Number) as [number, number];
// The dialog's default: from 1 January to the end of the current month.
const yearToDate = month === 12 ? `${year}年` : month === 1 ? `${year}年1月` : `${year}年1-${month}月`;
const INJECTION = '=HYPERLINK("http://x","y")';

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

async function newDeal(page: Page, values: Record<string, string>, team: string) {
  await page.getByRole('button', { name: '新建签约项目' }).click();
  const form = dialog(page);
  await fillForm(page, values);
  await pick(form, page, '行业', '鞋业');
  await pick(form, page, '招商组团', team);
  await fillDate(form, '签约日期', today);
  await save(page);
}

describe('Excel out, through the browser build', () => {
  it('exports the summary report and its figures read back with openpyxl', async () => {
    s = await openApp(profile);
    const { page } = s;
    // The desktop shell's CSP (no eval): exceljs must build the workbook under it.
    await s.context.route(
      (url) => url.pathname === '/' || url.pathname.endsWith('.html'),
      async (route) => {
        const response = await route.fetch();
        await route.fulfill({
          response,
          headers: { ...response.headers(), 'content-security-policy': CONTENT_SECURITY_POLICY },
        });
      },
    );
    await page.reload();
    await page.getByText('招商台账', { exact: true }).first().waitFor();
    // Written as source text: the test's tsconfig has no DOM types.
    await page.evaluate(`window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));`);
    await nav(page, '签约项目');
    await newDeal(
      page,
      { 项目名称: '大东鞋业女鞋生产基地', 投资方: '成都大东鞋业有限公司', 协议投资额: '3.5亿' },
      '第一招商组团',
    );
    await newDeal(
      page,
      { 项目名称: INJECTION, 投资方: '+1', 协议投资额: '5000万', 包案领导: '@SUM(A1)' },
      '第二招商组团',
    );
    await expectText(page, '共 2 条');

    await page.getByRole('button', { name: '导出汇总报表' }).click();
    const d = dialog(page);
    await expectText(d, '期间类型');
    await expectText(d, /文件名：乐至县招商引资工作汇总表_\d{4}年/);
    await screenshot(page, 'export-report-dialog');
    const file = await download(page, () => d.getByRole('button', { name: '导出' }).click());
    expect(file.name).toBe(`乐至县招商引资工作汇总表_${yearToDate}.xlsx`);
    await expectText(page, '已导出汇总报表');

    const sheets = dumpXlsx(file.path);
    expect(sheets.map((x) => x.name)).toEqual([
      '汇总',
      '签约项目明细',
      '亮灯项目',
      '企业注册进度',
      '客商名录',
    ]);
    const summary = new SheetView(sheets[0]!);
    expect(summary.value(1, 1)).toBe('乐至县招商引资工作汇总表');
    const signed = summary.findRow('签约项目（个）', 2);
    expect(summary.value(signed, 3)).toBe(2);
    expect(summary.value(signed, 4)).toBe(40000);
    const details = new SheetView(sheets[1]!);
    expect(details.sheet.freeze).toBe('A4');
    const names = [details.value(4, 2), details.value(5, 2)];
    expect(names).toContain(INJECTION);
    for (const sheet of sheets) expect(sheet.cells.filter((c) => c[2] === 'f')).toEqual([]);

    // One month, one team.
    await page.getByRole('button', { name: '导出汇总报表' }).click();
    const d2 = dialog(page);
    await d2.getByText('月', { exact: true }).click();
    await pick(d2, page, '招商组团', '第一招商组团');
    await expectText(d2, `文件名：乐至县招商引资工作汇总表_第一招商组团_${year}年${month}月.xlsx`);
    const teamFile = await download(page, () => d2.getByRole('button', { name: '导出' }).click());
    // The download starts before the dialog has finished and closed: wait for it,
    // or the list's own 导出 button below has a twin on screen.
    await d2.waitFor({ state: 'hidden', timeout: 60_000 });
    const team = new SheetView(dumpXlsx(teamFile.path)[0]!);
    expect(team.value(1, 1)).toBe('乐至县招商引资工作汇总表（第一招商组团）');
    const teamSigned = team.findRow('签约项目（个）', 2);
    expect([team.value(teamSigned, 3), team.value(teamSigned, 4)]).toEqual([1, 35000]);

    expect(await page.evaluate('window.cspViolations')).toEqual([]);
    // The policy was in force: an inline script is refused.
    await page.evaluate(
      `const el = document.createElement('script'); el.textContent = '1'; document.head.appendChild(el);`,
    );
    await expect.poll(() => page.evaluate('window.cspViolations.length')).toBeGreaterThan(0);
  });

  it('exports the deal list as CSV with a BOM and the values shown', async () => {
    const { page } = s;
    await page.getByPlaceholder(/搜索/).fill('大东');
    await expectText(page, '共 1 条');
    await page.getByRole('button', { name: /导出$/ }).click();
    const file = await download(page, () => page.getByText('导出 CSV（.csv）').click());
    expect(file.name).toBe(`签约项目_${today.replace(/-/g, '')}.csv`);
    const bytes = readFileSync(file.path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(rows[0]).toContain('项目名称');
    expect(rows[0]).toContain('协议投资额（万元）');
    expect(rows[0]).toContain('亮灯');
    expect(rows.length).toBe(2);
    expect(rows[1]).toContain('大东鞋业女鞋生产基地');
    expect(rows[1]).toContain('35000');
    expect(rows[1]).toContain(today);

    await page.getByPlaceholder(/搜索/).fill('');
    await expectText(page, '共 2 条');
    // 包案领导 is not a default column: show it, and the export carries it.
    await page.getByRole('button', { name: '列' }).click();
    await popoverSettled(page.locator('.ant-popover:visible'));
    await page.locator('.ant-popover:visible').getByLabel('包案领导').check();
    await page.getByRole('button', { name: '列' }).click();
    await page.locator('.ant-popover:visible').waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: /导出$/ }).click();
    const all = await download(page, () => page.getByText('导出 CSV（.csv）').click());
    const values = parseCsv(readFileSync(all.path).subarray(3).toString('utf8')).flat();
    expect(values).toContain(`'${INJECTION}`);
    expect(values).toContain("'+1");
    expect(values).toContain("'@SUM(A1)");

    await page.getByRole('button', { name: /导出$/ }).click();
    const xlsx = await download(page, () => page.getByText('导出 Excel（.xlsx）').click());
    const list = new SheetView(dumpXlsx(xlsx.path)[0]!);
    expect(list.value(3, 2)).toBe('项目名称');
    expect(list.sheet.freeze).toBe('A4');
    await screenshot(page, 'deals-list-export');
  });
});
