/**
 * Benchmark page: runs the app's code paths and the bare stack's on the same
 * data in the same browser, and hands raw timings to tests/bench/run.ts.
 * Served from the app's origin so it fills the app's own database.
 */
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { Dexie } from 'dexie';
import { createBrowserPlatform } from '../../../renderer/src/platform/browser';
import { startServices } from '../../../renderer/src/app/services';
import { useImportStore } from '../../../renderer/src/features/import/store';
import { getSettings, useSettingsStore } from '../../../renderer/src/features/settings/store';
import { summaryReportSheets, type SummaryReportSheets } from '../../../shared/report/summaryModel';
import { summaryReportBytes } from '../../../shared/report/summaryWriter';
import {
  OVERVIEW_SLICE,
  overviewFromFacts,
  overviewFromFactsInSlices,
} from '../../../shared/domain/overview';
import { pauseForPage } from '../../../renderer/src/app/pause';
import { figuresFromSummary } from '../../../shared/domain/summary';
import { unpackFacts } from '../../../shared/domain/derived';
import { generateSample } from '../../../shared/sample/generate';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { normalizeQuery } from '../../../shared/search/pinyin';
import { DB_NAME, DEAL_STORES, LedgerDb } from '../../../renderer/src/db/schema';
import { SearchIndex } from '../../../renderer/src/db/searchIndex';
import { startSearchWorker } from '../../../renderer/src/db/searchWorker';
import type { OverviewTimes } from '../stats';

const now = () => performance.now();

async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = now();
  const value = await fn();
  return { ms: now() - t0, value };
}

export interface FillCounts {
  deals: number;
  contacts: number;
  companies: number;
}

const api = {
  async reset(): Promise<void> {
    await Dexie.delete(DB_NAME);
    await Dexie.delete('bench-bare');
  },

  /** Fills the app's database with the sample generator's records (not a measured figure). */
  async fill(counts: FillCounts, today: string): Promise<{ ms: number; followUps: number }> {
    const t0 = now();
    const data = generateSample({ today, seed: 50_000, ...counts });
    const db = new LedgerDb();
    const tables = [db.events, db.deals, db.contacts, db.companies, db.followUps];
    const more = [db.targets, db.fundReports, db.problems];
    await db.transaction('rw', [...tables, ...more], async () => {
      await db.events.bulkAdd(data.events);
      await db.deals.bulkAdd(data.deals);
      await db.contacts.bulkAdd(data.contacts);
      await db.companies.bulkAdd(data.companies);
      await db.followUps.bulkAdd(data.followUps);
      // The targets, funds and problems the overview's 目标完成 and the report's 目标完成情况 read.
      await db.targets.bulkAdd(data.targets);
      await db.fundReports.bulkAdd(data.fundReports);
      await db.problems.bulkAdd(data.problems);
    });
    db.close();
    return { ms: now() - t0, followUps: data.followUps.length };
  },

  /**
   * Each keystroke of each query against the in-memory index, including the
   * step the list does (keep the matching rows); the baseline is a Dexie
   * filter() scan of the deals for the same text.
   */
  async search(
    queries: string[],
  ): Promise<{ buildMs: number; keystrokes: number[]; scan: number[]; hits: Record<string, number> }> {
    // Built as the app builds it: read in the worker.
    const index = new SearchIndex(startSearchWorker);
    const db = new LedgerDb();
    db.use(index.middleware());
    await db.open();
    const { ms: buildMs } = await time(() => index.build(db));
    const rows = await db.deals.toArray();
    // The list looks its rows up in the index while idle, before anyone types.
    index.prepareRows('deal', rows);
    const keystrokes: number[] = [];
    const hits: Record<string, number> = {};
    for (const query of queries) {
      for (let i = 1; i <= query.length; i++) {
        const prefix = query.slice(0, i);
        const t0 = now();
        // As the deal list does it (RecordList): a flag per row from the index, then keep the flagged rows.
        const flags = index.matchRows('deal', prefix, rows)!;
        const kept = rows.filter((_, k) => flags[k] === 1);
        keystrokes.push(now() - t0);
        hits[prefix] = kept.length;
      }
    }
    const scan: number[] = [];
    for (const query of queries.slice(0, 3)) {
      const q = normalizeQuery(query);
      const { ms } = await time(() =>
        db.deals
          .filter((d) => d.name.toLowerCase().includes(q) || d.investor.toLowerCase().includes(q))
          .toArray(),
      );
      scan.push(ms);
    }
    db.close();
    return { buildMs, keystrokes, scan, hits };
  },

  /**
   * The overview as the app computes it at start, from the derived rows the
   * write path keeps, beside reading every table the rows stand for (deals,
   * companies, events, follow-ups, problems) bare. Computed as the page does
   * (OverviewPage's useOverview): at once up to OVERVIEW_SLICE deals, else in
   * slices with the page's pause between them; `longestSlice` is the longest
   * stretch the main thread was held.
   */
  async overview(runs: number, today: string): Promise<OverviewTimes> {
    const db = new LedgerDb();
    await db.open();
    const compute: number[] = [];
    const longestSlice: number[] = [];
    const withReads: number[] = [];
    const bareReads: number[] = [];
    const summary: number[] = [];
    for (let i = 0; i < runs; i++) {
      // What the first figures cost at start: reading the summary's buckets and adding them up.
      const quick = await time(async () =>
        figuresFromSummary(await db.factSummary.toArray(), {}, today, DEFAULT_SETTINGS.lightThresholds),
      );
      summary.push(quick.ms);
      const bare = await time(() =>
        Promise.all([
          db.deals.toArray(),
          db.companies.toArray(),
          db.events.toArray(),
          db.followUps.toArray(),
          db.problems.toArray(),
        ]),
      );
      bareReads.push(bare.ms);
      const t0 = now();
      const [deals, companies, events] = await Promise.all([
        db.dealFactPacks.toArray().then(unpackFacts),
        db.companyFacts.toArray(),
        db.events.toArray(),
      ]);
      const t1 = now();
      let longest = 0;
      let sliceStart = t1;
      const thresholds = DEFAULT_SETTINGS.lightThresholds;
      if (deals.length <= OVERVIEW_SLICE)
        overviewFromFacts({ deals, companies }, events, {}, today, thresholds);
      else
        await overviewFromFactsInSlices({ deals, companies }, events, {}, today, thresholds, async () => {
          longest = Math.max(longest, now() - sliceStart);
          await pauseForPage();
          sliceStart = now();
        });
      const t2 = now();
      longestSlice.push(Math.max(longest, t2 - sliceStart));
      compute.push(t2 - t1);
      withReads.push(t2 - t0);
    }
    db.close();
    return { compute, longestSlice, withReads, bareReads, summary };
  },
};

