import { afterAll, describe, expect, it } from 'vitest';
import { isoDaysFrom } from './clock';
import { newProfile, openApp, removeProfile, screenshot, type Session } from './browser';
import { card, dialog, expectText, nav, newDeal, openRow, pick, save } from './ui';

const profile = newProfile();
let s: Session | undefined;

afterAll(async () => {
  await s?.close();
  removeProfile(profile);
});

const OLD = '第三招商组团';
const NEW = '鞋业招商组团';
const LAST_YEAR = '锦华鞋材配套项目';
const THIS_YEAR = '大东鞋业女鞋生产基地';

describe('组团改名', () => {
  it('a team renamed in 设置 shows its new name in the ledger and keeps last year in its 同比', async () => {
    s = await openApp(profile);
    const { page } = s;
    await nav(page, '设置');
    await page.getByLabel('用户名').fill('张三');
    await page.getByRole('button', { name: '保存设置' }).click();
    await expectText(page, '设置已保存');

    await nav(page, '签约项目');
    await newDeal(
      page,
      { 项目名称: LAST_YEAR, 投资方: '成都锦华鞋材有限公司', 协议投资额: '2亿' },
      OLD,
      isoDaysFrom(-365),
    );
    await newDeal(
      page,
      { 项目名称: THIS_YEAR, 投资方: '成都大东鞋业有限公司', 协议投资额: '3亿' },
      OLD,
      isoDaysFrom(-10),
    );

    await nav(page, '设置');
    await page.getByRole('button', { name: '组团改名' }).click();
    const d = dialog(page);
    await pick(d, page, '原名称', OLD);
    // A name already in the list is refused and the dialog stays open with what was typed.
    await d.getByLabel('新名称').fill('第一招商组团');
    await d.getByRole('button', { name: '改名' }).click();
    await expectText(page, '已有组团「第一招商组团」，不能改成已有的名称');
    await d.getByLabel('新名称').fill(NEW);
    await screenshot(page, 'team-rename-dialog');
    await save(page, '改名');
    await expectText(page, `已将「${OLD}」改名为「${NEW}」：2 个签约项目`);
    await expectText(page, `曾用名：${NEW}（原${OLD}）`);

    // The ledger shows the new name; the deal's history keeps the old one.
    await nav(page, '签约项目');
    await expectText(page.locator('.ant-table-row').filter({ hasText: THIS_YEAR }), NEW);
    await openRow(page, LAST_YEAR);
    await expectText(card(page, '变更记录'), OLD);

    // The overview ranks the team once, under its new name, with last year's figure in its 同比.
    await nav(page, '总览');
    const section = page.locator('[data-testid="progress-section"]');
    await section.waitFor();
    const ranking = section.locator('[data-testid="ranking-table"]');
    const row = ranking.locator('.ant-table-row').filter({ hasText: NEW });
    await row.waitFor();
    const cells = (await row.locator('td').allInnerTexts()).map((t) => t.trim());
    expect(cells[1]).toBe(NEW);
    expect(cells.at(-1)).toBe('+50.0%');
    expect(await ranking.getByText(OLD).count()).toBe(0);
    await ranking.scrollIntoViewIfNeeded();
    await screenshot(page, 'team-rename-overview');
  });
});
