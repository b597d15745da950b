/**
 * Record actions called by the components: they reach the repositories and
 * turn failures into the messages the user sees.
 */
import type { ChangeCause, RecordOf } from '../../../../shared/domain/records';
import { KINDS, type LedgerKind } from './kinds';

export async function createRecord<K extends LedgerKind>(
  kind: K,
  input: Record<string, unknown>,
): Promise<RecordOf<K>> {
  return KINDS[kind].repo().create(input);
}

export async function updateRecord<K extends LedgerKind>(
  kind: K,
  id: string,
  patch: Record<string, unknown>,
): Promise<RecordOf<K>> {
  return KINDS[kind].repo().update(id, patch);
}

export async function deleteRecord<K extends LedgerKind>(kind: K, id: string, cause?: ChangeCause) {
  return KINDS[kind].repo().remove(id, cause);
}

export async function restoreRecord<K extends LedgerKind>(kind: K, id: string, cause?: ChangeCause) {
  return KINDS[kind].repo().restore(id, cause);
}
