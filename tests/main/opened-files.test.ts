import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createOpenedFileQueue, exchangeFilesInArgv, isExchangeFile } from '../../electron/main/opened-files';

const dir = mkdtempSync(join(tmpdir(), 'ledger-opened-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('exchange files on the command line', () => {
  it('picks .zsjh paths, skips the executable and switches, resolves relative paths', () => {
    const argv = [
      '/opt/招商台账/zhaoshang-ledger',
      '--no-sandbox',
      '--flag=x.zsjh',
      '/home/user/下载/县局交换.zsjh',
      '报表.xlsx',
      '乡镇.ZSJH',
    ];
    expect(exchangeFilesInArgv(argv, '/home/user')).toEqual([
      '/home/user/下载/县局交换.zsjh',
      resolve('/home/user', '乡镇.ZSJH'),
    ]);
    expect(exchangeFilesInArgv(['x.zsjh'], '/tmp')).toEqual([]);
    expect(isExchangeFile('a.zsjh.exe')).toBe(false);
  });
});

describe('opened-file queue', () => {
  it('queues until taken, notifies once per new file, reads with the size limit', async () => {
    const good = join(dir, '交换.zsjh');
    writeFileSync(good, 'exchange');
    const big = join(dir, '过大.zsjh');
    writeFileSync(big, 'x'.repeat(100));
    const notify = vi.fn();
    const queue = createOpenedFileQueue(notify, 50);
    queue.add([good]);
    queue.add([good, join(dir, 'other.xlsx')]);
    queue.add([big, join(dir, '不存在.zsjh')]);
    expect(notify).toHaveBeenCalledTimes(2);
    const files = await queue.take();
    expect(files.map((f) => [f.name, f.ok, f.ok ? new TextDecoder().decode(f.data) : f.reason])).toEqual([
      ['交换.zsjh', true, 'exchange'],
      ['过大.zsjh', false, 'too-large'],
      ['不存在.zsjh', false, 'unreadable'],
    ]);
    expect(files[0]!.path).toBe(good);
    expect(await queue.take()).toEqual([]);
  });
});
