import type { Table } from 'dexie';
import type { BaseRecord, ChangeEntry } from '../../../../shared/domain/records';
import {
  EXCHANGE_FORMAT,
  EXCHANGE_VERSION,
  type CopyIdentity,
  checkClockSkew,
  type ExchangeFile,
} from '../../../../shared/exchange/format';
import {
  emptyRecordSets,
  MERGE_KINDS,
  planMerge,
  type Conflict,
  type Dataset,
  type MergeKind,
  type MergePlan,
} from '../../../../shared/exchange/merge';
import { checkBatch, describeProblems, type Batch } from '../../../../shared/gate/gate';
import { diffRecords, knownEntries, makeChangeEntry } from './changeLog';
import { expandRows } from '../../../../shared/domain/history';
import { dexieLookup, recordTable } from './gateLookup';
import { newId, ValidationError, type RepoContext } from './context';
import { compareZh } from '../../../../shared/domain/text';

/** What this copy remembers about another one. */
export interface PeerState extends CopyIdentity {
  /** This copy's clock when it last wrote a file for the peer. */
  lastExportAt?: string;
  /** This copy's clock when it last merged a file from the peer. */
  lastImportAt?: string;
}

export interface ImportPreview {
  file: ExchangeFile;
  fileName: string;
  plan: MergePlan;
  /** The last merge from the same copy; records changed on both sides after it are conflicts. */
  since?: string;
}

export type ConflictChoice = 'local' | 'incoming';

export const conflictKey = (c: Pick<Conflict, 'kind' | 'id'>) => `${c.kind}:${c.id}`;

const PEER_PREFIX = 'peer:';

/**
 * Exchange files between copies (SPEC §6): this copy's identity, what it
 * knows of the others, building a file and merging one in a single
 * transaction with a change-log entry per record it changed.
 */
export class ExchangeRepository {
  constructor(private readonly ctx: RepoContext) {}

  private recordTable(kind: MergeKind): Table<BaseRecord, string> {
    return recordTable(this.ctx.db, kind);
  }

  private writeTables(): Table[] {
    return [...MERGE_KINDS.map((k) => this.recordTable(k)), this.ctx.db.changes, this.ctx.db.meta];
  }

  /** This copy's stable id (created on first use) and its name (set here, else the user name). */
  async identity(): Promise<CopyIdentity> {
    return this.ctx.db.transaction('rw', this.ctx.db.meta, async () => {
      const stored = (await this.ctx.db.meta.get('copy'))?.value as
        { id?: string; name?: string } | undefined;
      let id = stored?.id;
      if (!id) {
        id = newId();
        await this.ctx.db.meta.put({ key: 'copy', value: { ...stored, id } });
      }
      return { id, name: stored?.name || this.ctx.actor() || '未命名' };
    });
  }

  async setName(name: string): Promise<void> {
    const trimmed = name.trim();
    if (trimmed.length > 40) throw new ValidationError({ name: '名称不能超过 40 个字' });
    const { id } = await this.identity();
    await this.ctx.db.meta.put({ key: 'copy', value: { id, name: trimmed } });
  }

  async peers(): Promise<PeerState[]> {
    const rows = await this.ctx.db.meta.where('key').startsWith(PEER_PREFIX).toArray();
    return rows.map((r) => r.value as PeerState).sort((a, b) => compareZh(a.name, b.name));
  }

  private async peer(id: string): Promise<PeerState | undefined> {
    return (await this.ctx.db.meta.get(PEER_PREFIX + id))?.value as PeerState | undefined;
  }

  private async savePeer(peer: PeerState): Promise<void> {
    await this.ctx.db.meta.put({ key: PEER_PREFIX + peer.id, value: peer });
  }

  /**
   * Everything (no peer) or what changed since the last file written for
   * `peerId`. "Changed" is judged by this copy's change log as well as by
   * `updatedAt`, so records merged in from a third copy travel on too.
   */
  async buildFile(peerId?: string): Promise<ExchangeFile> {
    const source = await this.identity();
    const peer = peerId ? await this.peer(peerId) : undefined;
    const since = peer?.lastExportAt;
    const exportedAt = this.ctx.now().toISOString();
    const records = emptyRecordSets();
    let changes: ChangeEntry[] = [];
    await this.ctx.db.transaction('r', this.writeTables(), async () => {
      // An import chunk travels as the per-record entries it stands for: the file's format is unchanged.
      changes = expandRows(
        since
          ? await this.ctx.db.changes.where('at').above(since).toArray()
          : await this.ctx.db.changes.toArray(),
      );
      const touched = new Set(changes.map((c) => c.recordId));
      for (const kind of MERGE_KINDS) {
        const table = this.recordTable(kind);
        records[kind] = since
          ? (await table.toArray()).filter((r) => r.updatedAt > since || touched.has(r.id))
          : await table.toArray();
      }
    });
    return {
      format: EXCHANGE_FORMAT,
      version: EXCHANGE_VERSION,
      source,
      ...(peer ? { target: { id: peer.id, name: peer.name } } : {}),
      ...(since ? { since } : {}),
      exportedAt,
      records,
      changes,
    };
  }

