/**
 * Record actions called by the components: they reach the repositories and
 * turn failures into the messages the user sees.
 */
import type { ChangeCause } from '../../../../shared/domain/records';
import { KINDS, type LedgerKind } from './kinds';

export async function createRecord(kind: LedgerKind, input: Record<string, unknown>) {
  return KINDS[kind].repo().create(input);
}

export async function updateRecord(kind: LedgerKind, id: string, patch: Record<string, unknown>) {
  return KINDS[kind].repo().update(id, patch);
}

export async function deleteRecord(kind: LedgerKind, id: string, cause?: ChangeCause) {
  return KINDS[kind].repo().remove(id, cause);
}

export async function restoreRecord(kind: LedgerKind, id: string, cause?: ChangeCause) {
  return KINDS[kind].repo().restore(id, cause);
}
