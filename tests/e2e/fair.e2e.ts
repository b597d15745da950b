import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatAmount } from '../../shared/domain/money';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { newProfile, openApp, removeProfile, screenshot, type Session } from './browser';
import { confirmPopup, dialog, expectText, fillForm, nav, openRow, save } from './ui';

const profiles: string[] = [];
const sessions: Session[] = [];
function profile(): string {
  const p = newProfile();
  profiles.push(p);
  return p;
}
async function open(p: string): Promise<Session> {
  const s = await openApp(p);
  sessions.push(s);
  return s;
}

afterAll(async () => {
  for (const s of sessions) await s.close().catch(() => undefined);
  for (const p of profiles) removeProfile(p);
});

async function setUserName(page: Page, name: string): Promise<void> {
  await nav(page, '设置');
  await page.getByLabel('用户名').fill(name);
  await page.getByRole('button', { name: '保存设置' }).click();
  await expectText(page, '设置已保存');
}

/** Types one signing with the keyboard only, starting in 项目名称, and presses Enter. */
async function typeSigning(page: Page, i: number, opts: { industry?: boolean } = {}): Promise<void> {
  const k = page.keyboard;
  await k.type(`展会签约项目${i}`);
  await k.press('Tab');
  await k.type(`投资方${i}有限公司`);
  await k.press('Tab');
  await k.type(i % 2 ? '3亿' : '5000万');
  await k.press('Tab');
  if (opts.industry) {
    await k.type('鞋业');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active').waitFor();
    await k.press('Enter');
    // The dropdown's closing animation must end before the next key, as it would for a person.
    await page.waitForFunction(
      "!document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')",
    );
  }
  await k.press('Tab');
  await k.press('Tab');
  await k.press('Tab');
  await k.type(`客商${i}`);
  await k.press('Tab');
  await k.type(`1380013${String(8000 + i)}`);
  await k.press('Enter');
}

let a: Session;
let b: Session;
let exchangePath: string;

async function exportAll(page: Page): Promise<string> {
  await nav(page, '交换文件');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出交换文件' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^交换文件-.+\.zsjh$/);
  const path = `${a.profile}-${Date.now()}.zsjh`;
  await download.saveAs(path);
  return path;
}

async function openExchangeFile(page: Page, path: string): Promise<void> {
  await nav(page, '交换文件');
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: '选择交换文件…' }).click(),
  ]);
  await chooser.setFiles(path);
  await dialog(page).getByText('合并前不写入任何内容').waitFor();
}