/** Every row of every report sheet as the report lays them out, top to bottom. */
function sheetRows(report: SummaryReportSheets): { name: string; rows: unknown[][] }[] {
  const s = report.summary;
  const summary: unknown[][] = [[s.title], [s.period], [s.org, null, null, s.date]];
  for (const section of s.sections) {
    summary.push(
      [section.heading],
      section.columns.map((c) => c.header),
      ...section.rows,
    );
    if (section.totals) summary.push(section.totals);
  }
  summary.push([s.signature]);
  return [
    { name: s.name, rows: summary },
    ...report.lists.map((l) => ({
      name: l.name,
      rows: [
        [l.title],
        [l.subtitle],
        l.columns.map((c) => c.header),
        ...l.rows,
        ...(l.totals ? [l.totals] : []),
      ],
    })),
  ];
}

const DEAL_HEADERS = [
  '项目名称',
  '投资方',
  '投资方来源地',
  '行业',
  '招商组团',
  '签约日期',
  '协议投资额（万元）',
  '包案领导',
];

/** A 50,000-row deal ledger as a county keeps it in Excel, from the sample generator. */
function dealWorkbook(n: number, today: string): { bytes: Uint8Array; rows: unknown[][] } {
  const { deals } = generateSample({ today, seed: 7, deals: n, contacts: 0, companies: 0 });
  // Numbered names: the generator repeats names, and repeats are one project to the import.
  const rows = deals.map((d, i) => [
    `${d.name}${i + 1}`,
    d.investor,
    d.origin ?? '',
    d.industry ?? '',
    d.team ?? '',
    d.signedDate ? new Date(`${d.signedDate}T00:00:00Z`) : '',
    (d.agreedInvestment ?? 0) / 10_000,
    d.leader ?? '',
  ]);
  const ws = XLSX.utils.aoa_to_sheet([DEAL_HEADERS, ...rows], { cellDates: true });
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '签约项目');
  return { bytes: new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer), rows };
}

/** Excel's day (a Date at UTC midnight from SheetJS) as the app stores it: YYYY-MM-DD. */
const dayOf = (v: unknown): string | undefined =>
  v instanceof Date ? v.toISOString().slice(0, 10) : undefined;

/**
 * One timed bare import: SheetJS parse, the rows shaped by `shape`, one Dexie
 * bulkAdd into an empty scratch table declared `stores`.
 */
async function bareImport(
  bytes: Uint8Array,
  stores: string,
  shape: (r: unknown[], at: string) => Record<string, unknown>,
): Promise<number> {
  await Dexie.delete('bench-bare');
  const bare = new Dexie('bench-bare');
  bare.version(1).stores({ deals: stores });
  await bare.open();
  const t0 = now();
  const wb = XLSX.read(bytes, { type: 'array', cellDates: true });
  const aoa = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 });
  const at = new Date().toISOString();
  const objects = aoa.slice(1).map((r) => shape(r, at));
  await bare.transaction('rw', bare.table('deals'), () => bare.table('deals').bulkAdd(objects));
  const ms = now() - t0;
  bare.close();
  await Dexie.delete('bench-bare');
  return ms;
}

