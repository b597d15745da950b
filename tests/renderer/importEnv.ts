/**
 * The import wizard's surroundings in Node: a stand-in platform that records
 * settings writes and opens one workbook, an in-memory localStorage and a
 * Worker that runs the parser in-process.
 */
import 'fake-indexeddb/auto';
import { vi } from 'vitest';
import type { OpenFileResult, SaveFileArgs } from '../../shared/contract';
import { applySettingsPatch, DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { readWorkbook } from '../../shared/excel/workbook';
import { startServices } from '../../renderer/src/app/services';
import { useSettingsStore } from '../../renderer/src/features/settings/store';
import type { Platform } from '../../renderer/src/platform';
import type { ParseRequest } from '../../renderer/src/workers/parseMessages';

class InProcessWorker {
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror = null;
  postMessage(req: ParseRequest) {
    // The search index's worker is stubbed by the same global: only parse requests are answered.
    if (!(req.bytes instanceof Uint8Array)) return;
    setTimeout(() =>
      this.onmessage?.({
        data: { type: 'done', result: readWorkbook(req.bytes, req.fileName, { limits: req.limits }) },
      }),
    );
  }
  terminate() {}
}

export function importEnv(bytes: Uint8Array) {
  const env = {
    storage: new Map<string, string>(),
    saved: [] as SaveFileArgs[],
    settingsWrites: 0,
    settings: { ...DEFAULT_SETTINGS, userName: '张三' } as Settings,
  };
  const platform: Platform = {
    kind: 'browser',
    loadSettings: async () => env.settings,
    updateSettings: async (patch) => {
      env.settingsWrites++;
      return (env.settings = applySettingsPatch(env.settings, patch));
    },
    saveFile: async (args) => {
      env.saved.push(args);
      return { saved: true, path: args.defaultName };
    },
    openFile: async (): Promise<OpenFileResult> => ({ ok: true, name: '台账.xlsx', data: bytes }),
    appInfo: async () => ({ version: 'test', platform: 'test', dataPath: '' }),
    onMenuCommand: () => () => {},
    onOpenedFile: () => () => {},
    sessionTokens: { load: async () => null, save: async () => {} },
    backups: null,
  };
  const start = async () => {
    vi.stubGlobal('Worker', InProcessWorker);
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => env.storage.get(k) ?? null,
      setItem: (k: string, v: string) => void env.storage.set(k, v),
      removeItem: (k: string) => void env.storage.delete(k),
    });
    await useSettingsStore.getState().load(platform);
    return startServices(platform, () => useSettingsStore.getState().settings);
  };
  return { env, platform, start };
}