describe('at the fair and across laptops', () => {
  it('logs ten signings through quick entry with the keyboard alone', async () => {
    a = await open(profile());
    const { page } = a;
    await setUserName(page, '张三');
    await page.keyboard.press('Control+n');
    await page.waitForFunction("document.activeElement && document.activeElement.id === 'quick-name'");
    for (let i = 1; i <= 10; i++) {
      await typeSigning(page, i, { industry: i === 1 });
      await expectText(page, `已保存：展会签约项目${i}`).catch(async (e: unknown) => {
        await screenshot(page, 'quick-fail');
        throw e;
      });
      // The form is cleared and the cursor is back in 项目名称.
      expect(await page.locator('#quick-name').inputValue()).toBe('');
      await page.waitForFunction("document.activeElement && document.activeElement.id === 'quick-name'");
    }
    const today = page.locator('.ant-card').filter({ hasText: '今日登记' });
    await expectText(today, '10');
    await expectText(today, formatAmount(1_750_000_000, DEFAULT_SETTINGS.amountUnit));
    await screenshot(page, 'quick-entry');

    await nav(page, '签约项目');
    await expectText(page, '展会签约项目10');
    await openRow(page, '展会签约项目1');
    await expectText(page, '客商1');
    await expectText(page, '鞋业');
  });

  it('keeps the typed signing on screen when it cannot be saved', async () => {
    const { page } = a;
    await nav(page, '快速登记');
    await page.locator('#quick-name').fill('缺投资方的项目');
    await page.locator('#quick-mobile').fill('12345');
    await page.locator('#quick-name').press('Enter');
    await expectText(page, '手机号格式不正确：12345');
    expect(await page.locator('#quick-name').inputValue()).toBe('缺投资方的项目');
    expect(await page.locator('#quick-mobile').inputValue()).toBe('12345');
    await page.locator('#quick-mobile').fill('');
    await page.locator('#quick-mobile').press('Enter');
    await expectText(page, '投资方不能为空');
    expect(await page.locator('#quick-name').inputValue()).toBe('缺投资方的项目');
    await screenshot(page, 'quick-entry-refused');
    await page.locator('#quick-name').fill('');
    await page.locator('#quick-mobile').fill('');
  });

  it('says plainly when the disk is full and keeps the input, in quick entry and in the record form', async () => {
    const { page } = a;
    // Every IndexedDB write fails as it does on a full disk.
    await page.evaluate(`(() => {
      const fail = () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
      window.__realAdd = IDBObjectStore.prototype.add;
      window.__realPut = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.add = fail;
      IDBObjectStore.prototype.put = fail;
    })()`);
    await nav(page, '快速登记');
    await page.locator('#quick-name').fill('磁盘已满时的项目');
    await page.locator('#quick-investor').fill('某公司');
    await page.locator('#quick-name').press('Enter');
    await expectText(page, /存储空间不足/);
    expect(await page.locator('#quick-name').inputValue()).toBe('磁盘已满时的项目');
    await screenshot(page, 'quick-entry-disk-full');

    await nav(page, '签约项目');
    await page.getByRole('button', { name: '新建签约项目' }).click();
    await fillForm(page, { 项目名称: '表单中的项目', 投资方: '某公司' });
    await dialog(page).getByRole('button', { name: '保存' }).click();
    await expectText(dialog(page), /存储空间不足/);
    expect(await dialog(page).getByLabel('项目名称', { exact: true }).inputValue()).toBe('表单中的项目');

    await page.evaluate(`(() => {
      IDBObjectStore.prototype.add = window.__realAdd;
      IDBObjectStore.prototype.put = window.__realPut;
    })()`);
    await save(page);
    await expectText(page, '表单中的项目');
    await nav(page, '快速登记');
    expect(await page.locator('#quick-name').inputValue()).toBe('磁盘已满时的项目');
    await page.locator('#quick-name').press('Enter');
    await expectText(page, '已保存：磁盘已满时的项目');
  });

  it('exports an exchange file and merges it into a second profile', async () => {
    exchangePath = await exportAll(a.page);
    b = await open(profile());
    const { page } = b;
    await setUserName(page, '李四');
    await openExchangeFile(page, exchangePath);
    const review = dialog(page);
    await expectText(review, '来自');
    await expectText(review, '张三');
    await expectText(review, '将新增 22 条');
    await screenshot(page, 'exchange-review');
    await review.getByRole('button', { name: '合并' }).click();
    await review.waitFor({ state: 'hidden' });
    await expectText(page, '已合并');
    await nav(page, '签约项目');
    for (let i = 1; i <= 10; i++) await expectText(page, `展会签约项目${i}`);
    const rowsA = await readStore(a.page, 'deals');
    const rowsB = await readStore(page, 'deals');
    expect(rowsB).toEqual(rowsA);
    expect(await readStore(page, 'contacts')).toEqual(await readStore(a.page, 'contacts'));
    await nav(page, '客商');
    await expectText(page, '客商7');
  });

  it('offers a record edited on both profiles for review', async () => {
    for (const [s, leader] of [
      [b, '王县长'],
      [a, '赵副县长'],
    ] as const) {
      await nav(s.page, '签约项目');
      await openRow(s.page, '展会签约项目3');
      await s.page.getByRole('button', { name: '编辑' }).click();
      await fillForm(s.page, { 包案领导: leader });
      await save(s.page);
      await expectText(s.page, leader);
    }
    const path = await exportAll(a.page);
    const { page } = b;
    await openExchangeFile(page, path);
    const review = dialog(page);
    await expectText(review, '两边都修改过的记录（请核对）');
    const conflict = review.locator('.exchange-conflict');
    expect(await conflict.count()).toBe(1);
    await expectText(conflict, '签约项目：展会签约项目3');
    await expectText(conflict, '王县长');
    await expectText(conflict, '赵副县长');
    await screenshot(page, 'exchange-conflict');
    // Keep this laptop's version instead of the newer one.
    await conflict.getByText('保留本机版本').click();
    await review.getByRole('button', { name: '合并' }).click();
    await review.waitFor({ state: 'hidden' });
    await nav(page, '签约项目');
    await openRow(page, '展会签约项目3');
    await expectText(page, '王县长');
  });

  it('backs up and restores in the browser by download and upload', async () => {
    const { page } = b;
    await nav(page, '备份与恢复');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载备份' }).click(),
    ]);
    const path = `${b.profile}-backup.zsbak`;
    await download.saveAs(path);
    await screenshot(page, 'backups-browser');
    // Change something, then restore the backup.
    await nav(page, '签约项目');
    await openRow(page, '展会签约项目5');
    await page.getByRole('button', { name: '删除' }).click();
    await confirmPopup(page, '删除');
    await expectText(page, '已删除');
    await nav(page, '备份与恢复');
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: '从文件恢复…' }).click(),
    ]);
    await chooser.setFiles(path);
    const restore = dialog(page);
    await expectText(restore, '备份时间');
    await expectText(restore, '签约项目');
    await screenshot(page, 'restore-dialog');
    const [before] = await Promise.all([
      page.waitForEvent('download'),
      restore.getByRole('button', { name: '恢复' }).click(),
    ]);
    expect(before.suggestedFilename()).toMatch(/\.zsbak$/);
    await restore.waitFor({ state: 'hidden' });
    const deals = (await readStore(page, 'deals')) as { name: string; deletedAt?: string }[];
    expect(deals.find((d) => d.name === '展会签约项目5')?.deletedAt).toBeUndefined();
  });
});

