/**
 * The ledger kit's writes, typed by kind: the components call these, and
 * these call the repositories. Failures are thrown as they are; the component
 * turns them into words (describeError).
 */
import type { ChangeCause, FollowUp, RecordOf } from '../../../shared/domain/records';
import type { LedgerKind } from './kinds';
import { repos, services } from '../app/services';
import { repoOf } from './store';

export async function createRecord<K extends LedgerKind>(
  kind: K,
  input: Record<string, unknown>,
): Promise<RecordOf<K>> {
  return repoOf(kind).create(input);
}

export async function updateRecord<K extends LedgerKind>(
  kind: K,
  id: string,
  patch: Record<string, unknown>,
): Promise<RecordOf<K>> {
  return repoOf(kind).update(id, patch);
}

export async function deleteRecord<K extends LedgerKind>(kind: K, id: string, cause?: ChangeCause) {
  return repoOf(kind).remove(id, cause);
}

export async function restoreRecord<K extends LedgerKind>(kind: K, id: string, cause?: ChangeCause) {
  return repoOf(kind).restore(id, cause);
}

export async function addFollowUp(
  targetKind: FollowUp['targetKind'],
  targetId: string,
  input: Record<string, unknown>,
): Promise<FollowUp> {
  return repos().followUps.add(targetKind, targetId, input);
}

/** Builds the search index now if it is not built yet (the first keystroke of a search). */
export function startSearchIndex(): void {
  const { searchIndex, db } = services();
  if (!searchIndex.ready) void searchIndex.build(db);
}
