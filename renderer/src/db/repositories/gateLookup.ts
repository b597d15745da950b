import type { Table } from 'dexie';
import { TABLE_OF_KIND, type BaseRecord, type RecordKind } from '../../../../shared/domain/records';
import type { GateLookup } from '../../../../shared/gate/gate';
import type { LedgerDb } from '../schema';

export function recordTable(db: LedgerDb, kind: RecordKind): Table<BaseRecord, string> {
  return db.table<BaseRecord, string>(TABLE_OF_KIND[kind]);
}

/**
 * The gate's reads of the database. Called inside a Dexie transaction, they
 * read through it (Dexie's zone), so what the gate checked is what is
 * written over. `field` must be an indexed field (mobile, uscc).
 */
export function dexieLookup(db: LedgerDb): GateLookup {
  return {
    withValues: async (kind, field, values) =>
      values.length
        ? recordTable(db, kind)
            .where(field)
            .anyOf([...values])
            .toArray()
        : [],
    withIds: async (kind, ids) => (ids.length ? recordTable(db, kind).bulkGet([...ids]) : []),
  };
}
