import type { Dexie } from 'dexie';

/**
 * The stores of the released schema versions 1 to 7, as laptops hold them,
 * written out literally (not taken from renderer/src/db/schema.ts), so an
 * upgrade test opens exactly what a released version left on disk. Declares
 * the versions up to `upTo` (2, 5 or 7).
 */
export function releasedStores(db: Dexie, upTo: 2 | 5 | 7): void {
  db.version(1).stores({
    deals: 'id, name, investor, team, industry, stage, signedDate, eventId, updatedAt, *contactIds',
    contacts: 'id, name, company, mobile, eventId, updatedAt',
    companies: 'id, name, uscc, status, park, dealId, updatedAt, *contactIds',
    events: 'id, name, startDate, updatedAt',
    followUps: 'id, [targetKind+targetId], date, updatedAt',
    changes: 'id, recordId, at, batchId',
    importBatches: 'id, createdAt',
    meta: 'key',
  });
  db.version(2).stores({
    targets: 'id, [year+team], year, updatedAt',
    fundReports: 'id, dealId, month, updatedAt',
    problems: 'id, dealId, status, deadline, updatedAt',
  });
  if (upTo < 3) return;
  db.version(3).stores({ syncJournal: '++seq', syncState: 'key' });
  db.version(4).stores({ dealFacts: 'id', companyFacts: 'id' });
  db.version(5).stores({ factSummary: 'bucket' });
  if (upTo < 7) return;
  db.version(7).stores({ changes: 'id, recordId, at, batchId, *recordIds' });
}

/** The raw records of a generated ledger, written straight into an old database's tables. */
export async function addRawTables(
  db: Dexie,
  data: {
    deals: unknown[];
    companies: unknown[];
    events: unknown[];
    followUps: unknown[];
    problems: unknown[];
    fundReports: unknown[];
  },
): Promise<void> {
  await db.table('deals').bulkAdd(data.deals);
  await db.table('companies').bulkAdd(data.companies);
  await db.table('events').bulkAdd(data.events);
  await db.table('followUps').bulkAdd(data.followUps);
  await db.table('problems').bulkAdd(data.problems);
  await db.table('fundReports').bulkAdd(data.fundReports);
}
