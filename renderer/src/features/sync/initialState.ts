import type { RefusedRemote, SyncSession } from '../../../../shared/sync/session';
import type { SyncConflict } from '../../../../shared/sync/protocol';

/**
 * What the sync client shows. `phase` is what it is doing: `none` no server
 * configured, `signed-out` a server but no valid session, `idle` the last sync
 * succeeded, `syncing`, `offline` the server could not be reached (retrying),
 * `error` the server refused (its message in `message`).
 */
export type SyncPhase = 'none' | 'signed-out' | 'idle' | 'syncing' | 'offline' | 'error';

export interface SyncUiState {
  phase: SyncPhase;
  /** The configured server, also when signed out. */
  origin: string | null;
  session: SyncSession | null;
  /** When the last sync finished (ISO). */
  lastSyncAt: string | null;
  /** Local changes not yet answered by the server. */
  pending: number;
  conflicts: SyncConflict[];
  /** Versions from the server that the gate refused (not written). */
  refused: RefusedRemote[];
  /** The last problem, in Chinese, for the settings panel. */
  message: string | null;
}

export const initialState: SyncUiState = {
  phase: 'none',
  origin: null,
  session: null,
  lastSyncAt: null,
  pending: 0,
  conflicts: [],
  refused: [],
  message: null,
};
