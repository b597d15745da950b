import { Dexie } from 'dexie';
import {
  encodeSnapshot,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type SnapshotHeader,
  type SnapshotTables,
} from '../../../shared/backup/snapshot';
import type { BackupHost } from '../platform/types';
import { DB_NAME, LedgerDb } from './schema';

/**
 * SPEC §7: before this release upgrades an existing database to a newer
 * schema, its current content is written as a backup. The old database is
 * opened without a schema (Dexie reads the stored one), dumped, and closed
 * before LedgerDb opens and runs the upgrade functions.
 */
export async function backupBeforeUpgrade(
  host: BackupHost | null,
  name = DB_NAME,
  now = () => new Date(),
): Promise<boolean> {
  if (!host || !(await Dexie.exists(name))) return false;
  const target = new LedgerDb(name).verno;
  const old = new Dexie(name);
  try {
    await old.open();
    if (old.verno >= target) return false;
    const tables: SnapshotTables = {};
    const counts: Record<string, number> = {};
    await old.transaction('r', old.tables, async () => {
      for (const table of old.tables) {
        tables[table.name] = await table.toArray();
        counts[table.name] = tables[table.name]!.length;
      }
    });
    const header: SnapshotHeader = {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      createdAt: now().toISOString(),
      reason: 'before-upgrade',
      dbVersion: old.verno,
      counts,
    };
    await host.write(encodeSnapshot({ header, tables }));
    return true;
  } finally {
    old.close();
  }
}
