/**
 * The ledger kit's reads: the lists, records, references, history and
 * follow-ups the list, form and detail pages show, typed by kind. The hooks
 * run them as live queries; actions.ts holds the writes.
 */
import {
  byNewestChange,
  TABLE_OF_KIND,
  type FollowUp,
  type LedgerKind,
  type RecordOf,
} from '../../../shared/domain/records';
import { liveQuery } from 'dexie';
import { repos, services } from '../app/services';
import type { RecordRepository } from '../db/repositories/base';
import { listRowOf, stringPool, type ListRow } from './listRows';

/** The repository of a kind (the table named by TABLE_OF_KIND). */
export function repoOf<K extends LedgerKind>(kind: K): RecordRepository<RecordOf<K>> {
  const r = repos();
  const byKind: { [L in LedgerKind]: RecordRepository<RecordOf<L>> } = {
    deal: r[TABLE_OF_KIND.deal],
    contact: r[TABLE_OF_KIND.contact],
    company: r[TABLE_OF_KIND.company],
    event: r[TABLE_OF_KIND.event],
  };
  return byKind[kind];
}

/** Runs a read of a kind's table in a read-only transaction of its own (so a live query does not cache it). */
function apart<T>(kind: LedgerKind, read: () => Promise<T>): Promise<T> {
  const { db } = services();
  return db.transaction('r', db.table(TABLE_OF_KIND[kind]), read);
}

export const ledgerSelectors = {
  /**
   * What the overview and the summary report are computed from, in one read:
   * deals, companies and events with deleted ones (for names; computeOverview
   * skips them), live follow-ups and contacts.
   */
  async reportInput() {
    const r = repos();
    const all = { includeDeleted: true };
    const [deals, companies, events, followUps, contacts, targets, fundReports, problems] = await Promise.all(
      [
        r.deals.list(all),
        r.companies.list(all),
        r.events.list(all),
        r.followUps.list(),
        r.contacts.list(),
        r.targets.all(),
        r.fundReports.all(),
        r.problems.all(),
      ],
    );
    return { deals, companies, events, followUps, contacts, targets, fundReports, problems };
  },
  list: <K extends LedgerKind>(kind: K, deleted: boolean) =>
    repoOf(kind).list(deleted ? { deletedOnly: true } : {}),
  /**
   * A list's compact rows (listRows.ts), newest change first. Read in a
   * transaction of its own: a live query caches the results of the reads it
   * makes outside one (the database opens with `cache: 'immutable'`), and
   * would keep every full record for as long as the list is open. Here the
   * full records are garbage as soon as their rows are made.
   */
  listRows: <K extends LedgerKind>(kind: K, deleted: boolean) => {
    const repo = repoOf(kind);
    return apart(kind, async () => {
      const rows: ListRow<K>[] = [];
      const pool = stringPool();
      for (const r of await repo.allRows())
        if (!r.deletedAt === !deleted) rows.push(listRowOf(kind, r, pool));
      return rows.sort(byNewestChange);
    });
  },
  /** The newest live rows, by index: what a list shows while its whole read runs. */
  recentRows: <K extends LedgerKind>(kind: K, count: number) => {
    const repo = repoOf(kind);
    return apart(kind, async () => (await repo.recent(count)).map((r) => listRowOf(kind, r)));
  },
  byId: async <K extends LedgerKind>(kind: K, id: string) => (await repoOf(kind).get(id)) ?? null,
  events: () => repos().events.list(),
  deals: () => repos().deals.list(),
  history: (recordId: string) => repos().changes.forRecord(recordId),
  followUps: (targetKind: FollowUp['targetKind'], targetId: string) =>
    repos().followUps.forTarget(targetKind, targetId),
  /** id → name of every event and of the given deals and contacts, deleted ones too. */
  async refNames(dealIds: readonly string[], contactIds: readonly string[]) {
    const r = repos();
    const [events, deals, contacts] = await Promise.all([
      r.events.list({ includeDeleted: true }),
      r.deals.getMany(dealIds, { includeDeleted: true }),
      r.contacts.getMany(contactIds, { includeDeleted: true }),
    ]);
    const names = (rows: readonly { id: string; name: string }[]) => new Map(rows.map((x) => [x.id, x.name]));
    return { events: names(events), deals: names(deals), contacts: names(contacts) };
  },
};

/*
 * The first screen of each list, kept current while the app runs: a list
 * opened from the menu then draws its newest rows in its first render,
 * instead of drawing an empty table and reading them after.
 *
 * Each kind's newest rows are a live query of their own, so a write to the
 * table reads them again and what is kept is never older than the last
 * committed write. The list still runs its own live query; what is kept only
 * stands in until that query answers.
 */

/** As many rows as the list reads by index before its whole read (RecordList's first page). */
export const FIRST_PAGE_ROWS = 50;

const kept = new Map<LedgerKind, readonly ListRow<LedgerKind>[]>();

/** The kept newest rows of a kind, or undefined when they are not (yet) kept. */
export function keptFirstPage<K extends LedgerKind>(kind: K): ListRow<K>[] | undefined {
  return kept.get(kind) as ListRow<K>[] | undefined;
}

/**
 * Starts keeping the newest rows of each kind. Returns the stop. A read that
 * fails drops what was kept for its kind: the list then reads its rows itself.
 */
export function keepFirstPages(kinds: readonly LedgerKind[]): () => void {
  const subscriptions = kinds.map((kind) =>
    liveQuery(() => ledgerSelectors.recentRows(kind, FIRST_PAGE_ROWS)).subscribe({
      next: (rows) => kept.set(kind, rows),
      error: () => kept.delete(kind),
    }),
  );
  return () => {
    for (const s of subscriptions) s.unsubscribe();
    for (const kind of kinds) kept.delete(kind);
  };
}
