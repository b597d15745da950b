/**
 * The sync feature's store: the state the header and 设置 → 团队服务器 show,
 * and the controller that runs the loop. `startSync` wires it to the running
 * app's services; tests start it with their own database and server.
 */
import { create } from 'zustand';
import { services } from '../../app/services';
import { newId } from '../../db/repositories/context';
import { onJournaled } from '../../db/syncJournal';
import { getSettings, useSettingsStore } from '../settings/store';
import { SyncController, type SyncDeps } from './actions';
import { initialState, type SyncUiState } from './initialState';

export interface SyncStore extends SyncUiState {
  controller: SyncController;
}

export const useSyncStore = create<SyncStore>()((set, get) => ({
  ...initialState,
  controller: new SyncController(set, get),
}));

export const syncController = (): SyncController => useSyncStore.getState().controller;

/** Starts the sync client of the running app (after services and settings are loaded). */
export async function startSync(sameOrigin?: string): Promise<void> {
  const { repos, platform } = services();
  const deps: SyncDeps = {
    repo: repos.sync,
    tokens: platform.sessionTokens,
    origin: () => getSettings().serverOrigin,
    setOrigin: async (serverOrigin) => {
      await useSettingsStore.getState().update(platform, { serverOrigin });
    },
    fetch: (url, init) => fetch(url, init),
    now: () => new Date(),
    newId,
    onLocalWrite: onJournaled,
    ...(sameOrigin ? { sameOrigin } : {}),
  };
  await syncController().start(deps);
}
