import { create } from 'zustand';
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../../../shared/settings';
import type { Platform } from '../../platform';

export interface SettingsState {
  settings: Settings;
  loaded: boolean;
}

/** Defaults until the platform's settings are loaded. */
export const initialState: SettingsState = { settings: DEFAULT_SETTINGS, loaded: false };

interface SettingsActions {
  reset(): void;
  load(platform: Platform): Promise<Settings>;
  update(platform: Platform, patch: SettingsPatch): Promise<Settings>;
}

export const useSettingsStore = create<SettingsState & SettingsActions>()((set) => ({
  ...initialState,
  reset: () => set(initialState),
  async load(platform) {
    const settings = await platform.loadSettings();
    set({ settings, loaded: true });
    return settings;
  },
  async update(platform, patch) {
    const settings = await platform.updateSettings(patch);
    set({ settings });
    return settings;
  },
}));

export const getSettings = (): Settings => useSettingsStore.getState().settings;
