/**
 * The deal list's rows, drawn by the light body (renderer/src/ledger/ListBody.tsx)
 * and reused by their position on the page: after a search, a new page or a
 * sort, every cell shows the record now at that place, and a click, a double
 * click or 删除 acts on that record. At 1366×768, with the sample data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { compareZh } from '../../shared/domain/text';
import { newProfile, openApp, removeProfile, screenshot, type Session } from './browser';
import { confirmPopup, expectText, nav, popoverSettled } from './ui';

const profile = newProfile();
let s: Session;
let page: Page;

const ROWS = '.ant-table-tbody tr.ant-table-row';

/** Every cell's text of every row shown, row by row. */
async function cellTexts(p: Page): Promise<string[][]> {
  return p
    .locator(ROWS)
    .evaluateAll((trs) =>
      trs.map((tr) => Array.from((tr as HTMLTableRowElement).cells, (td) => td.innerText.trim())),
    );
}

/** Marks the rows' elements with their position, to tell later whether the same elements are still there. */
async function markRows(p: Page): Promise<void> {
  await p
    .locator(ROWS)
    .evaluateAll((trs) => trs.forEach((tr, i) => ((tr as HTMLElement & { __pos?: number }).__pos = i)));
}

async function marks(p: Page): Promise<(number | null)[]> {
  return p
    .locator(ROWS)
    .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement & { __pos?: number }).__pos ?? null));
}

async function search(p: Page, text: string): Promise<void> {
  await p.getByPlaceholder(/搜索项目名称/).fill(text);
}

/** The count line under the toolbar, as a number. */
async function shownCount(p: Page): Promise<number> {
  const text = await p
    .getByText(/^共 \d+ 条$/)
    .first()
    .innerText();
  return Number(/\d+/.exec(text)![0]);
}

async function detailTitle(p: Page): Promise<string> {
  const title = p.locator('.ant-card-head-title h4');
  await title.waitFor();
  return (await title.innerText()).trim();
}

beforeAll(async () => {
  s = await openApp(profile);
  page = s.page;
  await page.setViewportSize({ width: 1366, height: 768 });
  await expectText(page, '台账暂无数据');
  await page.getByRole('button', { name: '加载示例数据' }).click();
  await confirmPopup(page, '加载');
  await page.getByText('已加载示例数据').first().waitFor({ timeout: 60_000 });
  await nav(page, '签约项目');
  await page.locator(ROWS).first().waitFor();
  // The light column comes once the follow-ups are read.
  await page.locator('th').filter({ hasText: '三色灯' }).waitFor();
});

afterAll(async () => {
  await s?.close();
  removeProfile(profile);
});

