/**
 * Issue 12 as a new user meets it: a registration ledger (GB18030 CSV with
 * USCC and 注册日期, title rows, a note line, a unit line) and a deal ledger
 * (two-row merged header, amounts in 亿元, mixed date forms) whose events do
 * not exist yet. After the wizard, the overview and the exported 汇总 sheet
 * must show the registration rate and the signings by event.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeGb18030, xlsxBytes, type Aoa } from '../support/excel/build';
import { uscc } from '../support/excel/ledgers';
import { dumpXlsx, SheetView, tempDir } from '../support/spreadsheet';
import { E2E_TODAY, isoDaysFrom } from './clock';
import { newProfile, openApp, removeProfile, screenshot, type Session } from './browser';
import { dialog, expectText, nav } from './ui';

const profile = newProfile();
const downloads = tempDir('ledger-import-facts-');
let s: Session;

afterAll(async () => {
  await s?.close();
  removeProfile(profile);
});

const year = E2E_TODAY.slice(0, 4);
/** `days` before the suite's today, kept inside its year so the year's figures count it. */
const ago = (days: number): string => {
  const d = isoDaysFrom(-days);
  return d.startsWith(year) ? d : `${year}-01-01`;
};
const [y, m, d] = E2E_TODAY.split('-').map(Number) as [number, number, number];
const slash = (iso: string) => iso.replace(/-0?/g, '/');
const zh = (iso: string) => {
  const [a, b, c] = iso.split('-').map(Number) as [number, number, number];
  return `${a}年${b}月${c}日`;
};
/** Excel's serial number of a local date. */
const serial = (iso: string) => {
  const [a, b, c] = iso.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(a, b - 1, c) - Date.UTC(1899, 11, 30)) / 86_400_000);
};

const REGISTRATIONS: Aoa = [
  ['乐至县鞋业企业注册登记台账'],
  ['所属片组：鞋业片组', '填报人：李四', `填报时间：${y}年${m}月${d}日`],
  ['单位：万元'],
  [
    '序号',
    '企业名称',
    '原所在地',
    '签约日期',
    '统一社会信用代码',
    '注册日期',
    '入驻时间',
    '注册资本（万元）',
    '联系人及电话',
    '注册情况',
  ],
  [
    1,
    '四川大东鞋业有限公司',
    '成都武侯区',
    ago(50),
    uscc('91510922MA62X1234'),
    slash(ago(45)),
    zh(ago(40)),
    500,
    '刘3 13859121859',
    '已入驻',
  ],
  [2, '重庆璧山鞋材有限公司', '重庆市璧山区', ago(50), '', '', '', 300, '', '否'],
  [
    3,
    '乐至县康达童鞋厂',
    '成都金牛区',
    ago(48),
    uscc('91510922MA62X5678'),
    zh(ago(30)),
    '',
    200,
    '',
    '已注册',
  ],
  [4, '成都锦程皮革有限公司', '成都', ago(47), uscc('92510922MA6ABCDEF'), ago(20), '', 100, '', '是'],
];

const DEALS: Aoa = [
  [`乐至县${year}年招商引资签约项目推进情况表`],
  [`截至${zh(E2E_TODAY)}`],
  ['单位：亿元'],
  [
    '序号',
    '项目名称',
    '投资方',
    '',
    '协议投资',
    '',
    '签约时间',
    '签约活动',
    '所属组团',
    '项目阶段',
    '开工时间',
  ],
  ['', '', '名称', '来源地', '总投资（亿元）', '一期（亿元）', '', '', '', '', ''],
  [
    1,
    '女鞋生产基地',
    '成都大东鞋业有限公司',
    '成都',
    3.5,
    1.2,
    serial(ago(40)),
    '第十六届西博会',
    '第一招商组团',
    '已开工',
    zh(ago(10)),
  ],
  [
    2,
    '商贸物流园',
    '重庆渝运物流有限公司',
    '重庆',
    '8.5亿',
    '3000万',
    slash(ago(40)),
    '第十六届西博会',
    '第二招商组团',
    '',
    '',
  ],
  [
    3,
    '汽配产业园',
    '成都川汽零部件公司',
    '成都',
    1.2,
    '',
    ago(30).replace(/-/g, '.'),
    '鞋业博览会',
    '第三招商组团',
    '',
    '',
  ],
  [4, '鞋材配套项目', '温州鞋材有限公司', '长三角', 0.5, '', zh(ago(20)), '', '第一招商组团', '', ''],
];
const MERGES = ['A4:A5', 'B4:B5', 'C4:D4', 'E4:F4', 'G4:G5', 'H4:H5', 'I4:I5', 'J4:J5', 'K4:K5'];

async function upload(page: Page, name: string, mimeType: string, bytes: Uint8Array) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择 Excel 文件…' }).click();
  await (await chooser).setFiles({ name, mimeType, buffer: Buffer.from(bytes) });
}

/** The value of the overview figure titled `title`. */
async function figure(page: Page, title: string): Promise<string> {
  const stat = page
    .locator('.ant-statistic')
    .filter({ has: page.locator('.ant-statistic-title', { hasText: title }) });
  return (await stat.locator('.ant-statistic-content').innerText()).trim();
}

const row = (page: Page, n: number) => page.locator(`tr.ant-table-row[data-row-key="${n}"]`);

