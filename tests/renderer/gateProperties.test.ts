/**
 * Properties of the gate over generated hostile files (issue 13): exchange
 * files and backups with wrong types, missing tables, hostile keys, any
 * timestamps and duplicate ids. A refused file leaves the database exactly
 * as it was; whatever is accepted passes the same schema as a form save, and
 * the overview, the lights and every list still compute afterwards.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRestorable, encodeSnapshot, type Snapshot } from '../../shared/backup/snapshot';
import { computeLight } from '../../shared/domain/lights';
import { computeOverview } from '../../shared/domain/overview';
import type { RecordKind } from '../../shared/domain/records';
import { decodeExchangeFile, type ExchangeFile } from '../../shared/exchange/format';
import { MERGE_KINDS } from '../../shared/exchange/merge';
import { checkRecord } from '../../shared/gate/gate';
import { generateSample } from '../../shared/sample/generate';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { setup } from './helpers';

type Copy = ReturnType<typeof setup>;
type Json = Record<string, unknown>;

const TODAY = '2017-10-20';
const sample = generateSample({ today: '2017-10-19', deals: 5, contacts: 5, companies: 3 });

const TABLE_OF: Record<RecordKind, string> = {
  deal: 'deals',
  contact: 'contacts',
  company: 'companies',
  event: 'events',
  followUp: 'followUps',
};

async function dump(s: Copy) {
  const out: Record<string, unknown[]> = {};
  for (const t of s.db.tables) out[t.name] = await t.toArray();
  return out;
}

/** What a user relies on after any accepted write: every record valid, every screen computes. */
async function stillComputes(s: Copy) {
  const [deals, contacts, companies, events, followUps] = await Promise.all([
    s.repos.deals.list({ includeDeleted: true }),
    s.repos.contacts.list({ includeDeleted: true }),
    s.repos.companies.list({ includeDeleted: true }),
    s.repos.events.list({ includeDeleted: true }),
    s.repos.followUps.list({ includeDeleted: true }),
  ]);
  const all = { deal: deals, contact: contacts, company: companies, event: events, followUp: followUps };
  for (const kind of MERGE_KINDS) {
    for (const r of all[kind]) {
      const c = checkRecord(kind, r);
      expect(c.ok ? 'ok' : JSON.stringify(c.problems[0])).toBe('ok');
    }
  }
  const live = <T extends { deletedAt?: string }>(rows: T[]) => rows.filter((r) => !r.deletedAt);
  const input = {
    deals: live(deals),
    companies: live(companies),
    events: live(events),
    followUps: live(followUps),
  };
  computeOverview(input, {}, TODAY, DEFAULT_SETTINGS.lightThresholds);
  for (const d of input.deals) computeLight(d, input.followUps, TODAY, DEFAULT_SETTINGS.lightThresholds);
}

const hostileKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
);
const anyValue = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.string({ maxLength: 20 }),
  fc.constant([]),
  fc.constant({}),
  fc.constantFrom('zzzzzzzzzz', '9999-12-31T23:59:59.999Z', '2017-02-30', '2017-10-20T08:00:00Z', 'hacked'),
);
const anyTime = fc.oneof(
  fc
    .date({ min: new Date('1800-01-01'), max: new Date('9999-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.string({ minLength: 10, maxLength: 40 }),
  fc.constantFrom('2017-10-20T01:00:00.000Z', '2017-10-20T05:00:00.000Z', '2018-10-20T01:00:00.000Z'),
);

/** One hostile change to a list of records of some kind. */
const recordOp = fc.oneof(
  fc.record({
    op: fc.constant('field' as const),
    i: fc.nat(),
    field: fc.constantFrom(
      'name',
      'stage',
      'status',
      'stageHistory',
      'milestones',
      'contactIds',
      'mobile',
      'uscc',
      'tags',
      'targetId',
      'eventId',
      'dealId',
      'agreedInvestment',
      'signedDate',
      'id',
    ),
    value: anyValue,
  }),
  fc.record({
    op: fc.constant('time' as const),
    i: fc.nat(),
    field: fc.constantFrom('updatedAt', 'createdAt', 'deletedAt'),
    value: anyTime,
  }),
  fc.record({ op: fc.constant('key' as const), i: fc.nat(), key: hostileKey }),
  fc.record({ op: fc.constant('id' as const), i: fc.nat(), key: hostileKey }),
  fc.record({ op: fc.constant('duplicate' as const), i: fc.nat() }),
  fc.record({ op: fc.constant('drop' as const), i: fc.nat() }),
);
type RecordOp = typeof recordOp extends fc.Arbitrary<infer T> ? T : never;

function applyOp(rows: Json[], m: RecordOp): void {
  if (!rows.length) return;
  const i = m.i % rows.length;
  const r = rows[i]!;
  switch (m.op) {
    case 'field':
    case 'time':
      r[m.field] = m.value;
      break;
    case 'key':
      Object.defineProperty(r, m.key, { value: 'x', enumerable: true, configurable: true, writable: true });
      break;
    case 'id':
      r.id = m.key;
      break;
    case 'duplicate':
      rows.push({ ...r });
      break;
    case 'drop':
      rows.splice(i, 1);
      break;
  }
}

const kindOp = fc.record({ kind: fc.constantFrom(...MERGE_KINDS), op: recordOp });
const fileOps = fc.array(kindOp, { minLength: 0, maxLength: 4 });

function baseFile(): ExchangeFile {
  return {
    format: 'zhaoshang-ledger-exchange',
    version: 1,
    source: { id: 'laptop-2', name: '李四' },
    exportedAt: '2017-10-20T00:30:00.000Z',
    records: {
      event: sample.events,
      deal: sample.deals,
      contact: sample.contacts,
      company: sample.companies,
      followUp: sample.followUps,
    },
    changes: [],
  };
}

async function localCopy() {
  const s = setup();
  await s.repos.exchange.identity();
  await s.repos.contacts.create({ name: '本机客商', mobile: '13700137000' });
  await s.repos.deals.create({ name: '本机项目', investor: '本机投资方' });
  return s;
}

describe('gate properties', () => {
  it('an exchange file is merged whole or not at all, and what is merged passes the form schema', async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fileOps, fc.boolean(), async (ops, dropTable) => {
        const s = await localCopy();
        const json = JSON.parse(JSON.stringify(baseFile())) as { records: Record<string, Json[]> };
        for (const { kind, op } of ops) applyOp(json.records[kind]!, op);
        if (dropTable) delete json.records.company;
        const before = await dump(s);
        const decoded = decodeExchangeFile(new TextEncoder().encode(JSON.stringify(json)));
        let ok = decoded.ok;
        let message = decoded.ok ? '' : decoded.error;
        if (decoded.ok) {
          try {
            await s.repos.exchange.apply(await s.repos.exchange.preview(decoded.value, 'x.zsjh'));
          } catch (e) {
            ok = false;
            message = e instanceof Error ? e.message : String(e);
            expect((e as Error).name).toBe('ValidationError');
          }
        }
        if (!ok) {
          refused++;
          expect(message).toMatch(/[\u4e00-\u9fff]/);
          expect(await dump(s)).toEqual(before);
        } else {
          accepted++;
          await stillComputes(s);
        }
        s.db.close();
      }),
      { numRuns: 60, seed: 1013 },
    );
    console.log(`exchange files: ${accepted} merged, ${refused} refused`);
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  }, 120_000);

  it('a backup is restored whole or not at all, and what is restored passes the form schema', async () => {
    const a = await localCopy();
    for (const k of MERGE_KINDS) {
      const rows = baseFile().records[k];
      if (rows.length) await a.db.table(TABLE_OF[k]).bulkAdd(rows.filter((r) => r.id));
    }
    const snap: Snapshot = await a.repos.snapshots.export('manual');
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(kindOp, { maxLength: 2 }),
        fc.option(fc.constantFrom('deals', 'contacts', 'changes', 'meta', 'importBatches'), {
          nil: undefined,
        }),
        fc.boolean(),
        async (ops, missing, keepHeader) => {
          const s = await localCopy();
          const copy = JSON.parse(JSON.stringify(snap)) as Snapshot;
          for (const { kind, op } of ops) applyOp(copy.tables[TABLE_OF[kind]] as Json[], op);
          if (missing) {
            delete copy.tables[missing];
            if (!keepHeader) delete copy.header.counts[missing];
          }
          // The header agrees with the body unless the table was dropped behind its back.
          for (const [name, rows] of Object.entries(copy.tables)) copy.header.counts[name] = rows.length;
          const before = await dump(s);
          const decoded = decodeRestorable(encodeSnapshot(copy));
          let ok = decoded.ok;
          let message = decoded.ok ? '' : decoded.error;
          if (decoded.ok) {
            try {
              await s.repos.snapshots.restore(decoded.value);
            } catch (e) {
              ok = false;
              message = e instanceof Error ? e.message : String(e);
              expect((e as Error).name).toBe('ValidationError');
            }
          }
          if (!ok) {
            refused++;
            expect(message).toMatch(/[\u4e00-\u9fff]/);
            expect(await dump(s)).toEqual(before);
          } else {
            accepted++;
            await stillComputes(s);
          }
          s.db.close();
        },
      ),
      { numRuns: 60, seed: 1014 },
    );
    console.log(`backups: ${accepted} restored, ${refused} refused`);
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  }, 120_000);
});
