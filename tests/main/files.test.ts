import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FilesDeps } from '../../electron/main/files';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFileHandlers, writeFileAtomic } from '../../electron/main/files';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-files-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function handlers(dialog: Partial<FilesDeps['dialog']>) {
  return createFileHandlers({
    dialog: dialog as FilesDeps['dialog'],
    getWindow: () => null,
    documentsDir: () => '/home/user/Documents',
  });
}

describe('saveFile', () => {
  it('starts in Documents with the default name and writes atomically', async () => {
    const target = join(dir, '汇总报表.xlsx');
    writeFileSync(target, 'old');
    const showSaveDialog = vi.fn(async () => ({ canceled: false, filePath: target }));
    const result = await handlers({ showSaveDialog }).saveFile({
      defaultName: '汇总报表.xlsx',
      filters: [{ name: 'Excel', extensions: ['xlsx'] }],
      data: new Uint8Array([1, 2, 3]),
    });
    expect(showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({ defaultPath: join('/home/user/Documents', '汇总报表.xlsx') }),
    );
    expect(result).toEqual({ saved: true, path: target });
    expect([...readFileSync(target)]).toEqual([1, 2, 3]);
    expect(readdirSync(dir)).toEqual(['汇总报表.xlsx']);
  });

  it('reports a cancelled dialog', async () => {
    const showSaveDialog = vi.fn(async () => ({ canceled: true, filePath: '' }));
    await expect(
      handlers({ showSaveDialog }).saveFile({ defaultName: 'a.xlsx', filters: [], data: new Uint8Array() }),
    ).resolves.toEqual({ saved: false });
  });

  it('leaves no temp file behind when the write fails', async () => {
    await expect(writeFileAtomic(join(dir, 'missing', 'x.bin'), new Uint8Array([1]))).rejects.toThrow();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('openFile', () => {
  it('returns the bytes and the name', async () => {
    const path = join(dir, '签约项目.xlsx');
    writeFileSync(path, Buffer.from([9, 8, 7]));
    const showOpenDialog = vi.fn(async () => ({ canceled: false, filePaths: [path] }));
    const result = await handlers({ showOpenDialog }).openFile({ filters: [], maxBytes: 100 });
    expect(result).toMatchObject({ ok: true, name: '签约项目.xlsx' });
    expect(result.ok && [...result.data]).toEqual([9, 8, 7]);
  });

  it('refuses a file over the limit before reading it', async () => {
    const path = join(dir, 'big.xlsx');
    writeFileSync(path, Buffer.alloc(2048));
    const showOpenDialog = vi.fn(async () => ({ canceled: false, filePaths: [path] }));
    await expect(
      handlers({ showOpenDialog }).openFile({ filters: [], maxBytes: 1024 }),
    ).resolves.toMatchObject({
      ok: false,
      reason: 'too-large',
    });
  });

  it('reports cancel and unreadable files', async () => {
    const cancelled = vi.fn(async () => ({ canceled: true, filePaths: [] }));
    await expect(
      handlers({ showOpenDialog: cancelled }).openFile({ filters: [], maxBytes: 1 }),
    ).resolves.toEqual({
      ok: false,
      reason: 'cancelled',
    });
    const gone = vi.fn(async () => ({ canceled: false, filePaths: [join(dir, 'gone.xlsx')] }));
    await expect(
      handlers({ showOpenDialog: gone }).openFile({ filters: [], maxBytes: 1 }),
    ).resolves.toMatchObject({
      ok: false,
      reason: 'unreadable',
    });
  });
});