describe('the deal list, its rows reused in place', () => {
  it('after a search, the same row elements show the found deal in every cell, and its link opens it', async () => {
    await screenshot(page, 'deal-list-1366');
    const before = await cellTexts(page);
    expect(before.length).toBe(20);
    await markRows(page);
    // A deal from further down the page, found by its whole name.
    const target = before.find((cells, i) => i >= 5 && before.filter((c) => c[0] === cells[0]).length === 1)!;
    const name = target[0]!;
    await search(page, name);
    await page.locator(ROWS).first().locator('td').first().filter({ hasText: name }).waitFor();
    const after = await cellTexts(page);
    // Every cell of the first row is the found deal's, none left from the deal that row showed before.
    expect(after[0]).toEqual(target);
    expect(before[0]).not.toEqual(target);
    expect(after.length).toBe(await shownCount(page));
    // The row's element is the one that showed the page's first row: changed in place, not mounted anew.
    expect((await marks(page))[0]).toBe(0);
    // The name, cut with an ellipsis when long, is whole in the cell's title.
    expect(await page.locator(ROWS).first().locator('td').first().getAttribute('title')).toBe(name);
    await screenshot(page, 'deal-list-search-1366');

    await page.locator(ROWS).first().getByRole('link', { name }).click();
    expect(await detailTitle(page)).toBe(name);
    await nav(page, '签约项目');
    await search(page, '');
    await page.locator(ROWS).nth(19).waitFor();
  });

  it('a search that finds nothing shows the empty table, and erasing it brings every row back', async () => {
    const total = await shownCount(page);
    await search(page, 'zzzqqq');
    await expectText(page, '共 0 条');
    await expect(page.locator(ROWS).count()).resolves.toBe(0);
    await page.locator('.ant-table-placeholder').waitFor();
    await search(page, '');
    await page.locator(ROWS).nth(19).waitFor();
    expect(await shownCount(page)).toBe(total);
  });

  it('a new page and a sort show their own deals in the reused rows, and a double click opens the deal shown', async () => {
    const first = await cellTexts(page);
    await markRows(page);
    await page.locator('.ant-pagination-item-2').click();
    await page.locator('.ant-pagination-item-active').filter({ hasText: '2' }).waitFor();
    await page.waitForFunction(
      ([sel, name]) => document.querySelector(sel)?.querySelector('td')?.textContent !== name,
      [ROWS, first[0]![0]!] as const,
    );
    const second = await cellTexts(page);
    expect(second.length).toBe(20);
    // No deal of page 1 comes again on page 2.
    const names1 = new Set(first.map((c) => c[0]));
    expect(second.filter((c) => names1.has(c[0]))).toEqual([]);
    expect(await marks(page)).toEqual(first.map((_, i) => i));

    await page.locator(ROWS).nth(3).locator('td').nth(3).dblclick();
    expect(await detailTitle(page)).toBe(second[3]![0]);
    await nav(page, '签约项目');
    await page.locator(ROWS).first().waitFor();

    // Sorted by name over every deal, not the page: the first page holds the names that come first.
    const total = await shownCount(page);
    await page.locator('th').filter({ hasText: '项目名称' }).click();
    await page.locator('th[aria-sort="ascending"]').filter({ hasText: '项目名称' }).waitFor();
    const names: string[] = [];
    for (let n = 1; names.length < total; n++) {
      if (n > 1) {
        await page.locator(`.ant-pagination-item-${n}`).click();
        await page
          .locator('.ant-pagination-item-active')
          .filter({ hasText: String(n) })
          .waitFor();
        await page.waitForFunction(
          ([sel, name]) => document.querySelector(sel)?.querySelector('td')?.textContent !== name,
          [ROWS, names[names.length - 20]!] as const,
        );
      }
      names.push(...(await cellTexts(page)).map((c) => c[0]!));
    }
    expect(names).toEqual([...names].sort(compareZh));
    await page.locator('th').filter({ hasText: '项目名称' }).click();
    await page.locator('th').filter({ hasText: '项目名称' }).click();
    await page.locator('th[aria-sort]').waitFor({ state: 'detached' });
    await page.locator('.ant-pagination-item-1').click();
  });

  it('the row under the pointer is marked, and Tab reaches the name link, Enter opens it', async () => {
    const row = page.locator(ROWS).nth(2);
    await row.locator('td').nth(4).hover();
    const background = (i: number) =>
      page
        .locator(ROWS)
        .nth(i)
        .locator('td')
        .nth(4)
        .evaluate((td) => getComputedStyle(td).backgroundColor);
    await expect.poll(() => background(2)).not.toBe(await background(5));
    await screenshot(page, 'deal-list-hover-1366');

    const name = (await cellTexts(page))[1]![0]!;
    const link = page.locator(ROWS).nth(1).getByRole('link', { name });
    await link.focus();
    await page.keyboard.press('Enter');
    expect(await detailTitle(page)).toBe(name);
    await nav(page, '签约项目');
    await page.locator(ROWS).first().waitFor();
  });

  it('删除 on a reused row deletes the deal that row shows', async () => {
    await search(page, '');
    const total = await shownCount(page);
    await page.locator('.ant-pagination-item-2').click();
    await page.locator('.ant-pagination-item-active').filter({ hasText: '2' }).waitFor();
    const rows = await cellTexts(page);
    const name = rows[4]![0]!;
    await page.locator(ROWS).nth(4).getByRole('button', { name: '删除' }).click();
    await confirmPopup(page, '删除');
    await expectText(page, `共 ${total - 1} 条`);
    await search(page, name);
    await expectText(page, '共 0 条');
    await page.getByRole('switch', { name: '显示已删除' }).click();
    await page.locator(ROWS).first().locator('td').first().filter({ hasText: name }).waitFor();
    await page.locator(ROWS).first().getByRole('button', { name: '恢复' }).click();
    await expectText(page, '已删除 0 条');
    await page.getByRole('switch', { name: '显示已删除' }).click();
    await expectText(page, '共 1 条');
    await search(page, '');
  });

  it('with every column chosen the table scrolls sideways, the first column stays, and a search still fills the rows', async () => {
    await page.getByRole('button', { name: '列' }).click();
    await popoverSettled(page.locator('.ant-popover:visible').filter({ hasText: '显示列' }));
    const boxes = page.locator('.ant-popover:visible .ant-checkbox-input');
    const n = await boxes.count();
    expect(n).toBeGreaterThan(10);
    for (let i = 0; i < n; i++) await boxes.nth(i).check();
    await expect.poll(() => page.locator('.ant-popover:visible .ant-checkbox-input:checked').count()).toBe(n);
    await page.getByRole('button', { name: '列' }).click();
    await page.locator('.ant-popover:visible').waitFor({ state: 'hidden' });
    const content = page.locator('.ant-table-content');
    await expect.poll(() => content.evaluate((el) => el.scrollWidth > el.clientWidth + 1)).toBe(true);
    const firstCell = page.locator(ROWS).first().locator('td').first();
    await expect(firstCell.getAttribute('class')).resolves.toMatch(/ant-table-cell-fix-start/);
    await screenshot(page, 'deal-list-wide-1366');
    const x = (await firstCell.boundingBox())!.x;
    await content.evaluate((el) => (el.scrollLeft = 600));
    await expect.poll(() => firstCell.getAttribute('class')).toMatch(/ant-table-cell-fix-start-shadow-show/);
    expect((await firstCell.boundingBox())!.x).toBeCloseTo(x, 0);
    await screenshot(page, 'deal-list-wide-scrolled-1366');

    const before = await cellTexts(page);
    const target = before[9]!;
    await search(page, target[0]!);
    await firstCell.filter({ hasText: target[0]! }).waitFor();
    expect((await cellTexts(page))[0]).toEqual(target);
    await screenshot(page, 'deal-list-wide-search-1366');
    await search(page, '');
  });
});
