/** What the app keeps about its team server session, beside the sync state (the token is kept apart). */
import type { RecordKind } from '../domain/records';
import type { PublicUser } from './protocol';

/** Who is signed in to which server (the token itself is kept by the platform). */
export interface SyncSession {
  origin: string;
  user: PublicUser;
  expiresAt: string;
}

/** A version from the server that the gate refused: not written, shown to the user. */
export interface RefusedRemote {
  kind: RecordKind;
  id: string;
  reason: string;
}

/** How the user settles a sync conflict. */
export type ConflictChoice = 'local' | 'server';
