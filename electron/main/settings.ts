/**
 * Settings in `<userData>/settings.json` through electron-store. The shape,
 * defaults and migrations live in shared/settings.ts (the browser edition
 * uses the same ones); this file only loads, migrates, validates and saves.
 *
 * No JSON `schema` is given to electron-store on purpose: it would reject an
 * old-version file before the migrations could read it. Every read goes
 * through `migrateSettings`, which keeps what validates field by field.
 */
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { app } from 'electron';
import Store from 'electron-store';
import { applySettingsPatch, migrateSettings, type Settings } from '../../shared/settings';

export const SETTINGS_STORE_NAME = 'settings';

export interface SettingsService {
  get(): Settings;
  /** Validates and merges a patch; throws with a Chinese message on bad input. */
  update(patch: unknown): Settings;
  readonly path: string;
}

export interface SettingsServiceOptions {
  /** Folder of settings.json; defaults to Electron's userData folder. */
  cwd?: string;
}

type RawStore = Store<Record<string, unknown>>;

function openStore(cwd: string): RawStore {
  return new Store<Record<string, unknown>>({
    name: SETTINGS_STORE_NAME,
    cwd,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
  });
}

/**
 * Reads the raw stored object. A file that is not JSON is moved aside (kept
 * for support, never silently deleted) and the store starts empty.
 */
function readRaw(cwd: string): { store: RawStore; raw: unknown } {
  let store: RawStore | undefined;
  try {
    store = openStore(cwd);
    return { store, raw: store.store };
  } catch (error) {
    const path = store?.path ?? join(cwd, `${SETTINGS_STORE_NAME}.json`);
    if (!existsSync(path)) throw error;
    renameSync(path, `${path}.corrupt-${Date.now()}`);
    store = openStore(cwd);
    return { store, raw: store.store };
  }
}

export function createSettingsService(options: SettingsServiceOptions = {}): SettingsService {
  const { store, raw } = readRaw(options.cwd ?? app.getPath('userData'));
  let current = migrateSettings(raw);
  if (!isDeepStrictEqual(raw, current)) store.store = current;

  return {
    path: store.path,
    get: () => current,
    update(patch) {
      const next = applySettingsPatch(current, patch);
      store.store = next;
      current = next;
      return current;
    },
  };
}
