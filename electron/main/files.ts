/**
 * The user's own files: native save/open dialogs, an atomic write (temp file
 * in the same folder, flushed, then renamed over the target) and a size
 * check before any read.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';
import type { OpenFileArgs, OpenFileResult, SaveFileArgs, SaveFileResult } from '../../shared/contract';

export interface FilesDeps {
  dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>;
  getWindow: () => BrowserWindow | null | undefined;
  /** Folder the save dialog starts in (the user's Documents). */
  documentsDir: () => string;
}

/** Writes `data` to `path` so a crash leaves either the old file or the new one, never half. */
export async function writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

const MB = 1024 * 1024;

/** Reads a file the user chose, refusing folders and anything over `maxBytes` before reading it. */
export type ReadResult =
  | { ok: true; name: string; data: Uint8Array }
  | { ok: false; reason: 'too-large' | 'unreadable'; message: string };

export async function readFileLimited(path: string, maxBytes: number): Promise<ReadResult> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, reason: 'unreadable', message: '所选不是文件' };
    if (info.size > maxBytes) {
      return {
        ok: false,
        reason: 'too-large',
        message: `文件过大（${(info.size / MB).toFixed(1)} MB，上限 ${(maxBytes / MB).toFixed(0)} MB）`,
      };
    }
    const data = await readFile(path);
    // Re-check: the file may have grown between stat and read.
    if (data.byteLength > maxBytes) return { ok: false, reason: 'too-large', message: '文件过大' };
    return {
      ok: true,
      name: basename(path),
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    };
  } catch (error) {
    return {
      ok: false,
      reason: 'unreadable',
      message: `无法读取文件：${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

export function createFileHandlers(deps: FilesDeps) {
  async function saveFile(args: SaveFileArgs): Promise<SaveFileResult> {
    const options = {
      title: '保存文件',
      defaultPath: join(deps.documentsDir(), args.defaultName),
      filters: args.filters,
    };
    const win = deps.getWindow();
    const result = win
      ? await deps.dialog.showSaveDialog(win, options)
      : await deps.dialog.showSaveDialog(options);
    if (result.canceled || !result.filePath) return { saved: false };
    await writeFileAtomic(result.filePath, args.data);
    return { saved: true, path: result.filePath };
  }

  async function openFile(args: OpenFileArgs): Promise<OpenFileResult> {
    const options = {
      title: '打开文件',
      properties: ['openFile' as const],
      filters: args.filters,
    };
    const win = deps.getWindow();
    const result = win
      ? await deps.dialog.showOpenDialog(win, options)
      : await deps.dialog.showOpenDialog(options);
    const path = result.filePaths[0];
    if (result.canceled || !path) return { ok: false, reason: 'cancelled' };
    return readFileLimited(path, args.maxBytes);
  }

  return { saveFile, openFile };
}
