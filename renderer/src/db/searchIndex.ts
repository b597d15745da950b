/**
 * In-memory search over the four ledgers, so a keystroke never scans a table
 * (a Dexie filter() over 50,000 rows takes most of a second). The index sees
 * every committed write through a DBCore middleware, whoever made it: the
 * repositories, an import, a merge or a restore. Writes are applied only when
 * their transaction completes, so an aborted transaction leaves no trace.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import { HaystackStore } from '../../../shared/search/haystackStore';
import { normalizeQuery } from '../../../shared/search/pinyin';
import {
  haystackOf,
  readHaystacks,
  TABLE_KIND,
  type HaystackChunk,
  type Row,
  type SearchKind,
  type SearchWorkerReply,
  type SearchWorkerRequest,
} from './haystackReader';
import type { LedgerDb } from './schema';

export type { SearchKind } from './haystackReader';

/** Yields to the event loop so building a large index never freezes the window. */
const yieldToUi = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class SearchIndex {
  private readonly haystacks: Record<SearchKind, HaystackStore> = {
    deal: new HaystackStore(),
    contact: new HaystackStore(),
    company: new HaystackStore(),
    event: new HaystackStore(),
  };
  /** Writes committed while the initial build is still reading. */
  private pending: { kind: SearchKind; rows?: Row[]; keys?: string[]; clear?: boolean }[] | null = null;
  private built = false;
  private building: Promise<void> | null = null;
  private readonly readyListeners = new Set<() => void>();

  /** `startWorker` starts searchIndex.worker.ts; without it (tests) the index reads on this thread. */
  constructor(private readonly startWorker?: () => Worker) {}

  /** Calls back once the index is built (for useSyncExternalStore); returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.readyListeners.add(listener);
    return () => this.readyListeners.delete(listener);
  };

  /** The middleware to register with `db.use()` before the database opens. */
  middleware(): Middleware<DBCore> {
    return {
      stack: 'dbcore',
      name: 'search-index',
      create: (down) => ({
        ...down,
        table: (name: string): DBCoreTable => {
          const table = down.table(name);
          const kind = TABLE_KIND[name as keyof typeof TABLE_KIND] as SearchKind | undefined;
          if (!kind) return table;
          return {
            ...table,
            mutate: async (req: DBCoreMutateRequest) => {
              const res = await table.mutate(req);
              this.onCommit(req, () => this.applyRequest(kind, req));
              return res;
            },
          };
        },
      }),
    };
  }

  private onCommit(req: DBCoreMutateRequest, apply: () => void) {
    // Dexie types the transaction as its own DBCoreTransaction; over IndexedDB it is the IDBTransaction.
    const trans = req.trans;
    if ('addEventListener' in trans && typeof trans.addEventListener === 'function')
      trans.addEventListener('complete', apply);
    else apply();
  }

  private applyRequest(kind: SearchKind, req: DBCoreMutateRequest) {
    const change =
      req.type === 'add' || req.type === 'put'
        ? { kind, rows: req.values as Row[] }
        : req.type === 'delete'
          ? { kind, keys: req.keys as string[] }
          : { kind, clear: true };
    if (this.pending) this.pending.push(change);
    this.applyChange(change);
  }

  private applyChange(change: { kind: SearchKind; rows?: Row[]; keys?: string[]; clear?: boolean }) {
    const store = this.haystacks[change.kind];
    if (change.clear) store.clear();
    for (const key of change.keys ?? []) store.delete(key);
    for (const row of change.rows ?? []) {
      if (row.deletedAt) store.delete(row.id);
      else store.set(row.id, haystackOf(change.kind, row));
    }
  }

  /**
   * Reads every ledger once: in the worker when there is one, else here in
   * chunks that leave the window responsive.
   */
  build(db: LedgerDb): Promise<void> {
    this.building ??= (async () => {
      this.pending = [];
      if (!(await this.readInWorker(db.name))) {
        // No worker, or it failed part way: start over here.
        for (const store of Object.values(this.haystacks)) store.clear();
        for await (const chunk of readHaystacks(db, 1000)) {
          this.load(chunk);
          await yieldToUi();
        }
      }
      // Writes that landed during the read may be older or newer than what was read: replay them last.
      for (const change of this.pending) this.applyChange(change);
      this.pending = null;
      for (const store of Object.values(this.haystacks)) store.seal();
      this.built = true;
      // A User Timing mark: a DevTools trace shows when the index was ready, and the bench waits for it.
      performance.mark('search-index-built');
      for (const listener of this.readyListeners) listener();
    })();
    return this.building;
  }

  /** Whether the worker delivered every ledger; false when there is none, or it failed to start or part way. */
  private async readInWorker(dbName: string): Promise<boolean> {
    if (!this.startWorker) return false;
    let worker: Worker | undefined;
    try {
      const started = (worker = this.startWorker());
      await new Promise<void>((resolve, reject) => {
        started.onmessage = (e: MessageEvent<SearchWorkerReply>) => {
          const reply = e.data;
          if (reply.type === 'chunk') this.load(reply);
          else if (reply.type === 'done') resolve();
          else reject(new Error(reply.message));
        };
        started.onerror = (e) => {
          e.preventDefault();
          reject(new Error(e.message));
        };
        started.postMessage({ dbName } satisfies SearchWorkerRequest);
      });
      return true;
    } catch {
      return false;
    } finally {
      worker?.terminate();
    }
  }

  /** A row also written during the build may be older here than in the index: the replay settles it. */
  private load(chunk: HaystackChunk) {
    const store = this.haystacks[chunk.kind];
    for (let i = 0; i < chunk.ids.length; i++) store.set(chunk.ids[i]!, chunk.haystacks[i]!);
  }

  get ready(): boolean {
    return this.built;
  }

  size(kind: SearchKind): number {
    return this.haystacks[kind].size;
  }

  /**
   * Ids of live records matching the query by text, full pinyin or pinyin
   * initials; null while the index is still being built. A query that
   * contains a recent one searches only that one's matches.
   */
  search(kind: SearchKind, query: string): string[] | null {
    if (!this.built) return null;
    return this.haystacks[kind].find(normalizeQuery(query));
  }

  /**
   * For a list: whether each of `rows` matches the query (1 at its position),
   * or null while the index is still being built. Cheaper per keystroke than
   * keeping the rows whose id is in `search()`'s answer; deleted rows are not
   * indexed and come out 0. `rows` must not change in place.
   */
  matchRows(kind: SearchKind, query: string, rows: readonly { id: string }[]): Uint8Array | null {
    if (!this.built) return null;
    return this.haystacks[kind].matchRows(normalizeQuery(query), rows);
  }

  /** Does the per-rows part of matchRows now (a list calls it when idle, so its first keystroke is quick). */
  prepareRows(kind: SearchKind, rows: readonly { id: string }[]): void {
    if (this.built) this.haystacks[kind].prepareRows(rows);
  }
}
