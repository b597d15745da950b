/**
 * 组团改名 through the settings store, on a real (fake-indexeddb) ledger:
 * the deals and targets take the new name with the old one in their history,
 * and the overview's 目标完成 and the summary report's 目标完成情况 both show
 * one row for the team, with last year's figures in its 同比.
 */
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as XLSX from 'xlsx';
import { repos } from '../../renderer/src/app/services';
import { getSettings, renameTeam, useSettingsStore } from '../../renderer/src/features/settings/store';
import { progressOf } from '../../renderer/src/features/targets/store';
import { ledgerSelectors } from '../../renderer/src/ledger/store';
import { reportProgress } from '../../shared/report/summaryModel';
import { summaryReportBytes } from '../../shared/report/summaryWriter';
import { yearToMonthEnd } from '../../shared/report/period';
import { importEnv } from './importEnv';

const { env, start } = importEnv(new Uint8Array());
const OLD = '第三招商组团';
const NEW = '鞋业招商组团';
const period = yearToMonthEnd('2026-10-15');

beforeAll(async () => {
  vi.useFakeTimers({ now: new Date('2026-10-15T10:00:00+08:00'), toFake: ['Date'] });
  await start();
  const r = repos();
  await r.deals.create({
    name: '女鞋生产基地',
    investor: '成都大东鞋业有限公司',
    team: OLD,
    signedDate: '2025-05-10',
    agreedInvestment: 200_000_000,
  });
  await r.deals.create({
    name: '鞋材配套项目',
    investor: '温州鞋材有限公司',
    team: OLD,
    signedDate: '2026-03-02',
    agreedInvestment: 300_000_000,
  });
  await r.deals.create({
    name: '汽配产业园',
    investor: '成都川汽零部件公司',
    team: '第一招商组团',
    signedDate: '2026-04-01',
    agreedInvestment: 100_000_000,
  });
  await r.targets.setYear(2026, [{ team: OLD, values: { agreed: '6亿', signedCount: 4 } }]);
  await r.targets.setYear(2025, [{ team: OLD, values: { agreed: '5亿' } }]);
});

describe('组团改名', () => {
  it('refuses a name already in the list and changes nothing', async () => {
    const before = { ...env.settings };
    const r = await renameTeam(OLD, '第一招商组团');
    expect(r).toEqual({
      ok: false,
      error: '已有组团「第一招商组团」，不能改成已有的名称。如要合并两个组团，请逐条修改签约项目的组团。',
    });
    expect(env.settings).toEqual(before);
    expect((await repos().deals.list()).filter((d) => d.team === OLD)).toHaveLength(2);
  });

  it('moves deals and targets to the new name, logged with the old one, and saves the list and alias', async () => {
    const r = await renameTeam(OLD, NEW);
    expect(r).toEqual({ ok: true, value: { from: OLD, to: NEW, deals: 2, targets: 2 } });
    expect(getSettings().teams).toContain(NEW);
    expect(getSettings().teams).not.toContain(OLD);
    expect(getSettings().teams.indexOf(NEW)).toBe(2);
    expect(env.settings.teamAliases).toEqual({ [OLD]: NEW });
    const deals = await repos().deals.list();
    expect(deals.filter((d) => d.team === OLD)).toEqual([]);
    const shoe = deals.find((d) => d.name === '女鞋生产基地')!;
    expect(shoe.team).toBe(NEW);
    const log = await repos().changes.forRecord(shoe.id);
    expect(log.find((e) => e.action === 'update')?.changes).toEqual([{ field: 'team', old: OLD, new: NEW }]);
    expect((await repos().targets.forYear(2025)).map((t) => t.team)).toEqual([NEW]);
  });

  it('the overview and the summary report agree: one row for the team, 同比 from last year', async () => {
    const settings = useSettingsStore.getState().settings;
    const overview = await progressOf(period, settings);
    const report = reportProgress(await ledgerSelectors.reportInput(), settings, {
      period,
      today: '2026-10-15',
    });
    expect(report).toEqual(overview);
    const rows = overview.teams.filter((t) => t.team === NEW || t.team === OLD);
    expect(rows.map((t) => t.team)).toEqual([NEW]);
    expect(rows[0]!.figures.agreed).toMatchObject({
      target: 600_000_000,
      done: 300_000_000,
      previous: 200_000_000,
      yoy: 0.5,
    });

    const bytes = await summaryReportBytes(await ledgerSelectors.reportInput(), settings, {
      period,
      today: '2026-10-15',
    });
    const wb = XLSX.read(bytes);
    const cells = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 });
    const teamRows = cells.filter((row) => row.includes(NEW) || row.includes(OLD));
    expect(teamRows.length).toBeGreaterThan(0);
    expect(teamRows.every((row) => !row.includes(OLD))).toBe(true);
  });

  it('a deal imported later under the old name still counts for the renamed team', async () => {
    await repos().deals.create({
      name: '运动鞋智能制造项目',
      investor: '晋江某鞋业公司',
      team: OLD,
      signedDate: '2026-06-01',
      agreedInvestment: 100_000_000,
    });
    const p = await progressOf(period, useSettingsStore.getState().settings);
    expect(p.teams.map((t) => t.team)).not.toContain(OLD);
    expect(p.teams.find((t) => t.team === NEW)!.figures.agreed.done).toBe(400_000_000);
  });
});
