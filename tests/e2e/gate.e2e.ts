/**
 * The gate from the user's side (issue 13): a hostile exchange file and a
 * broken backup are refused in Chinese naming the record, a render error
 * shows the error screen with its ways out and the data is still there after
 * a reload, and storage failures never put raw English on the screen.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { EXCHANGE_FORMAT, EXCHANGE_VERSION, type ExchangeFile } from '../../shared/exchange/format';
import { generateSample } from '../../shared/sample/generate';
import { newProfile, openApp, removeProfile, screenshot, type Session } from './browser';
import { e2eNow, isoDaysFrom } from './clock';
import { dialog, expectText, nav } from './ui';

const profile = newProfile();
let s: Session;

afterAll(async () => {
  await s?.close();
  removeProfile(profile);
});

const sample = generateSample({ today: isoDaysFrom(-1), deals: 6, contacts: 6, companies: 3 });

function exchangeFile(edit: (f: ExchangeFile) => void = () => {}): string {
  const file: ExchangeFile = {
    format: EXCHANGE_FORMAT,
    version: EXCHANGE_VERSION,
    source: { id: 'laptop-2', name: '李四的笔记本' },
    exportedAt: new Date(e2eNow().getTime() - 3600_000).toISOString(),
    records: {
      event: sample.events,
      deal: sample.deals,
      contact: sample.contacts,
      company: sample.companies,
      followUp: sample.followUps,
    },
    changes: [],
  };
  const copy = structuredClone(file);
  edit(copy);
  const path = `${profile}-${Math.random().toString(36).slice(2)}.zsjh`;
  writeFileSync(path, JSON.stringify(copy));
  return path;
}

async function chooseExchangeFile(page: Page, path: string): Promise<void> {
  await nav(page, '交换文件');
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: '选择交换文件…' }).click(),
  ]);
  await chooser.setFiles(path);
}

async function chooseBackup(page: Page, path: string): Promise<void> {
  await nav(page, '备份与恢复');
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: '从文件恢复…' }).click(),
  ]);
  await chooser.setFiles(path);
}

/** Visible lines with Latin words and no Chinese: raw exception text (ids and numbers are not words). */
async function latinOnlyLines(page: Page): Promise<string[]> {
  const text = (await page.evaluate('document.body.innerText')) as string;
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /[A-Za-z]{2,}[\s:.,()]+[A-Za-z]{2,}/.test(l) && !/[\u4e00-\u9fff]/.test(l));
}

const deal = sample.deals[0]!;

describe('one gate for everything from outside', () => {
  it('refuses a hostile exchange file whole, naming the record and field, and merges a good one', async () => {
    s = await openApp(profile);
    const { page } = s;
    await chooseExchangeFile(
      page,
      exchangeFile((f) => {
        (f.records.deal[0] as unknown as { stage: string }).stage = 'hacked';
        (f.records.contact[1] as unknown as { toString: string }).toString = 'x';
      }),
    );
    await expectText(page, `签约项目「${deal.name}」的「阶段」：阶段无效`);
    await expectText(page, '未合并任何内容');
    await screenshot(page, 'gate-exchange-refused');
    expect(await latinOnlyLines(page)).toEqual([]);

    await chooseExchangeFile(
      page,
      exchangeFile((f) => {
        (f.records.deal[0] as unknown as { updatedAt: string }).updatedAt = '9999-12-31T23:59:59.999Z';
      }),
    );
    await expectText(page, `签约项目「${deal.name}」的「修改时间」：不是有效的时间`);

    await chooseExchangeFile(page, exchangeFile());
    const review = dialog(page);
    await review.getByText('合并前不写入任何内容').waitFor();
    await review.getByRole('button', { name: '合并' }).click();
    await expectText(page, '已合并');
    await nav(page, '签约项目');
    await expectText(page, deal.name);
  });

  it('refuses a truncated backup and one with a broken row, naming the record', async () => {
    const { page } = s;
    await nav(page, '备份与恢复');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载备份' }).click(),
    ]);
    const path = `${profile}-backup.zsbak`;
    await download.saveAs(path);
    const bytes = readFileSync(path);
    const truncated = `${profile}-truncated.zsbak`;
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await chooseBackup(page, truncated);
    await expectText(page, /备份文件不完整或已损坏.*未恢复任何内容/);
    await screenshot(page, 'gate-backup-truncated');

    const text = bytes.toString('utf8');
    const nl = text.indexOf('\n');
    const body = JSON.parse(text.slice(nl + 1)) as { tables: Record<string, Record<string, unknown>[]> };
    const row = body.tables.deals!.find((d) => d.id === deal.id)!;
    row.stageHistory = null;
    const broken = `${profile}-broken.zsbak`;
    writeFileSync(broken, `${text.slice(0, nl)}\n${JSON.stringify(body)}`);
    await chooseBackup(page, broken);
    await expectText(page, `签约项目「${deal.name}」的「阶段变更」`);
    await screenshot(page, 'gate-backup-broken-row');
    expect(await latinOnlyLines(page)).toEqual([]);
  });

  it('shows the error screen on a render error, with its ways out, and the data is there after a reload', async () => {
    const { page } = s;
    // Test-only trigger (browser edition only, see components/ErrorBoundary.tsx).
    await page.evaluate(`localStorage.setItem('zsjh:test-render-fault', 'deals')`);
    await nav(page, '签约项目');
    await expectText(page, '这个页面出错了');
    await expectText(page, '数据没有丢失');
    for (const name of ['立即备份', '导出交换文件', '重新加载']) {
      await page.getByRole('button', { name }).waitFor();
    }
    // The side menu still works: the rest of the app is not down.
    await expectText(page, '备份与恢复');
    await screenshot(page, 'gate-error-screen');
    const [exported] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出交换文件' }).click(),
    ]);
    expect(exported.suggestedFilename()).toMatch(/\.zsjh$/);
    await expectText(page, '已导出交换文件');
    await page.evaluate(`localStorage.removeItem('zsjh:test-render-fault')`);
    await page.getByRole('button', { name: '重新加载' }).click();
    await page.getByText('招商台账', { exact: true }).first().waitFor();
    await nav(page, '签约项目');
    await expectText(page, deal.name);
  });

  it('says in Chinese what to do when storage fails, and no raw exception text is shown', async () => {
    const { page } = s;
    // Every IndexedDB write now fails as a full disk does.
    await page.evaluate(`(() => {
      const fail = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
      IDBObjectStore.prototype.put = fail;
      IDBObjectStore.prototype.add = fail;
    })()`);
    await nav(page, '快速登记');
    await page.waitForFunction("document.activeElement && document.activeElement.id === 'quick-name'");
    await page.keyboard.type('满盘测试项目');
    await page.keyboard.press('Tab');
    await page.keyboard.type('某投资有限公司');
    await page.keyboard.press('Enter');
    await expectText(page, '存储空间不足');
    await screenshot(page, 'gate-quota');
    expect(await latinOnlyLines(page)).toEqual([]);
    await nav(page, '签约项目');
    await expectText(page, deal.name);
    expect(await latinOnlyLines(page)).toEqual([]);
  });
});
