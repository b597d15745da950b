import 'fake-indexeddb/auto';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { createRepositories } from '../../renderer/src/db/repositories';
import { LedgerDb } from '../../renderer/src/db/schema';
import { SearchIndex } from '../../renderer/src/db/searchIndex';
import { syncJournalMiddleware } from '../../renderer/src/db/syncJournal';
import { findMatches, planRows, writeInput } from '../../shared/excel/duplicates';
import { previewSheet } from '../../shared/excel/preview';
import { readWorkbook } from '../../shared/excel/workbook';
import { xlsxBytes } from '../support/excel/build';

let n = 0;

/** A fresh database and repositories acting as 张三 on a fixed clock. */
export function setup(opts: { now?: string; settings?: Partial<Settings>; dbName?: string } = {}) {
  const db = new LedgerDb(opts.dbName ?? `test-${Date.now()}-${n++}`);
  const searchIndex = new SearchIndex();
  db.use(searchIndex.middleware());
  const settings: Settings = { ...DEFAULT_SETTINGS, userName: '张三', ...opts.settings };
  db.use(syncJournalMiddleware(() => !!settings.serverOrigin));
  const clock = { now: new Date(opts.now ?? '2017-10-20T09:00:00+08:00') };
  const repos = createRepositories({
    db,
    actor: () => settings.userName,
    settings: () => settings,
    now: () => clock.now,
  });
  const advance = (ms = 60_000) => {
    clock.now = new Date(clock.now.getTime() + ms);
  };
  return { db, repos, clock, advance, settings, searchIndex };
}

/** A small deal workbook through the wizard's own steps. */
export async function importDeals(
  env: ReturnType<typeof setup>,
  names: string[],
  teams: readonly string[] = ['第一招商组团', '第二招商组团', '鞋业办公室'],
) {
  const header = ['序号', '项目名称', '投资方', '招商组团', '签约日期', '协议投资额（万元）', '项目阶段'];
  const rows = [
    header,
    ...names.map((n, i) => [
      i + 1,
      n,
      `${n}投资有限公司`,
      teams[i % teams.length],
      42990 + i,
      5000 + i * 100,
      '已签约',
    ]),
  ];
  const wb = readWorkbook(xlsxBytes({ 签约项目: { rows } }), '批量.xlsx');
  if (!wb.ok) throw new Error(wb.error);
  const refs = await env.repos.imports.refs();
  const p = previewSheet(wb.value.sheets[0]!.rows, 'deal', { settings: env.settings, ...refs });
  if (!p.ok) throw new Error(p.error);
  const matches = findMatches('deal', p.value.rows, await env.repos.imports.existing('deal'));
  const planned = planRows('deal', p.value.rows, matches, 'create', new Set());
  return env.repos.imports.run({
    kind: 'deal',
    fileName: '批量.xlsx',
    mode: 'create',
    skipped: 0,
    rows: planned.map((pr, i) => ({
      rowNumber: pr.rowNumber,
      action: pr.action as 'create' | 'update',
      targetId: pr.targetId,
      input: writeInput(p.value.rows[i]!, pr),
    })),
  });
}
