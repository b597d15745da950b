/**
 * Exchange files the OS hands to the app: a path on the command line at
 * launch or in a second instance's argv (Windows, Linux), or macOS's
 * `open-file` event. Paths are queued until the page takes them, because a
 * file double-clicked to launch the app arrives long before the page exists.
 */
import { basename, extname, isAbsolute, resolve } from 'node:path';
import { EXCHANGE_FILE_EXTENSION, MAX_FILE_BYTES, type OpenedFile } from '../../shared/contract';
import { readFileLimited } from './files';

export function isExchangeFile(path: string): boolean {
  return extname(path).toLowerCase() === `.${EXCHANGE_FILE_EXTENSION}`;
}

/**
 * Exchange-file paths among command-line arguments. Switches (Chromium's and
 * ours) are skipped; relative paths are resolved against the launching
 * process's folder.
 */
export function exchangeFilesInArgv(argv: readonly string[], workingDirectory: string): string[] {
  return argv
    .slice(1)
    .filter((arg) => !arg.startsWith('-') && isExchangeFile(arg))
    .map((arg) => (isAbsolute(arg) ? arg : resolve(workingDirectory, arg)));
}

export interface OpenedFileQueue {
  add(paths: readonly string[]): void;
  /** Reads and removes every queued file. */
  take(): Promise<OpenedFile[]>;
}

export function createOpenedFileQueue(
  notify: () => void,
  maxBytes = MAX_FILE_BYTES,
  read: typeof readFileLimited = readFileLimited,
): OpenedFileQueue {
  let pending: string[] = [];
  return {
    add(paths) {
      const fresh = paths.filter((p) => isExchangeFile(p) && !pending.includes(p));
      if (fresh.length === 0) return;
      pending.push(...fresh);
      notify();
    },
    async take() {
      const paths = pending;
      pending = [];
      return Promise.all(
        paths.map(async (path): Promise<OpenedFile> => {
          const result = await read(path, maxBytes);
          if (result.ok) return { ...result, path };
          return { ...result, path, name: basename(path) };
        }),
      );
    },
  };
}
