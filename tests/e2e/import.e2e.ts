import { afterAll, describe, expect, it } from 'vitest';
import { encodeGb18030, xlsxBytes } from '../support/excel/build';
import { MESSY_DEALS, MESSY_MERGES } from '../support/excel/messy';
import { BASE_URL, newProfile, openApp, removeProfile, screenshot, type Session } from './browser';
import { card, confirmPopup, dialog, expectText, fillForm, nav, pick, save } from './ui';

const profile = newProfile();
let s: Session;

afterAll(async () => {
  await s?.close();
  removeProfile(profile);
});

// The unit tests' messy ledger plus a second bad row (an amount nobody can read) to skip.
const rows = [
  ...MESSY_DEALS.slice(0, 13),
  [9, '康养小镇', '某文旅公司', '很多', '', '2017-10-12', '第六招商组团', '文旅', ''],
  ...MESSY_DEALS.slice(13),
];
const workbook = Buffer.from(xlsxBytes({ 签约项目: { rows, merges: MESSY_MERGES } }));

describe('import a messy workbook through the wizard', () => {
  it('maps, previews, fixes one row, skips another and imports', async () => {
    s = await openApp(profile);
    const { page } = s;
    await nav(page, '导入');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '选择 Excel 文件…' }).click();
    await (
      await chooser
    ).setFiles({
      name: '2017签约台账.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: workbook,
    });

    await expectText(page, '表头在第 3–4 行，数据从第 5 行开始；表格单位：万元。');
    await screenshot(page, 'import-sheet');
    await page.getByRole('button', { name: '下一步：列对应' }).click();
    await expectText(page, '投资额 / 协议');
    await screenshot(page, 'import-mapping');
    await page.getByRole('button', { name: '下一步：预览' }).click();

    await expectText(page, '以下取值不在设置的列表中');
    await pick(page, page, '招商组团「一组」处理', '对应为：第一招商组团');
    await screenshot(page, 'import-values');
    await page.getByRole('button', { name: '下一步：预览' }).click();

    await expectText(page, '其中 2 行有错误，修改后可导入，否则跳过');
    const row = (n: number) => page.locator(`tr.ant-table-row[data-row-key="${n}"]`);
    await expectText(row(13), '错误：项目名称不能为空');
    await expectText(row(12), '与第 5 行是同一条记录，只导入一次');
    await screenshot(page, 'import-preview');
    // Rows with errors are skipped, not blocking: the button counts what will be written.
    expect(await page.getByRole('button', { name: '开始导入（6 条，跳过 3 行）' }).isDisabled()).toBe(false);

    await row(13).getByRole('button', { name: '修改' }).click();
    await fillForm(page, { 项目名称: '文旅综合体', 协议投资额: '3亿', 签约日期: '2017-12-01' });
    await dialog(page).getByRole('button', { name: '保存' }).click();
    await dialog(page).waitFor({ state: 'hidden' });
    await expectText(row(13), '30,000万元');
    await row(14).getByRole('button', { name: '跳过' }).click();
    await expectText(page, '共 9 行：新建 7，更新 0，跳过 2');
    await page.getByRole('button', { name: '开始导入（7 条，跳过 2 行）' }).click();
    await expectText(page, '导入完成：新建 7 条，更新 0 条，跳过 2 行');
    await screenshot(page, 'import-done');

    await nav(page, '签约项目');
    for (const name of ['女鞋生产基地', '文旅综合体', '商贸物流园', '农产品加工厂'])
      await expectText(page, name);
    expect(await page.locator('.ant-table-row').getByText('康养小镇').count()).toBe(0);

    // The record's history names the batch and sheet row and shows the values it was imported with.
    await page.locator('.ant-table-row').getByText('文旅综合体', { exact: true }).click();
    const history = card(page, '变更记录');
    await expectText(history, /导入批次 [0-9a-f]{8}，第13行/);
    await expectText(history, '文旅综合体');
    await expectText(history, '第五招商组团');
    // The value fixed in the preview, as imported.
    await expectText(history, '30,000万元');
    await screenshot(page, 'import-record-history');
  });

  it('undoes the import from 导入记录 and the records are gone', async () => {
    const { page } = s;
    await nav(page, '导入');
    await expectText(page, '2017签约台账.xlsx');
    await page.getByRole('button', { name: '撤销' }).click();
    await confirmPopup(page, '撤销');
    await expectText(page, '已撤销：删除 7 条新建记录，恢复 0 条更新记录');
    await screenshot(page, 'import-history');
    await nav(page, '签约项目');
    await page.locator('.ant-table').first().waitFor();
    await expect.poll(() => page.locator('.ant-table-row').getByText('女鞋生产基地').count()).toBe(0);
    expect(await page.locator('.ant-table-row').getByText('文旅综合体').count()).toBe(0);
  });

  it('all or nothing: a row refused mid-write leaves the database as it was', async () => {
    const { page, context } = s;
    await nav(page, '导入');
    await page.getByRole('button', { name: '重新选择文件' }).click();
    const csv =
      '姓名,单位,手机\r\n张三,成都大东鞋业有限公司,13800001111\r\n李四,重庆渝运物流,13800002222\r\n王五,温州鞋材,13800003333\r\n';
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '选择 Excel 文件…' }).click();
    await (
      await chooser
    ).setFiles({ name: '客商名录.csv', mimeType: 'text/csv', buffer: Buffer.from(encodeGb18030(csv)) });
    await expectText(page, '表头在第 1 行，数据从第 2 行开始');
    await page.getByRole('button', { name: '下一步：列对应' }).click();
    await page.getByRole('button', { name: '下一步：预览' }).click();
    await expectText(page, '共 3 行：新建 3，更新 0，跳过 0');
    await page.getByText('仅新建', { exact: true }).click();

    // Meanwhile someone saves a contact with 李四's mobile in another window,
    // so the third write of the import is refused by the database.
    const other = await context.newPage();
    await other.goto(`${BASE_URL}#/contacts`);
    await other.getByRole('button', { name: '新建客商' }).click();
    await fillForm(other, { 姓名: '李四四', 手机: '13800002222' });
    await save(other);
    await other.close();

    await page.getByRole('button', { name: '开始导入（3 条，跳过 0 行）' }).click();
    await expectText(page, '第 3 行：手机号已属于客商「李四四」。整批未导入，数据库没有任何改动。');
    await screenshot(page, 'import-refused');
    await nav(page, '客商');
    await expectText(page, '李四四');
    expect(await page.locator('.ant-table-row').getByText('张三', { exact: true }).count()).toBe(0);
    await nav(page, '导入');
    const history = card(page, '导入记录');
    await expectText(history, '2017签约台账.xlsx');
    expect(await history.getByText('客商名录.csv', { exact: true }).count()).toBe(0);
  });
});
