/**
 * The screen walk: every page, dialog and wizard step with the sample data,
 * at the sizes county-office laptops give the page (1366×768, and 1920×1080
 * at 150% scaling = 1280×720). Each screen is photographed and checked for:
 * console errors and failed requests, text cut off without an ellipsis and a
 * tooltip, a table that scrolls sideways, and a horizontal page scrollbar.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { xlsxBytes } from '../support/excel/build';
import { MESSY_DEALS, MESSY_MERGES } from '../support/excel/messy';
import { newProfile, openApp, removeProfile, screenshot, type Session } from './browser';
import { confirmPopup, dialog, expectText, nav, pick, popoverSettled } from './ui';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
] as const;

const profile = newProfile();
let s: Session | undefined;
/** Everything that went wrong while the walk ran, by screen. */
const problems: string[] = [];
let screen = 'start';

afterAll(async () => {
  if (problems.length) console.error(problems.join('\n'));
  await s?.close();
  removeProfile(profile);
});

function listen(page: Page): void {
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${screen}: console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${screen}: page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // A download the page hands to the browser is "aborted" once saved: not a failure.
    if (r.url().startsWith('blob:')) return;
    problems.push(`${screen}: request failed: ${r.url()} (${r.failure()?.errorText ?? ''})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${screen}: HTTP ${r.status()}: ${r.url()}`);
  });
}

interface Clipped {
  text: string;
  path: string;
  ellipsis: boolean;
  titled: boolean;
  index: number;
}

/**
 * Elements whose text is cut off: the box clips (overflow hidden or clip)
 * and its content is wider than the box. Scroll containers are left to the
 * table and page checks; inputs scroll their own text. An element with an
 * ellipsis and a title (or a title on the cell that holds it) passes here;
 * one with an ellipsis and no title passes only if hovering it shows a
 * tooltip holding its text (checked by the caller).
 */
async function clippedText(page: Page): Promise<Clipped[]> {
  return page.evaluate(() => {
    const out: Clipped[] = [];
    const all = Array.from(document.body.querySelectorAll<HTMLElement>('*'));
    all.forEach((el, index) => {
      if (el.closest('[aria-hidden="true"], .ant-select-selection-search, svg, canvas')) return;
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return;
      const cs = getComputedStyle(el);
      if (cs.overflowX !== 'hidden' && cs.overflowX !== 'clip') return;
      if (cs.visibility === 'hidden' || cs.display === 'none') return;
      if (el.clientWidth === 0 || el.scrollWidth <= el.clientWidth + 1) return;
      const text = (el.innerText ?? '').trim();
      if (!text) return;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return;
      // Clipped only if its own text overflows, not a child that is itself a scroller or clipped (reported on its own).
      const ellipsis = cs.textOverflow === 'ellipsis';
      const titled = !!el.closest('[title]') && (el.closest('[title]')!.getAttribute('title') ?? '') !== '';
      const path: string[] = [];
      for (let e: HTMLElement | null = el; e && path.length < 4; e = e.parentElement)
        path.push(`${e.tagName.toLowerCase()}.${[...e.classList].slice(0, 2).join('.')}`);
      out.push({ text: text.slice(0, 60), path: path.join(' < '), ellipsis, titled, index });
    });
    return out;
  });
}

/** Tables whose body is wider than their box (they scroll sideways). */
async function sidewaysTables(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body'))
      .filter((el) => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
      .map((el) => {
        const heads = Array.from(el.closest('.ant-table')?.querySelectorAll('th') ?? []).map((th) =>
          (th.textContent ?? '').trim(),
        );
        return `${el.scrollWidth}>${el.clientWidth} [${heads.filter(Boolean).slice(0, 4).join('、')}…]`;
      }),
  );
}

/** Tables allowed to scroll sideways: a spreadsheet's own columns, as many as the file has. */
const WIDE_BY_NATURE = /^import-(sheet|mapping|preview|values)/;

