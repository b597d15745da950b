/**
 * Every committed local write reaches the team server's outbox through one
 * place: a DBCore middleware beside the search index's, so the repositories,
 * an import, its undo, an exchange merge and a backup restore are all seen,
 * whoever wrote them. The journal row is written in the write's own
 * transaction (the middleware widens every read-write transaction over a
 * record table to include the journal), so a write that commits is always
 * journaled and an aborted one never is. Versions that came from the server
 * are written in transactions marked with `markRemote` and are not
 * journaled, so they never travel back.
 *
 * Only puts and adds travel: deletions in this app are tombstones
 * (`deletedAt`), written with put. A hard delete (clearing tables during a
 * restore) does not travel; the restored rows that follow it do.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import { TABLE_OF_KIND, type BaseRecord, type RecordKind } from '../../../shared/domain/records';
import type { SyncJournalEntry } from './schema';

export const JOURNAL_TABLE = 'syncJournal';

const KIND_OF_TABLE = new Map<string, RecordKind>(
  Object.entries(TABLE_OF_KIND).map(([kind, table]) => [table, kind as RecordKind]),
);

/** IndexedDB transactions that apply server versions: their writes are not journaled. */
const remoteTransactions = new WeakSet<object>();

const listeners = new Set<() => void>();

/** Calls back after each transaction that journaled a write commits; returns the unsubscribe. */
export function onJournaled(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notifyOnCommit(trans: object): void {
  const t = trans as { addEventListener?: IDBTransaction['addEventListener'] };
  t.addEventListener?.('complete', () => {
    for (const l of listeners) l();
  });
}

/** Marks a Dexie transaction (its `idbtrans`) as applying versions from the server. */
export function markRemote(idbtrans: object): void {
  remoteTransactions.add(idbtrans);
}

/**
 * The middleware to register with `db.use()` before the database opens.
 * `enabled` says whether a server is configured; without one nothing is journaled.
 */
export function syncJournalMiddleware(enabled: () => boolean): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'sync-journal',
    create: (down) => ({
      ...down,
      transaction: (stores, mode, options) => {
        const widen =
          mode === 'readwrite' &&
          enabled() &&
          !stores.includes(JOURNAL_TABLE) &&
          stores.some((s) => KIND_OF_TABLE.has(s));
        return down.transaction(widen ? [...stores, JOURNAL_TABLE] : stores, mode, options);
      },
      table: (name: string): DBCoreTable => {
        const table = down.table(name);
        const kind = KIND_OF_TABLE.get(name);
        if (!kind) return table;
        return {
          ...table,
          mutate: async (req: DBCoreMutateRequest) => {
            const res = await table.mutate(req);
            if ((req.type === 'add' || req.type === 'put') && !remoteTransactions.has(req.trans)) {
              const names = (req.trans as { objectStoreNames?: DOMStringList }).objectStoreNames;
              // A transaction opened before the server was configured has no journal in its scope.
              if (names?.contains(JOURNAL_TABLE) && req.values.length) {
                const failed = new Set(Object.keys(res.failures ?? {}).map(Number));
                const values: SyncJournalEntry[] = [];
                req.values.forEach((record: BaseRecord, i) => {
                  if (!failed.has(i)) values.push({ kind, record });
                });
                if (values.length) {
                  await down.table(JOURNAL_TABLE).mutate({ type: 'add', trans: req.trans, values });
                  notifyOnCommit(req.trans);
                }
              }
            }
            return res;
          },
        };
      },
    }),
  };
}
