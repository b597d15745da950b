import type { OpenFileArgs, OpenFileResult, SaveFileArgs } from '../../../shared/contract';
import { applySettingsPatch, migrateSettings, type Settings } from '../../../shared/settings';
import type { Platform } from './types';

export const SETTINGS_KEY = 'zhaoshang-ledger.settings';

function readSettings(storage: Storage): Settings {
  let stored: unknown = undefined;
  try {
    const text = storage.getItem(SETTINGS_KEY);
    stored = text ? JSON.parse(text) : undefined;
  } catch {
    // A damaged value falls back to the defaults field by field in migrateSettings.
  }
  return migrateSettings(stored);
}

function download(args: SaveFileArgs): void {
  const blob = new Blob([args.data as Uint8Array<ArrayBuffer>]);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = args.defaultName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function pickFile(args: OpenFileArgs): Promise<OpenFileResult> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = args.filters
      .flatMap((f) => f.extensions.map((e) => (e === '*' ? '*' : `.${e}`)))
      .join(',');
    input.style.display = 'none';
    input.addEventListener('cancel', () => resolve({ ok: false, reason: 'cancelled' }));
    input.addEventListener('change', async () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) return resolve({ ok: false, reason: 'cancelled' });
      if (file.size > args.maxBytes) {
        return resolve({
          ok: false,
          reason: 'too-large',
          message: `文件超过 ${Math.round(args.maxBytes / 1048576)} MB`,
        });
      }
      try {
        resolve({ ok: true, name: file.name, data: new Uint8Array(await file.arrayBuffer()) });
      } catch (e) {
        resolve({ ok: false, reason: 'unreadable', message: e instanceof Error ? e.message : String(e) });
      }
    });
    document.body.appendChild(input);
    input.click();
  });
}

const TOKEN_PREFIX = 'zhaoshang-ledger.token:';

/**
 * The browser edition keeps the session token in sessionStorage: it ends
 * with the tab, so on a shared office PC a token never outlives the browser
 * window, and it stays out of IndexedDB, whose tables go into every backup.
 */
function sessionTokens(storage: Storage | undefined): Platform['sessionTokens'] {
  return {
    async load(origin) {
      return storage?.getItem(TOKEN_PREFIX + origin) ?? null;
    },
    async save(origin, token) {
      if (token) storage?.setItem(TOKEN_PREFIX + origin, token);
      else storage?.removeItem(TOKEN_PREFIX + origin);
    },
  };
}

export function createBrowserPlatform(
  storage: Storage = window.localStorage,
  session: Storage | undefined = globalThis.sessionStorage,
): Platform {
  return {
    kind: 'browser',
    async loadSettings() {
      return readSettings(storage);
    },
    async updateSettings(patch) {
      const next = applySettingsPatch(readSettings(storage), patch);
      storage.setItem(SETTINGS_KEY, JSON.stringify(next));
      return next;
    },
    async saveFile(args) {
      download(args);
      return { saved: true, path: args.defaultName };
    },
    openFile: pickFile,
    async appInfo() {
      return { version: __APP_VERSION__, platform: 'browser', dataPath: '浏览器本地存储（IndexedDB）' };
    },
    onMenuCommand() {
      return () => {};
    },
    onOpenedFile() {
      return () => {};
    },
    sessionTokens: sessionTokens(session),
    backups: null,
  };
}
