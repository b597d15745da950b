import { create } from 'zustand';
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../../../shared/settings';
import { renameTeam as planRename } from '../../../../shared/domain/teams';
import { err, ok, type Result } from '../../../../shared/domain/result';
import { repos, services } from '../../app/services';
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

export interface TeamRenamed {
  from: string;
  to: string;
  /** Deals and targets moved to the new name, each with its change-log entry. */
  deals: number;
  targets: number;
}

/**
 * 组团改名: the deals and targets of the team take the new name (logged per
 * record), then the team list and its aliases are saved. Records go first:
 * if saving settings fails, the ledger already shows the new name and the
 * same rename can simply be repeated.
 */
export async function renameTeam(from: string, to: string): Promise<Result<TeamRenamed>> {
  const current = getSettings();
  const plan = planRename(current, from, to);
  if (!plan.ok) return err(plan.error);
  const name = plan.value.teams[current.teams.indexOf(from)]!;
  const deals = await repos().deals.renameTeam(from, name);
  const targets = await repos().targets.renameTeam(from, name);
  await useSettingsStore.getState().update(services().platform, plan.value);
  return ok({ from, to: name, deals, targets });
}
