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
import { serverOrigin } from '../../../../shared/sync/origin';
import { SyncController, type SyncDeps } from './actions';
import { canWrite } from './selectors';
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
let servedBy: string | undefined;

export async function startSync(sameOrigin?: string): Promise<void> {
  servedBy = sameOrigin;
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

/** Whether the current session's role may change the ledger (true without a server). */
export const useCanWrite = (): boolean => useSyncStore(canWrite);

/**
 * The desktop shell allows the team server in its CSP only from the next
 * page load: a new address is saved first and the window reloads, then the
 * user signs in. True when that is needed for `address` (nothing is saved
 * for a malformed one: the sign-in reports it).
 */
export function addressNeedsReload(address: string): boolean {
  const { platform } = services();
  const r = serverOrigin(address);
  return platform.kind === 'desktop' && r.ok && r.value !== getSettings().serverOrigin;
}

export async function saveAddressAndReload(address: string): Promise<void> {
  const r = serverOrigin(address);
  if (!r.ok) throw new Error(r.error);
  await useSettingsStore.getState().update(services().platform, { serverOrigin: r.value });
  window.location.reload();
}

/** Forgets the server: sign out, no more journal; the ledger stays as it is. */
export async function forgetServer(): Promise<void> {
  await syncController().signOut();
  await services().repos.sync.reset();
  await useSettingsStore.getState().update(services().platform, { serverOrigin: null });
  useSyncStore.setState({ ...initialState });
  await startSync(servedBy);
}

/** The browser edition served by the team server itself (server/static.ts marks its page). */
export function servedByTeamServer(): boolean {
  return servedBy !== undefined;
}