const importApi = {
  /**
   * The bare stack, twice, each into an empty scratch database: SheetJS
   * parse plus one Dexie bulkAdd of the same rows. `indexed` writes the
   * rows as deals (the fields the app's deals table indexes, under their
   * names) into a table declared with the app's own deals indexes
   * (DEAL_STORES): the baseline SPEC §9 names. `plain` writes the sheet's
   * rows keyed by header into a table with no index, as earlier runs did.
   */
  async importBare(n: number, today: string): Promise<{ indexed: number; plain: number }> {
    const { bytes } = dealWorkbook(n, today);
    const indexed = await bareImport(bytes, DEAL_STORES, (r, at) => {
      const signedDate = dayOf(r[5]);
      const row: Record<string, unknown> = {
        id: crypto.randomUUID(),
        name: r[0],
        investor: r[1],
        origin: r[2],
        industry: r[3],
        team: r[4],
        agreedInvestment: typeof r[6] === 'number' ? r[6] * 10_000 : undefined,
        leader: r[7],
        stage: signedDate ? 'signed' : 'negotiating',
        contactIds: [],
        createdAt: at,
        updatedAt: at,
      };
      if (signedDate) row.signedDate = signedDate;
      return row;
    });
    const plain = await bareImport(bytes, 'id', (r) =>
      Object.fromEntries(DEAL_HEADERS.map((h, i) => [h, r[i]]).concat([['id', crypto.randomUUID()]])),
    );
    return { indexed, plain };
  },

  /** The app's import path on an empty ledger: worker parse, mapping, preview, one-transaction write. */
  async importApp(
    n: number,
    today: string,
  ): Promise<{ ms: number; created: number; steps: Record<string, number> }> {
    const { bytes } = dealWorkbook(n, today);
    const platform = {
      ...createBrowserPlatform(),
      openFile: async () => ({ ok: true as const, name: '签约项目台账.xlsx', data: bytes }),
    };
    await useSettingsStore.getState().load(platform);
    await startServices(platform, getSettings);
    const store = useImportStore.getState;
    store().reset();
    const steps: Record<string, number> = {};
    const step = async (name: string, fn: () => unknown) => {
      const t = now();
      await fn();
      steps[name] = Math.round(now() - t);
    };
    const t0 = now();
    await step('read', () => store().pickFile());
    await step('mapping', async () => {
      store().toMapping();
      await store().confirmMapping();
    });
    await step('values', async () => {
      if (store().step !== 'values') return;
      for (const u of store().unknown) store().decide(u.field, u.value, { action: 'keep' });
      await store().confirmValues();
    });
    await step('write', () => store().runImport());
    const ms = now() - t0;
    if (store().step !== 'done') throw new Error(`导入未完成：${store().error ?? store().step}`);
    return { ms, created: store().batch?.created ?? 0, steps };
  },

  /**
   * The summary report over every record, beside exceljs writing the same
   * sheets and cell values bare: one addRow per row, no styles, widths or merges.
   * The baseline's rows are computed before its clock starts; the app's
   * figure includes computing them.
   */
  async report(runs: number, today: string): Promise<{ app: number[]; bare: number[]; bytes: number }> {
    const db = new LedgerDb();
    await db.open();
    const [deals, companies, events, followUps, contacts, targets, fundReports] = await Promise.all([
      db.deals.toArray(),
      db.companies.toArray(),
      db.events.toArray(),
      db.followUps.toArray(),
      db.contacts.toArray(),
      db.targets.toArray(),
      db.fundReports.toArray(),
    ]);
    db.close();
    const input = { deals, companies, events, followUps, contacts, targets, fundReports };
    const settings = { ...DEFAULT_SETTINGS, orgName: '乐至县投资促进局' };
    const req = { period: { from: '1900-01-01', to: today }, today };
    const sheets = sheetRows(summaryReportSheets(input, settings, req));
    const app: number[] = [];
    const bare: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = now();
      const out = await summaryReportBytes(input, settings, req);
      app.push(now() - t0);
      bytes = out.byteLength;
      const t1 = now();
      const wb = new ExcelJS.Workbook();
      for (const sheet of sheets) {
        const ws = wb.addWorksheet(sheet.name);
        for (const row of sheet.rows) ws.addRow(row);
      }
      await wb.xlsx.writeBuffer();
      bare.push(now() - t1);
    }
    return { app, bare, bytes };
  },
};

declare global {
  interface Window {
    bench: typeof api & typeof importApi;
  }
}

window.bench = { ...api, ...importApi };
document.title = 'bench-ready';
