import { DERIVED_TABLES } from '../derived';
import type { Table } from 'dexie';
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type BackupReason,
  type Snapshot,
  checkSnapshot,
  RECORD_TABLE_KINDS,
  type SnapshotTables,
} from '../../../../shared/backup/snapshot';
import { checkBatch, describeProblems, EMPTY_LOOKUP, type Batch } from '../../../../shared/gate/gate';
import { ValidationError, type RepoContext } from './context';

/** Meta keys that belong to this installation, not to the data: a restore keeps them. */
export const LOCAL_META_KEYS = ['copy'];
/**
 * Tables that belong to this installation's link to the team server (its
 * outbox, checkpoint and session): a backup leaves them out and a restore
 * keeps them, since the restored records are pushed as new local writes.
 */
export const LOCAL_TABLES = ['syncJournal', 'syncState'];

const RECORD_TABLES = [
  'deals',
  'contacts',
  'companies',
  'events',
  'followUps',
  'targets',
  'fundReports',
  'problems',
];

/**
 * The whole database as one snapshot, and back. Every table is included,
 * so tables added by later versions are backed up without changes here.
 */
export class SnapshotRepository {
  constructor(private readonly ctx: RepoContext) {}

  /** The tables a backup holds: derived rows are left out, the write path rebuilds them on restore. */
  private tables(): Table[] {
    return this.ctx.db.tables.filter(
      (t) => !LOCAL_TABLES.includes(t.name) && !DERIVED_TABLES.includes(t.name),
    );
  }

  /** Reads every table in one read transaction, so the snapshot is consistent. */
  async export(reason: BackupReason): Promise<Snapshot> {
    const tables: SnapshotTables = {};
    await this.ctx.db.transaction('r', this.tables(), async () => {
      for (const table of this.tables()) tables[table.name] = await table.toArray();
    });
    const counts: Record<string, number> = {};
    for (const [name, rows] of Object.entries(tables)) counts[name] = rows.length;
    return {
      header: {
        format: SNAPSHOT_FORMAT,
        version: SNAPSHOT_VERSION,
        createdAt: this.ctx.now().toISOString(),
        reason,
        dbVersion: this.ctx.db.verno,
        counts,
      },
      tables,
    };
  }

  /** Whether the ledger holds no records at all (a fresh or wiped database). */
  async isEmpty(): Promise<boolean> {
    for (const name of RECORD_TABLES) {
      const table = this.tables().find((t) => t.name === name);
      if (table && (await table.count()) > 0) return false;
    }
    return true;
  }

  async counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const table of this.tables()) out[table.name] = await table.count();
    return out;
  }

  /**
   * Replaces every table with the snapshot's rows in one transaction: either
   * the whole backup is in place afterwards or nothing changed. This copy's
   * own identity (meta 'copy') is kept.
   */
  async restore(snapshot: Snapshot): Promise<void> {
    if (snapshot.header.dbVersion > this.ctx.db.verno) {
      throw new ValidationError({}, '备份来自更新版本的程序，请先升级本程序再恢复');
    }
    const known = new Set(this.tables().map((t) => t.name));
    const unknown = Object.keys(snapshot.tables).filter((n) => !known.has(n));
    if (unknown.length)
      throw new ValidationError({}, `备份包含本程序不认识的表：${unknown.join('、')}，未恢复任何内容`);
    const complete = checkSnapshot(snapshot);
    if (!complete.ok) throw new ValidationError({}, complete.error);
    const batch: Batch = {};
    for (const [table, kind] of Object.entries(RECORD_TABLE_KINDS)) batch[kind] = snapshot.tables[table];
    // The backup replaces everything, so its records are checked against each other alone.
    const problems = await checkBatch(batch, EMPTY_LOOKUP, { references: 'exists' });
    if (problems.length) {
      throw new ValidationError({}, `备份文件中的记录有误：${describeProblems(problems, 2)}，未恢复任何内容`);
    }
    await this.ctx.db.transaction('rw', this.tables(), async () => {
      const kept = await this.ctx.db.meta.bulkGet(LOCAL_META_KEYS);
      for (const table of this.tables()) {
        await table.clear();
        const rows = snapshot.tables[table.name] ?? [];
        const filtered =
          table.name === 'meta'
            ? rows.filter((r) => !LOCAL_META_KEYS.includes((r as { key: string }).key))
            : rows;
        if (filtered.length) await table.bulkAdd(filtered);
      }
      for (const entry of kept) if (entry) await this.ctx.db.meta.put(entry);
    });
  }
}
