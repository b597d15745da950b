/**
 * The ledger database. Versions are append-only: a released version's stores
 * are never edited; a change is a new version(n) with a dated upgrade function.
 */
import { Dexie, type Table } from 'dexie';
import type {
  BaseRecord,
  Company,
  Contact,
  Deal,
  FollowUp,
  FundReport,
  ImportBatch,
  LedgerEvent,
  Problem,
  RecordKind,
  Target,
} from '../../../shared/domain/records';
import {
  dealFactsRow,
  fundPartOf,
  fundReportsByDealId,
  packFacts,
  rebuildFacts,
  unpackFacts,
  type CompanyCore,
  type DealFactsPack,
  type DealFactsRow,
} from '../../../shared/domain/derived';
import { buildSummary, type SummaryBucket } from '../../../shared/domain/summary';
import type { ChangeRow } from '../../../shared/domain/history';
import { derivedMiddleware } from './derived';

export const DB_NAME = 'zhaoshang-ledger';

/**
 * The deals table's key and indexes, as declared by version 1 and unchanged
 * since. Exported so the benchmark's bare stack writes into a table with the
 * same indexes (SPEC §9: "one Dexie bulk write of the same rows").
 */
export const DEAL_STORES =
  'id, name, investor, team, industry, stage, signedDate, eventId, updatedAt, *contactIds';

export interface MetaEntry {
  key: string;
  value: unknown;
}

/** A committed local write waiting to be taken into the sync outbox (see syncJournal.ts). */
export interface SyncJournalEntry {
  seq?: number;
  kind: RecordKind;
  record: BaseRecord;
}

export class LedgerDb extends Dexie {
  deals!: Table<Deal, string>;
  contacts!: Table<Contact, string>;
  companies!: Table<Company, string>;
  events!: Table<LedgerEvent, string>;
  followUps!: Table<FollowUp, string>;
  /** Entries, and import chunks standing for many (shared/domain/history.ts): read through expandRows. */
  changes!: Table<ChangeRow, string>;
  importBatches!: Table<ImportBatch, string>;
  meta!: Table<MetaEntry, string>;
  targets!: Table<Target, string>;
  fundReports!: Table<FundReport, string>;
  problems!: Table<Problem, string>;
  syncJournal!: Table<SyncJournalEntry, number>;
  syncState!: Table<MetaEntry, string>;
  /** Derived rows (shared/domain/derived.ts), kept by the write path: never written directly. */
  dealFactPacks!: Table<DealFactsPack, number>;
  companyFacts!: Table<CompanyCore, string>;
  factSummary!: Table<SummaryBucket, number>;