describe('every fact in the office spreadsheets arrives', () => {
  it('imports the registration ledger with statuses from its USCC and dates', async () => {
    s = await openApp(profile);
    const { page } = s;
    await nav(page, '导入');
    const csv = REGISTRATIONS.map((r) => r.join(',')).join('\r\n');
    await upload(page, '鞋企注册台账.csv', 'text/csv', encodeGb18030(csv));
    await expectText(page, '表头在第 4 行，数据从第 5 行开始');
    await expectText(page, `表头上方的说明：所属片组：鞋业片组 填报人：李四 填报时间：${y}年${m}月${d}日`);
    await page.getByRole('button', { name: '下一步：列对应' }).click();
    await expectText(page, '联系人及电话');
    await page.getByRole('button', { name: '下一步：预览' }).click();

    await expectText(page, '导入后状态');
    await expectText(row(page, 5), '已入驻：有信用代码和注册日期，有入驻日期');
    await expectText(row(page, 6), '已签约：没有信用代码和注册日期');
    await expectText(row(page, 7), '已注册：有信用代码和注册日期');
    await expectText(page, `表格截至 ${E2E_TODAY}`);
    await expectText(row(page, 5), '成都 · 武侯区');
    await expectText(row(page, 6), '重庆 · 璧山区');
    await screenshot(page, 'import-facts-preview-status');
    await page.getByRole('button', { name: '开始导入（4 条，跳过 0 行）' }).click();
    await expectText(page, '导入完成：新建 4 条，更新 0 条，跳过 0 行');
  });

  it('imports the deal ledger and creates its events in the new wizard step', async () => {
    const { page } = s;
    await page.getByRole('button', { name: '继续导入' }).click();
    await upload(
      page,
      '签约项目推进情况表.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      xlsxBytes({ 签约项目: { rows: DEALS, merges: MERGES } }),
    );
    await expectText(page, '表头在第 4–5 行，数据从第 6 行开始');
    await page.getByRole('button', { name: '下一步：列对应' }).click();
    await expectText(page, '投资方 / 名称');
    await expectText(page, '协议投资 / 一期（亿元）');
    await page.getByRole('button', { name: '下一步：预览' }).click();

    await expectText(page, '以下 2 个活动名称在台账中没有找到');
    const fair = page.locator('tr.ant-table-row[data-row-key="第十六届西博会"]');
    await expectText(fair, `${ago(40)}`);
    await expectText(fair, '新建该活动');
    await expectText(page.locator('tr.ant-table-row[data-row-key="鞋业博览会"]'), ago(30));
    await screenshot(page, 'import-facts-events-step');
    await page.getByRole('button', { name: '下一步：预览' }).click();

    await expectText(page, '导入后阶段');
    await expectText(row(page, 6), '已开工：开工时间旁注明已开工');
    expect(await page.getByText('未找到签约活动').count()).toBe(0);
    await screenshot(page, 'import-facts-preview-stage');
    await page.getByRole('button', { name: '开始导入（4 条，跳过 0 行）' }).click();
    await expectText(page, '导入完成：新建 4 条，更新 0 条，跳过 0 行');
    await expectText(page, '同时新建活动 2 个：第十六届西博会、鞋业博览会。');

    await nav(page, '活动');
    await expectText(page.locator('.ant-table-row'), '第十六届西博会');
    await expectText(page.locator('.ant-table-row'), '鞋业博览会');
  });

  it('the overview and the exported 汇总 sheet show the registration rate and signings by event', async () => {
    const { page } = s;
    await nav(page, '总览');
    await page.locator('.ant-statistic-title', { hasText: '签约项目（个）' }).waitFor();
    await expect.poll(() => figure(page, '企业注册率')).toBe('75.0%');
    expect(await figure(page, '签约项目（个）')).toBe('4');
    expect(Number((await figure(page, '协议投资（亿元）')).replace(/,/g, ''))).toBeCloseTo(13.7, 2);
    await expectText(page, '注册率 75.0%（3/4）');
    await expectText(page, '逾期未注册企业（1）');
    await page.waitForTimeout(1200); // the charts' entry animation
    await screenshot(page, 'import-facts-overview');

    await nav(page, '签约项目');
    await page.getByRole('button', { name: '导出汇总报表' }).click();
    const dlg = dialog(page);
    await expectText(dlg, '期间类型');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dlg.getByRole('button', { name: '导出' }).click(),
    ]);
    const path = join(downloads, download.suggestedFilename());
    await download.saveAs(path);
    const summary = new SheetView(dumpXlsx(path)[0]!);
    expect(summary.sheet.name).toBe('汇总');
    const signed = summary.findRow('签约项目（个）', 2);
    expect([summary.value(signed, 3), summary.value(signed, 4)]).toEqual([4, 137000]);
    const registered = summary.findRow('完成工商注册（家）', 2);
    expect(summary.value(registered, 3)).toBe(3);
    expect(summary.value(registered, 5)).toBe('注册率 75.0%（3/4）');
    expect(summary.value(summary.findRow('逾期未注册（家）', 2), 3)).toBe(1);
    const events = summary.findRow('四、分活动签约情况', 1);
    const byEvent = (name: string) => {
      const r = summary.findRow(name, 2, events);
      return [summary.value(r, 3), summary.value(r, 4)];
    };
    expect(byEvent('第十六届西博会')).toEqual([2, 120000]);
    expect(byEvent('鞋业博览会')).toEqual([1, 12000]);
    expect(byEvent('非活动签约')).toEqual([1, 5000]);
  });
});
