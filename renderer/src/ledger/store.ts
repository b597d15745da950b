/**
 * The ledger kit's reads: the lists, records, references, history and
 * follow-ups the list, form and detail pages show, typed by kind. The hooks
 * run them as live queries; actions.ts holds the writes.
 */
import { TABLE_OF_KIND, type FollowUp, type LedgerKind, type RecordOf } from '../../../shared/domain/records';
import { repos } from '../app/services';
import type { RecordRepository } from '../db/repositories/base';

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
  recent: <K extends LedgerKind>(kind: K, count: number) => repoOf(kind).recent(count),
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
