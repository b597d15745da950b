/**
 * The team server's side of the local database (SPEC §11): the sync client's
 * state, the journal of committed local writes it takes its outbox from, and
 * writing the versions the server sends through the gate and the one merge
 * core. Versions from the server are written in transactions marked remote,
 * so they never re-enter the outbox.
 */
import type { Table } from 'dexie';
import type { BaseRecord, ChangeAction, RecordKind } from '../../../../shared/domain/records';
import { TABLE_OF_KIND } from '../../../../shared/domain/records';
import { emptySyncState, recordLocalChange, type SyncState } from '../../../../shared/sync/client';
import { resolveVersions } from '../../../../shared/sync/core';
import type { SyncConflict } from '../../../../shared/sync/protocol';
import type { ConflictChoice, RefusedRemote, SyncSession } from '../../../../shared/sync/session';

export type { ConflictChoice, RefusedRemote, SyncSession } from '../../../../shared/sync/session';
import { checkSyncedRecord } from '../../../../shared/sync/records';
import { markRemote } from '../syncJournal';
import { diffRecords, makeChangeEntry } from './changeLog';
import { newId, ValidationError, type RepoContext } from './context';
import { recordTable } from './gateLookup';

const STATE_KEY = 'state';
const SESSION_KEY = 'session';

const CAUSE = { type: 'merge', file: '团队服务器' } as const;

export class SyncRepository {
  constructor(private readonly ctx: RepoContext) {}

  private get table(): Table<{ key: string; value: unknown }, string> {
    return this.ctx.db.syncState;
  }

  private recordTables(): Table[] {
    return Object.keys(TABLE_OF_KIND).map((k) => recordTable(this.ctx.db, k as RecordKind));
  }

  async loadState(): Promise<SyncState> {
    const row = await this.table.get(STATE_KEY);
    return { ...emptySyncState(), ...(row?.value as Partial<SyncState> | undefined) };
  }

  async saveState(state: SyncState): Promise<void> {
    await this.table.put({ key: STATE_KEY, value: state });
  }

  async session(): Promise<SyncSession | undefined> {
    return (await this.table.get(SESSION_KEY))?.value as SyncSession | undefined;
  }

  async saveSession(session: SyncSession | undefined): Promise<void> {
    if (session) await this.table.put({ key: SESSION_KEY, value: session });
    else await this.table.delete(SESSION_KEY);
  }

  /** Forgets everything about the server (another server, or signing out for good); the ledger stays. */
  async reset(): Promise<void> {
    await this.ctx.db.transaction('rw', [this.table, this.ctx.db.syncJournal], async () => {
      await this.table.clear();
      await this.ctx.db.syncJournal.clear();
    });
  }

  /** How many committed local writes wait in the journal. */
  journalSize(): Promise<number> {
    return this.ctx.db.syncJournal.count();
  }

  /**
   * Moves the journal into the state's outbox and saves the state, in one
   * transaction: a journal row is deleted only together with the saved
   * outbox that holds it.
   */
  async drainJournal(state: SyncState): Promise<number> {
    return this.ctx.db.transaction('rw', [this.table, this.ctx.db.syncJournal], async () => {
      const rows = await this.ctx.db.syncJournal.toArray();
      if (!rows.length) return 0;
      for (const row of rows) recordLocalChange(state, row.kind, row.record, newId);
      await this.table.put({ key: STATE_KEY, value: state });
      await this.ctx.db.syncJournal.bulkDelete(rows.map((r) => r.seq!));
      return rows.length;
    });
  }

  /**
   * Queues every record already in the ledger, for a laptop that joins a
   * server for the first time (its ledger from before was never journaled).
   * A no-op once this installation has synced with the server.
   */
  async queueExisting(state: SyncState): Promise<number> {
    if (state.checkpoint > 0 || Object.keys(state.bases).length > 0) return 0;
    const tables = this.recordTables();
    return this.ctx.db.transaction('r', tables, async () => {
      let n = 0;
      for (const kind of Object.keys(TABLE_OF_KIND) as RecordKind[]) {
        for (const record of await recordTable(this.ctx.db, kind).toArray()) {
          recordLocalChange(state, kind, record, newId);
          n++;
        }
      }
      return n;
    });
  }

  /**
   * Writes the server's versions (those the gate accepts, where the merge
   * core keeps them over what is held) and the state in one transaction, so
   * the checkpoint never moves past a record that was not written.
   */
  async saveWithRemote(
    state: SyncState,
    remote: readonly { kind: RecordKind; record: BaseRecord }[],
  ): Promise<RefusedRemote[]> {
    const refused: RefusedRemote[] = [];
    const checked: { kind: RecordKind; record: BaseRecord }[] = [];
    for (const r of remote) {
      const c = checkSyncedRecord(r.kind, r.record);
      if (c.ok) checked.push({ kind: r.kind, record: c.value });
      else refused.push({ kind: r.kind, id: String(r.record?.id ?? ''), reason: c.error });
    }
    const tables = checked.length ? [this.table, this.ctx.db.changes, ...this.recordTables()] : [this.table];
    await this.ctx.db.transaction('rw', tables, async (tx) => {
      if (checked.length) markRemote(tx.idbtrans);
      const at = this.ctx.now().toISOString();
      for (const { kind, record } of checked) {
        const table = recordTable(this.ctx.db, kind);
        const held = await table.get(record.id);
        if (!resolveVersions(held, record, false).take) continue;
        await table.put(record);
        const action: ChangeAction = !held
          ? 'create'
          : record.deletedAt && !held.deletedAt
            ? 'delete'
            : held.deletedAt && !record.deletedAt
              ? 'restore'
              : 'merge';
        const entry = makeChangeEntry(
          this.ctx,
          kind,
          record.id,
          action,
          diffRecords(held, record),
          CAUSE,
          at,
        );
        await this.ctx.db.changes.add(entry);
      }
      await this.table.put({ key: STATE_KEY, value: state });
    });
    return refused;
  }

  /**
   * Settles a conflict. When the choice is the version the server kept,
   * nothing is written; otherwise the chosen version is written as a new
   * local edit, newer than both, so the next sync pushes it and it wins
   * everywhere. The conflict leaves the review list either way.
   */
  async resolveConflict(state: SyncState, conflict: SyncConflict, choice: ConflictChoice): Promise<void> {
    const kept = conflict.winner;
    const tables = [this.table, this.ctx.db.changes, recordTable(this.ctx.db, conflict.kind)];
    await this.ctx.db.transaction('rw', tables, async () => {
      delete state.conflicts[conflict.changeId];
      if (choice !== kept) {
        const table = recordTable(this.ctx.db, conflict.kind);
        const current = await table.get(conflict.id);
        if (!current) throw new ValidationError({}, '这条记录已不在本机，无法处理该冲突');
        const chosen = choice === 'local' ? conflict.local : conflict.server;
        const newest = Math.max(
          Date.parse(conflict.local.updatedAt),
          Date.parse(conflict.server.updatedAt),
          Date.parse(current.updatedAt),
        );
        const now = this.ctx.now().getTime();
        const updatedAt = new Date(Math.max(now, newest + 1)).toISOString();
        const next = { ...chosen, updatedAt, updatedBy: this.ctx.actor() };
        await table.put(next);
        const entry = makeChangeEntry(
          this.ctx,
          conflict.kind,
          conflict.id,
          'update',
          diffRecords(current, next),
          { type: 'edit' },
          updatedAt,
        );
        await this.ctx.db.changes.add(entry);
      }
      await this.table.put({ key: STATE_KEY, value: state });
    });
  }
}