  /** Remembers that a file for `target` was saved, so the next one holds only later changes. */
  async markExported(target: CopyIdentity, at: string): Promise<void> {
    await this.ctx.db.transaction('rw', this.ctx.db.meta, async () => {
      const peer = (await this.peer(target.id)) ?? { id: target.id, name: target.name };
      await this.savePeer({ ...peer, lastExportAt: at });
    });
  }

  private async localSide(file: Dataset): Promise<Dataset> {
    const local: Dataset = { records: emptyRecordSets(), changes: [] };
    for (const kind of MERGE_KINDS) {
      const rows = await this.recordTable(kind).bulkGet(file.records[kind].map((r) => r.id));
      local.records[kind] = rows.filter((r): r is BaseRecord => !!r);
    }
    local.changes = await knownEntries(
      this.ctx.db,
      file.changes.map((c) => c.id),
    );
    return local;
  }

  /** What merging the file would do; nothing is written. */
  async preview(file: ExchangeFile, fileName: string): Promise<ImportPreview> {
    const self = await this.identity();
    if (file.source.id === self.id) throw new ValidationError({}, '这是本机导出的交换文件，无需合并');
    const skew = checkClockSkew(file, this.ctx.now());
    if (!skew.ok) throw new ValidationError({}, skew.error);
    const since = (await this.peer(file.source.id))?.lastImportAt;
    const plan = await this.ctx.db.transaction('r', this.writeTables(), async () =>
      planMerge(await this.localSide(file), file, { since }),
    );
    return { file, fileName, plan, since };
  }

  /**
   * Merges the file in one transaction. The plan is made again inside it, so
   * edits since the preview are respected. For a conflict the user settled
   * on the version the merge would not keep, that version is written as a
   * new change (newer than both), so it also wins in later exchanges.
   */
  async apply(preview: ImportPreview, choices: Record<string, ConflictChoice> = {}): Promise<MergePlan> {
    const { file, fileName } = preview;
    const cause = { type: 'merge' as const, file: fileName };
    const at = this.ctx.now().toISOString();
    const skew = checkClockSkew(file, this.ctx.now());
    if (!skew.ok) throw new ValidationError({}, skew.error);
    return this.ctx.db.transaction('rw', this.writeTables(), async () => {
      const plan = planMerge(await this.localSide(file), file, { since: preview.since });
      // What each record will be once the merge and the user's choices are written.
      const settled = plan.conflicts.flatMap((c) => {
        const choice = choices[conflictKey(c)];
        if (!choice || choice === c.winner) return [];
        const chosen = choice === 'incoming' ? c.incoming : c.local;
        // Later than both versions (the file's are at most MAX_CLOCK_SKEW_MS ahead), so the choice sticks.
        const newest = Math.max(Date.parse(c.local.updatedAt), Date.parse(c.incoming.updatedAt)) + 1;
        const updatedAt = at > new Date(newest).toISOString() ? at : new Date(newest).toISOString();
        const next = { ...chosen, updatedAt, updatedBy: this.ctx.actor() };
        return [{ conflict: c, current: c.winner === 'incoming' ? c.incoming : c.local, next }];
      });
      const final = new Map<string, { kind: MergeKind; record: BaseRecord }>();
      for (const w of plan.writes)
        final.set(conflictKey({ kind: w.kind, id: w.after.id }), { kind: w.kind, record: w.after });
      for (const s of settled) final.set(conflictKey(s.conflict), { kind: s.conflict.kind, record: s.next });
      const batch: Batch = {};
      for (const kind of MERGE_KINDS)
        batch[kind] = [...final.values()].filter((f) => f.kind === kind).map((f) => f.record);
      const problems = await checkBatch(batch, dexieLookup(this.ctx.db), { references: 'exists' });
      if (problems.length) {
        throw new ValidationError(
          {},
          `交换文件未合并，合并后会有不合格的记录：${describeProblems(problems)}`,
        );
      }
      for (const w of plan.writes) {
        await this.recordTable(w.kind).put(w.after);
        const action = w.effect === 'deleted' ? 'delete' : w.effect === 'restored' ? 'restore' : 'merge';
        const entry = makeChangeEntry(
          this.ctx,
          w.kind,
          w.after.id,
          action,
          diffRecords(w.before, w.after),
          cause,
          at,
        );
        await this.ctx.db.changes.add(entry);
      }
      for (const { conflict: c, current, next } of settled) {
        await this.recordTable(c.kind).put(next);
        const entry = makeChangeEntry(
          this.ctx,
          c.kind,
          c.id,
          'update',
          diffRecords(current, next),
          { type: 'edit' },
          at,
        );
        await this.ctx.db.changes.add(entry);
      }
      if (plan.newChanges.length) await this.ctx.db.changes.bulkPut(plan.newChanges);
      const peer = (await this.peer(file.source.id)) ?? { id: file.source.id, name: file.source.name };
      await this.savePeer({ ...peer, name: file.source.name, lastImportAt: at });
      return plan;
    });
  }
}
