/**
 * Reading the ledgers' search haystacks for the search index. The app does it
 * in a worker (searchIndex.worker.ts): reading 50,000 deals out of IndexedDB
 * costs seconds of deserialising, which on the window's thread would freeze
 * it in one piece; the worker hands back only ids and haystack strings. The
 * index reads here itself when no worker is at hand (tests, or a worker that
 * failed to start).
 */
import { FIELDS_BY_KIND } from '../../../shared/domain/fields';
import {
  LEDGER_KINDS,
  TABLE_OF_KIND,
  type BaseRecord,
  type LedgerKind,
  type TableOf,
} from '../../../shared/domain/records';
import { searchHaystack } from '../../../shared/search/pinyin';
import { LedgerDb } from './schema';

export type SearchKind = LedgerKind;

/** Table → kind for the searched ledgers: TABLE_OF_KIND read backwards. */
export const TABLE_KIND = Object.fromEntries(LEDGER_KINDS.map((kind) => [TABLE_OF_KIND[kind], kind])) as {
  readonly [K in SearchKind as TableOf<K>]: K;
};

const SEARCH_FIELDS: Record<SearchKind, string[]> = {
  deal: FIELDS_BY_KIND.deal.filter((f) => f.searchable).map((f) => f.key),
  contact: FIELDS_BY_KIND.contact.filter((f) => f.searchable).map((f) => f.key),
  company: FIELDS_BY_KIND.company.filter((f) => f.searchable).map((f) => f.key),
  event: FIELDS_BY_KIND.event.filter((f) => f.searchable).map((f) => f.key),
};

export type Row = BaseRecord & Record<string, unknown>;

export function haystackOf(kind: SearchKind, row: Row): string {
  return searchHaystack(SEARCH_FIELDS[kind].map((k) => (row[k] == null ? undefined : String(row[k]))));
}

/** Ids and haystacks of some live records of one ledger. */
export interface HaystackChunk {
  kind: SearchKind;
  ids: string[];
  haystacks: string[];
}

/**
 * Every live record of the four ledgers, `chunkSize` at a time, each chunk its
 * own read in primary-key order. One read of a whole ledger holds the
 * database's queue for as long as it takes (seconds at 50,000 deals), and the
 * deal list's read of its first rows, asked for meanwhile, would wait for all
 * of it; between chunks it goes first.
 */
export async function* readHaystacks(db: LedgerDb, chunkSize: number): AsyncGenerator<HaystackChunk> {
  for (const name of Object.keys(TABLE_KIND) as (keyof typeof TABLE_KIND)[]) {
    const kind = TABLE_KIND[name];
    const table = db.table(name);
    let after: string | undefined;
    for (;;) {
      const page = after === undefined ? table.orderBy(':id') : table.where(':id').above(after);
      const rows = (await page.limit(chunkSize).toArray()) as Row[];
      if (rows.length === 0) break;
      const chunk: HaystackChunk = { kind, ids: [], haystacks: [] };
      for (const row of rows) {
        if (row.deletedAt) continue;
        chunk.ids.push(row.id);
        chunk.haystacks.push(haystackOf(kind, row));
      }
      yield chunk;
      if (rows.length < chunkSize) break;
      after = rows[rows.length - 1]!.id;
    }
  }
}

export interface SearchWorkerRequest {
  dbName: string;
}

export type SearchWorkerReply =
  ({ type: 'chunk' } & HaystackChunk) | { type: 'done' } | { type: 'error'; message: string };

/** What the worker does: reads through its own connection to the database and posts the haystacks back. */
export async function serveHaystacks(request: SearchWorkerRequest, post: (reply: SearchWorkerReply) => void) {
  const db = new LedgerDb(request.dbName);
  try {
    for await (const chunk of readHaystacks(db, 2000)) post({ type: 'chunk', ...chunk });
    post({ type: 'done' });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  } finally {
    db.close();
  }
}