async function check(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400); // charts and dialogs finish their animations
  await screenshot(page, name);
  const pageWide = await page.evaluate(() => {
    const html = document.documentElement;
    // The page's own overflow, or the body's, which the viewport takes when the page's is visible.
    // An open dialog locks the page with overflow hidden: no scrollbar can show then.
    const own = getComputedStyle(html).overflowX;
    const viewport = own === 'visible' ? getComputedStyle(document.body).overflowX : own;
    if (viewport === 'hidden' || viewport === 'clip') return '';
    const wide = html.scrollWidth - html.clientWidth;
    if (wide <= 0) return '';
    const past = Array.from(document.body.querySelectorAll<HTMLElement>('*'))
      .filter((el) => el.getBoundingClientRect().right > html.clientWidth + 0.5)
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 2).join('.')}`);
    return `${wide}px too wide: ${past.join(', ')}`;
  });
  if (pageWide) problems.push(`${name}: horizontal page scrollbar (${pageWide})`);
  if (!WIDE_BY_NATURE.test(name))
    for (const t of await sidewaysTables(page)) problems.push(`${name}: table scrolls sideways ${t}`);
  for (const c of await clippedText(page)) {
    if (c.ellipsis && c.titled) continue;
    if (c.ellipsis) {
      const el = page.locator('body *').nth(c.index);
      await el.hover({ timeout: 2000 }).catch(() => undefined);
      const tip = page.locator('.ant-tooltip:visible, .ant-popover:visible').last();
      const shown = await tip
        .waitFor({ timeout: 1500 })
        .then(() => tip.innerText())
        .catch(() => '');
      await page.mouse.move(0, 0);
      if (shown.replace(/\s/g, '').includes(c.text.replace(/\s|…/g, '').slice(0, 8))) continue;
      problems.push(`${name}: ellipsis without a tooltip: 「${c.text}」 (${c.path})`);
    } else problems.push(`${name}: text cut off: 「${c.text}」 (${c.path})`);
  }
}

async function closeDialog(page: Page): Promise<void> {
  await dialog(page).getByRole('button', { name: '取消' }).last().click();
  await dialog(page)
    .waitFor({ state: 'hidden', timeout: 5000 })
    .catch(() => undefined);
}

async function openFirstRow(page: Page): Promise<void> {
  const link = page.locator('.ant-table-row a').first();
  const name = (await link.innerText()).trim();
  await link.click();
  await page.locator('.ant-card-head-title h4').filter({ hasText: name }).waitFor();
}

async function newRecordDialog(page: Page, name: string, shot: string): Promise<void> {
  await page.getByRole('button', { name }).click();
  await dialog(page).waitFor();
  await check(page, shot);
  await closeDialog(page);
}

/** After a save the form is as new: no amount hint under the empty field, no red outline left on 手机. */
async function quickEntryResets(page: Page): Promise<void> {
  await page.locator('#quick-name').fill('鞋材配套园');
  await page.locator('#quick-investor').fill('温州鞋材有限公司');
  await page.locator('#quick-amount').fill('5000万');
  await page.locator('#quick-mobile').fill('12345');
  await expectText(page, '= 5,000万元');
  await page.locator('#quick-name').press('Enter');
  await page.locator('.ant-form-item-has-error #quick-mobile').waitFor();
  await check(page, (screen = 'quick-entry-error-1366'));
  await page.locator('#quick-contactName').fill('周建国');
  await page.locator('#quick-mobile').fill('13900002222');
  await page.locator('#quick-mobile').press('Enter');
  await expectText(page, '已保存：鞋材配套园');
  await page.waitForTimeout(600); // the help line's closing animation
  await check(page, (screen = 'quick-entry-saved-1366'));
  expect(await page.locator('#quick-amount').inputValue()).toBe('');
  expect(await page.getByText('= 5,000万元').count()).toBe(0);
  expect(
    await page
      .locator('.ant-form-item-has-error, .ant-input-status-error, .ant-input-affix-wrapper-status-error')
      .count(),
  ).toBe(0);
}

/** Writing a hundred deals with their change log takes a while on a busy machine. */
async function sampleLoaded(page: Page): Promise<void> {
  await page.getByText('已加载示例数据').first().waitFor({ timeout: 60_000 });
}

async function chooseExchangeFile(page: Page, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择交换文件…' }).click();
  await (await chooser).setFiles(path);
}

/** An exchange file from another laptop: a second profile with the sample data and one deal of its own. */
async function exportFromOtherLaptop(): Promise<string> {
  const other = newProfile();
  const o = await openApp(other);
  try {
    await o.page.getByRole('button', { name: '加载示例数据' }).click();
    await confirmPopup(o.page, '加载');
    await sampleLoaded(o.page);
    await nav(o.page, '快速登记');
    await o.page.locator('#quick-name').fill('乐至县智能鞋机装备产业园扩建及配套仓储物流项目');
    await o.page.locator('#quick-investor').fill('东莞市精诚鞋业机械设备制造有限公司');
    await o.page.locator('#quick-name').press('Enter');
    await expectText(o.page, '已保存：');
    await nav(o.page, '交换文件');
    const download = o.page.waitForEvent('download');
    await o.page.getByRole('button', { name: '导出交换文件' }).click();
    const path = join(profile, 'other-laptop.zsjh');
    await (await download).saveAs(path);
    return path;
  } finally {
    await o.close();
    removeProfile(other);
  }
}

let otherLaptopFile = '';

async function walk(page: Page, tag: string): Promise<void> {
  const at = (n: string) => (screen = `${n}-${tag}`);

  await nav(page, '总览');
  await expectText(page, '按招商组团');
  await check(page, at('overview'));

  await nav(page, '快速登记');
  await check(page, at('quick-entry'));
  if (tag === '1366') await quickEntryResets(page);

  await nav(page, '签约项目');
  await page.locator('.ant-table-row').first().waitFor();
  await check(page, at('deals'));
  await newRecordDialog(page, '新建签约项目', at('deal-new'));
  await page.getByRole('button', { name: '列' }).click();
  await popoverSettled(page.locator('.ant-popover:visible'));
  await check(page, at('deals-columns'));
  await page.getByRole('button', { name: '列' }).click();
  await page.locator('.ant-popover:visible').waitFor({ state: 'hidden' });
  await openFirstRow(page);
  await check(page, at('deal-detail'));
  for (const [button, shot] of [
    ['编辑', 'deal-edit'],
    ['变更阶段', 'deal-stage'],
    ['修改节点', 'deal-milestones'],
    ['调整亮灯', 'deal-light'],
    ['添加跟进', 'deal-follow-up'],
  ] as const) {
    await page.getByRole('button', { name: button }).first().click();
    await dialog(page).waitFor();
    if (button === '变更阶段') {
      // The stage ↔ milestone rule is told before it is applied.
      await pick(dialog(page), page, '变更为', '已注册');
      await expectText(dialog(page), '「注册」节点将同时销号，完成日期同上');
    }
    await check(page, at(shot));
    await closeDialog(page);
  }
  const untick = page.locator('[aria-label="销号：注册"]');
  if (await untick.count()) {
    await untick.click();
    await dialog(page).waitFor();
    await expectText(dialog(page), '阶段将同时改为「已注册」，日期同上');
    await check(page, at('deal-tick'));
    await closeDialog(page);
  }

  await nav(page, '客商');
  await page.locator('.ant-table-row').first().waitFor();
  await check(page, at('contacts'));
  await newRecordDialog(page, '新建客商', at('contact-new'));
  await openFirstRow(page);
  await check(page, at('contact-detail'));

  await nav(page, '企业注册');
  await page.locator('.ant-table-row').first().waitFor();
  await check(page, at('companies'));
  await newRecordDialog(page, '新建企业', at('company-new'));
  await openFirstRow(page);
  await check(page, at('company-detail'));
  const status = page.getByRole('button', { name: '变更状态' });
  if (await status.isEnabled()) {
    await status.click();
    await dialog(page).waitFor();
    await check(page, at('company-status'));
    await closeDialog(page);
  }

  await nav(page, '活动');
  await page.locator('.ant-table-row').first().waitFor();
  await check(page, at('events'));
  await newRecordDialog(page, '新建活动', at('event-new'));
  await openFirstRow(page);
  await check(page, at('event-detail'));

  await page.getByRole('button', { name: '导出汇总报表' }).first().click();
  await dialog(page).waitFor();
  await check(page, at('report'));
  await closeDialog(page);

  await nav(page, '导入');
  await check(page, at('import'));
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择 Excel 文件…' }).click();
  await (
    await chooser
  ).setFiles({
    name: '2017签约台账.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(xlsxBytes({ 签约项目: { rows: MESSY_DEALS, merges: MESSY_MERGES } })),
  });
  await expectText(page, '数据从第');
  await check(page, at('import-sheet'));
  await page.getByRole('button', { name: '下一步：列对应' }).click();
  await expectText(page, '投资额 / 协议');
  await check(page, at('import-mapping'));
  await page.getByRole('button', { name: '下一步：预览' }).click();
  await page
    .getByRole('button', { name: /开始导入|下一步：预览/ })
    .first()
    .waitFor();
  await check(page, at('import-values'));
  const next = page.getByRole('button', { name: '下一步：预览' });
  if (await next.count()) await next.click();
  await page.getByRole('button', { name: /开始导入/ }).waitFor();
  await check(page, at('import-preview'));
  await page.getByRole('button', { name: '重新选择文件' }).click();

  await nav(page, '交换文件');
  await check(page, at('exchange'));
  const exported = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出交换文件' }).click();
  const ownFile = join(profile, `${tag}.zsjh`);
  await (await exported).saveAs(ownFile);
  await chooseExchangeFile(page, ownFile);
  await expectText(page, '这是本机导出的交换文件');
  await check(page, at('exchange-own-file'));
  await chooseExchangeFile(page, otherLaptopFile);
  await dialog(page).getByText('合并前不写入任何内容').waitFor();
  await check(page, at('exchange-merge'));
  await closeDialog(page);

  await nav(page, '问题台账');
  await page.locator('.ant-table-row').first().waitFor();
  await check(page, at('problems'));

  await nav(page, '每周会商');
  await expectText(page, '一、各组团在谈项目');
  await check(page, at('weekly'));

  await nav(page, '总览');
  await page.getByRole('button', { name: '每周会商' }).click();
  await dialog(page).waitFor();
  await check(page, at('weekly-dialog'));
  await page.keyboard.press('Escape');
  await dialog(page).waitFor({ state: 'hidden' });

  await nav(page, '备份与恢复');
  await check(page, at('backups'));
  const backup = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载备份' }).click();
  const backupDownload = await backup;
  const backupFile = join(profile, `${tag}-${backupDownload.suggestedFilename()}`);
  await backupDownload.saveAs(backupFile);
  const pickBackup = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '从文件恢复…' }).click();
  await (await pickBackup).setFiles(backupFile);
  await dialog(page).waitFor();
  await check(page, at('backup-restore'));
  await closeDialog(page);

  await nav(page, '设置');
  await check(page, at('settings'));
}

describe('the clipping check itself', () => {
  it('finds text cut off, passes an ellipsis with a title, and leaves scroll containers alone', async () => {
    const blank = newProfile();
    const o = await openApp(blank);
    try {
      await o.page.setContent(`<body>
        <div id="cut" style="width:60px;overflow:hidden;white-space:nowrap">第一招商组团签约项目</div>
        <div id="dots" style="width:60px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis">第二招商组团签约项目</div>
        <div id="titled" title="第三招商组团签约项目" style="width:60px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis">第三招商组团签约项目</div>
        <div id="scroller" style="width:60px;overflow:auto;white-space:nowrap">第四招商组团签约项目</div>
        <div id="fits" style="width:400px;overflow:hidden">第五招商组团</div>
      </body>`);
      const found = await clippedText(o.page);
      expect(found.map((c) => [c.text, c.ellipsis, c.titled])).toEqual([
        ['第一招商组团签约项目', false, false],
        ['第二招商组团签约项目', true, false],
        ['第三招商组团签约项目', true, true],
      ]);
    } finally {
      await o.close();
      removeProfile(blank);
    }
  });
});

describe('every screen at county-office sizes', () => {
  it('walks every page, dialog and wizard step at 1366×768 and 1280×720 with the sample data', async () => {
    otherLaptopFile = await exportFromOtherLaptop();
    s = await openApp(profile);
    const { page } = s;
    listen(page);
    await page.setViewportSize(SIZES[0]);
    // Reload so the first request (and the icon the page asks for) is seen by the listeners.
    await page.reload();
    await expectText(page, '台账暂无数据');
    // The page names its icon, and it draws: the browser never falls back to /favicon.ico.
    const icon = await page.evaluate(async () => {
      const href = document.querySelector<HTMLLinkElement>('link[rel~="icon"]')?.href;
      if (!href) return 'no icon link';
      const img = new Image();
      img.src = href;
      return img.decode().then(
        () => `${img.naturalWidth > 0}`,
        () => `icon does not load: ${href.slice(0, 40)}`,
      );
    });
    expect(icon).toBe('true');
    await check(page, (screen = 'empty-1366'));
    await page.getByRole('button', { name: '加载示例数据' }).click();
    await confirmPopup(page, '加载');
    await sampleLoaded(page);

    for (const size of SIZES) {
      await page.setViewportSize(size);
      await walk(page, String(size.width)).catch(async (error: unknown) => {
        await screenshot(page, `walk-failed-${screen}`);
        throw error;
      });
    }
    expect(problems, problems.join('\n')).toEqual([]);
  }, 600_000);
});