/** All rows of one object store, sorted by id, read straight from IndexedDB. */
async function readStore(page: Page, store: string): Promise<unknown[]> {
  // Runs in the page; written as source because this file is type-checked without DOM types.
  const script = `new Promise((resolve, reject) => {
    const req = indexedDB.open('zhaoshang-ledger');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const get = db.transaction(${JSON.stringify(store)}).objectStore(${JSON.stringify(store)}).getAll();
      get.onsuccess = () => {
        db.close();
        resolve(get.result.sort((x, y) => (x.id < y.id ? -1 : 1)));
      };
      get.onerror = () => reject(get.error);
    };
  })`;
  return (await page.evaluate(script)) as unknown[];
}

/** The browser process of a profile (the one without --type=). */
function browserPid(profileDir: string): number {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  const line = out
    .split('\n')
    .find((l) => l.includes(`--user-data-dir=${profileDir}`) && !l.includes('--type='));
  if (!line) throw new Error('browser process not found');
  return Number(line.trim().split(/\s+/)[0]);
}

describe('a crash during a save', () => {
  it('leaves each signing with its contact wholly present or wholly absent', async () => {
    const dir = profile();
    let s = await open(dir);
    const outcomes: string[] = [];
    for (let round = 1; round <= 4; round++) {
      await s.page.goto(`${s.page.url().split('#')[0]}#/quick`);
      await s.page.locator('#quick-name').waitFor();
      await s.page.locator('#quick-name').fill(`崩溃测试项目${round}`);
      await s.page.locator('#quick-investor').fill(`崩溃测试投资方${round}`);
      await s.page.locator('#quick-contactName').fill(`崩溃测试客商${round}`);
      await s.page.locator('#quick-mobile').fill(`1390013${String(9000 + round)}`);
      const pid = browserPid(dir);
      // Kill at varying moments around the commit.
      await s.page.locator('#quick-name').press('Enter', { noWaitAfter: true });
      if (round > 1) await new Promise((r) => setTimeout(r, (round - 1) * 40));
      process.kill(pid, 'SIGKILL');
      await s.close().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 500));
      s = await open(dir);
      const deals = (await readStore(s.page, 'deals')) as {
        id: string;
        name: string;
        contactIds: string[];
      }[];
      const contacts = (await readStore(s.page, 'contacts')) as { id: string; name: string }[];
      const changes = (await readStore(s.page, 'changes')) as { recordId: string }[];
      const deal = deals.find((d) => d.name === `崩溃测试项目${round}`);
      const contact = contacts.find((c) => c.name === `崩溃测试客商${round}`);
      expect(!!deal).toBe(!!contact);
      if (deal && contact) {
        expect(deal.contactIds).toEqual([contact.id]);
        expect(changes.filter((c) => c.recordId === deal.id || c.recordId === contact.id)).toHaveLength(2);
        outcomes.push('present');
      } else {
        expect(changes.length).toBe(outcomes.filter((o) => o === 'present').length * 2);
        outcomes.push('absent');
      }
    }
    console.log('crash outcomes:', outcomes.join(', '));
  });
});