  constructor(name = DB_NAME) {
    // 'strict' makes Chromium flush each committed transaction to disk before
    // reporting success, so "已保存" means saved even if the laptop dies next.
    // Live-query results are frozen and shared instead of deep-cloned per
    // query: cloning 50,000 deals on every change cost more than reading them.
    // Nothing may mutate a query result; repositories always copy before writing.
    super(name, { chromeTransactionDurability: 'strict', cache: 'immutable' });

    // v1 — 2026-11-28: first release.
    this.version(1).stores({
      deals: DEAL_STORES,
      contacts: 'id, name, company, mobile, eventId, updatedAt',
      companies: 'id, name, uscc, status, park, dealId, updatedAt, *contactIds',
      events: 'id, name, startDate, updatedAt',
      followUps: 'id, [targetKind+targetId], date, updatedAt',
      changes: 'id, recordId, at, batchId',
      importBatches: 'id, createdAt',
      meta: 'key',
    });

    // v2 — 2026-12-01: targets (目标任务), funds in place / investment completed
    // reported against deals, and the problem ledger (问题台账). New tables
    // only: nothing existing changes, so there is nothing to convert; the
    // upgrade writes the day the tables arrived.
    this.version(2)
      .stores({
        targets: 'id, [year+team], year, updatedAt',
        fundReports: 'id, dealId, month, updatedAt',
        problems: 'id, dealId, status, deadline, updatedAt',
      })
      .upgrade(async (tx) => {
        await tx.table<MetaEntry, string>('meta').put({ key: 'targetsSince', value: '2026-12-01' });
      });

    // v3 — 2026-12-01: the team server (SPEC §11). syncJournal holds committed
    // local writes (written in the same transaction, so none is missed) until
    // the sync client moves them into its outbox; syncState holds the client's
    // state (checkpoint, bases, outbox, conflicts) and the signed-in user. New
    // tables only; they belong to this installation and stay out of backups.
    this.version(3).stores({
      syncJournal: '++seq',
      syncState: 'key',
    });
    // v4 — 2026-12-01: derived figures kept by the write path (dealFacts,
    // companyFacts), so a start reads one small row per deal and company
    // instead of every deal, follow-up and problem. The upgrade builds them
    // from the raw tables with the same function the write path uses.
    this.version(4)
      .stores({ dealFacts: 'id', companyFacts: 'id' })
      .upgrade(async (tx) => {
        const [deals, companies, followUps, problems, fundReports] = await Promise.all([
          tx.table<Deal, string>('deals').toArray(),
          tx.table<Company, string>('companies').toArray(),
          tx.table<FollowUp, string>('followUps').toArray(),
          tx.table<Problem, string>('problems').toArray(),
          tx.table<FundReport, string>('fundReports').toArray(),
        ]);
        const facts = rebuildFacts({ deals, companies, followUps, problems, fundReports });
        await tx.table<DealFactsRow, string>('dealFacts').bulkPut(facts.deals);
        await tx.table<CompanyCore, string>('companyFacts').bulkPut(facts.companies);
      });

    // v5 — 2026-12-01: the start summary (factSummary, shared/domain/summary.ts):
    // the overview's headline figures from 64 packed rows instead of one row
    // per deal. The upgrade builds it from the derived rows with the same
    // function the write path uses.
    this.version(5)
      .stores({ factSummary: 'bucket' })
      .upgrade(async (tx) => {
        const [deals, companies] = await Promise.all([
          tx.table<DealFactsRow, string>('dealFacts').toArray(),
          tx.table<CompanyCore, string>('companyFacts').toArray(),
        ]);
        await tx.table<SummaryBucket, number>('factSummary').bulkPut(buildSummary({ deals, companies }));
      });

    // v7 — 2026-12-01: an import's trace is one change-log row per chunk of up
    // to 1,000 records it created (shared/domain/history.ts ImportChunk), found
    // for a record through the multi-entry index on its record ids, instead of
    // one row per record: each stored row costs an import far more than an
    // index entry. Entries stored before stay as they are; both shapes are read.
    this.version(7).stores({ changes: 'id, recordId, at, batchId, *recordIds' });

    // v8 — 2026-12-01: the deal rows packed (dealFactPacks, shared/domain/derived.ts
    // DealFactsPack): a few hundred deals to a stored row, chosen by a hash of
    // the id, so an import of 50,000 deals stores 256 derived rows instead of
    // 50,000. The upgrade packs the stored rows with the function the write
    // path uses; the old table goes.
    this.version(8)
      .stores({ dealFactPacks: 'bucket', dealFacts: null })
      .upgrade(async (tx) => {
        const rows = await tx.table<DealFactsRow, string>('dealFacts').toArray();
        await tx.table<DealFactsPack, number>('dealFactPacks').bulkPut(packFacts(rows));
      });

    // v9 — 2026-12-01: each deal row also keeps its fund reports summed by month
    // (DealFactsRow.funds), so 目标完成 and the deal list's 到位资金 and
    // 完成投资 read the packs instead of every report (150,000 of them at
    // 50,000 deals, one long task on the window's thread). The upgrade adds
    // the part to the stored rows with the function the write path uses.
    this.version(9)
      .stores({})
      .upgrade(async (tx) => {
        const packs = tx.table<DealFactsPack, number>('dealFactPacks');
        const [stored, reports] = await Promise.all([
          packs.toArray(),
          tx.table<FundReport, string>('fundReports').toArray(),
        ]);
        const rows = new Map(unpackFacts(stored).map((r) => [r.id, r]));
        for (const [id, list] of fundReportsByDealId(reports)) {
          const row = dealFactsRow(id, { ...rows.get(id), funds: fundPartOf(list) });
          if (row) rows.set(id, row);
        }
        await packs.clear();
        await packs.bulkPut(packFacts([...rows.values()]));
      });

    // Registered here, not by the caller: no database opens without its derived rows kept.
    this.use(derivedMiddleware(Dexie.Promise));
  }
}
