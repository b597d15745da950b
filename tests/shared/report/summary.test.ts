import { resolve } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeOverview, type GroupRow } from '../../../shared/domain/overview';
import { toUnit } from '../../../shared/domain/money';
import { SHEET_NAMES, type ReportInput } from '../../../shared/report/summaryModel';
import { summaryReportBytes } from '../../../shared/report/summaryWriter';
import { computeProgress } from '../../../shared/domain/progress';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import {
  dumpXlsx,
  libreOfficeCsv,
  libreOfficeRoundTrip,
  renderFirstPage,
  SheetView,
  writeTemp,
  type DumpedSheet,
} from '../../support/spreadsheet';
import { input, PERIOD, settings, TODAY } from './fixture';

const ARTIFACTS = resolve(import.meta.dirname, '../../.artifacts/report');

async function report(opts: { team?: string; unit?: 'wan' | 'yi' } = {}) {
  const bytes = await summaryReportBytes(
    input(),
    { ...settings, amountUnit: opts.unit ?? settings.amountUnit },
    { period: PERIOD, team: opts.team, today: TODAY },
  );
  const path = writeTemp(bytes, 'report.xlsx');
  const sheets = dumpXlsx(path);
  const view = (name: string) => new SheetView(sheets.find((s) => s.name === name)!);
  return { bytes, path, sheets, view };
}

const overview = (team?: string) =>
  computeOverview(input(), { ...PERIOD, team }, TODAY, settings.lightThresholds);

/** Rows of a 汇总 group table: from under its heading's header row to its 合计 row. */
function groupTable(v: SheetView, heading: string) {
  const start = v.findRow(heading) + 2;
  const end = v.findRow('合计', 1, start);
  const rows: GroupRow[] = [];
  for (let r = start; r < end; r++) {
    rows.push({ key: String(v.value(r, 2)), count: Number(v.value(r, 3)), agreed: Number(v.value(r, 4)) });
  }
  return {
    rows,
    totals: { count: Number(v.value(end, 3)), agreed: Number(v.value(end, 4)) },
    totalsRow: end,
  };
}

function keyFigure(v: SheetView, label: string, col: 3 | 4) {
  return v.value(v.findRow(label, 2), col);
}

describe('summary report, read back with openpyxl', () => {
  let r: Awaited<ReturnType<typeof report>>;
  beforeAll(async () => {
    r = await report();
  });

  it('has the five sheets in order', () => {
    expect(r.sheets.map((s) => s.name)).toEqual([
      SHEET_NAMES.summary,
      SHEET_NAMES.deals,
      SHEET_NAMES.lights,
      SHEET_NAMES.companies,
      SHEET_NAMES.contacts,
    ]);
    expect(Object.values(SHEET_NAMES)).toEqual([
      '汇总',
      '签约项目明细',
      '亮灯项目',
      '企业注册进度',
      '客商名录',
    ]);
  });

  it('汇总 opens with a merged bold title and the period and unit line', () => {
    const v = r.view('汇总');
    expect(v.cell(1, 1)?.[3]).toBe('乐至县招商引资工作汇总表');
    expect(v.cell(1, 1)?.[4]).toBe(true);
    expect(v.sheet.merged).toContain('A1:E1');
    expect(v.value(2, 1)).toBe('统计期间：2017年1月1日—2017年10月31日\u3000单位：万元');
    expect(v.value(3, 1)).toBe('填报单位：乐至县投资促进局');
  });

  it('汇总 key figures equal computeOverview for the same period', () => {
    const v = r.view('汇总');
    const o = overview();
    expect(keyFigure(v, '签约项目（个）', 3)).toBe(o.signed.count);
    expect(keyFigure(v, '签约项目（个）', 4)).toBeCloseTo(toUnit(o.signed.agreed, 'wan'), 6);
    expect(keyFigure(v, '其中：一期投资', 4)).toBeCloseTo(toUnit(o.signed.firstPhase, 'wan'), 6);
    expect(keyFigure(v, '申报入库项目（个）', 3)).toBe(o.statsEntry.count);
    expect(keyFigure(v, '申报入库项目（个）', 4)).toBeCloseTo(toUnit(o.statsEntry.amount, 'wan'), 6);
    expect(keyFigure(v, '签约企业（家）', 3)).toBe(o.companies.signed);
    expect(keyFigure(v, '完成工商注册（家）', 3)).toBe(o.companies.registered);
    expect(v.value(v.findRow('完成工商注册（家）', 2), 5)).toContain(o.companies.registrationRateText);
    expect(keyFigure(v, '已入驻园区（家）', 3)).toBe(o.companies.movedIn);
    expect(keyFigure(v, '已投产（家）', 3)).toBe(o.companies.producing);
    expect(keyFigure(v, '逾期未注册（家）', 3)).toBe(o.companies.overdueRegistrations.length);
    expect(keyFigure(v, '红灯项目（个）', 3)).toBe(o.lights.red);
    expect(keyFigure(v, '黄灯项目（个）', 3)).toBe(o.lights.yellow);
    // The fixture's known answer, so a bug shared by both sides still shows.
    expect(o.signed.count).toBe(6);
    expect(toUnit(o.signed.agreed, 'wan')).toBe(809000);
  });

  it('汇总 tables by team, industry and event equal the overview and their totals rows add up', () => {
    const v = r.view('汇总');
    const o = overview();
    const tables = [
      ['二、分组团签约情况', o.byTeam],
      ['三、分行业签约情况', o.byIndustry],
      ['四、分活动签约情况', o.byEvent],
    ] as const;
    for (const [heading, groups] of tables) {
      const t = groupTable(v, heading);
      expect(t.rows.map((g) => g.key)).toEqual(groups.map((g) => g.key));
      expect(t.rows.map((g) => g.count)).toEqual(groups.map((g) => g.count));
      t.rows.forEach((g, i) => expect(g.agreed).toBeCloseTo(toUnit(groups[i]!.agreed, 'wan'), 6));
      expect(t.totals.count).toBe(t.rows.reduce((s, g) => s + g.count, 0));
      expect(t.totals.agreed).toBeCloseTo(
        t.rows.reduce((s, g) => s + g.agreed, 0),
        6,
      );
      expect(t.totals.count).toBe(o.signed.count);
      expect(v.cell(t.totalsRow, 3)?.[4]).toBe(true);
      expect(v.cell(t.totalsRow, 4)?.[2]).toBe('n');
      expect(v.cell(t.totalsRow, 4)?.[5]).toBe('#,##0.00');
    }
    const lights = v.findRow('五、项目亮灯情况');
    expect(v.row(lights + 2, 3)).toEqual([1, '红灯', o.lights.red]);
    expect(v.row(lights + 3, 3)).toEqual([2, '黄灯', o.lights.yellow]);
    expect(v.row(lights + 4, 3)).toEqual([3, '绿灯', o.lights.green]);
    expect(v.value(lights + 5, 3)).toBe(o.lights.red + o.lights.yellow + o.lights.green);
  });

  it('签约项目明细 lists every signed deal with typed cells, light, reason and a totals row', () => {
    const v = r.view('签约项目明细');
    const o = overview();
    expect(v.sheet.freeze).toBe('A4');
    const header = v.row(3, 22);
    expect(header.slice(0, 3)).toEqual(['序号', '项目名称', '投资方']);
    expect(header).toContain('协议投资额（万元）');
    expect(header).toContain('亮灯');
    expect(header).toContain('亮灯原因');
    // Columns no deal has a value in are left out (备注 here).
    expect(header).not.toContain('备注');
    const cols = header.filter((h) => h !== undefined).length;
    for (let c = 1; c <= cols; c++) expect(v.cell(3, c)?.[4], `header ${c} bold`).toBe(true);
    const col = (label: string) => header.indexOf(label) + 1;
    const totalsRow = v.findRow('合计', 1, 4);
    expect(totalsRow - 4).toBe(o.signed.count);
    const names = Array.from({ length: o.signed.count }, (_, i) => v.value(4 + i, 2));
    expect(new Set(names)).toEqual(new Set(o.signedDeals.map((d) => d.name)));

    const amount = col('协议投资额（万元）');
    let sum = 0;
    for (let row = 4; row < totalsRow; row++) {
      const cell = v.cell(row, amount)!;
      expect(cell[2]).toBe('n');
      expect(cell[5]).toBe('#,##0.00');
      sum += Number(cell[3]);
      const date = v.cell(row, col('签约日期'))!;
      expect(date[2]).toBe('d');
      expect(date[5]).toBe('yyyy-mm-dd');
    }
    expect(v.value(totalsRow, amount)).toBeCloseTo(sum, 6);
    expect(sum).toBeCloseTo(toUnit(o.signed.agreed, 'wan'), 6);

    const dadong = v.findRow('大东鞋业女鞋生产基地', 2);
    expect(v.value(dadong, col('签约日期'))).toBe('2017-10-12');
    expect(v.value(dadong, col('协议投资额（万元）'))).toBe(350000);
    expect(v.value(dadong, col('亮灯'))).toBe('黄灯');
    expect(v.value(dadong, col('亮灯原因'))).toBe('注册逾期11天');
    const med = v.findRow('医疗器械产业化项目', 2);
    expect(v.value(med, col('亮灯原因'))).toBe('人工调整为黄灯：环评批复延后，已协调');
  });

  it('签约项目明细 keeps its look: filled header, wrapped text, formats under empty cells, bold totals', () => {
    const v = new SheetView(dumpXlsx(r.path, { styles: true }).find((s) => s.name === '签约项目明细')!);
    const header = v.row(3, 22);
    const col = (label: string) => header.indexOf(label) + 1;
    const totalsRow = v.findRow('合计', 1, 4);
    expect(v.style(3, col('投资方'))).toMatchObject({
      bold: true,
      fill: 'FFEFEFEF',
      wrap: true,
      border: 'thin',
    });
    expect(v.style(4, col('投资方'))).toMatchObject({
      font: '宋体',
      bold: false,
      fill: null,
      wrap: true,
      horizontal: 'left',
    });
    // 计划开工日期 is empty in the first rows and filled further down.
    const start = col('计划开工日期');
    const rows = Array.from({ length: totalsRow - 4 }, (_, i) => 4 + i);
    const empty = rows.filter((row) => v.value(row, start) === undefined);
    const filled = rows.filter((row) => v.value(row, start) !== undefined);
    expect(empty[0]).toBe(4);
    expect(filled.length).toBeGreaterThan(0);
    for (const row of empty)
      expect(v.style(row, start)).toMatchObject({ border: 'thin', horizontal: 'center', bold: false });
    for (const row of filled)
      expect(v.style(row, start)).toMatchObject({ numFmt: 'yyyy-mm-dd', isDate: true });
    const amount = col('协议投资额（万元）');
    expect(v.style(totalsRow, amount)).toMatchObject({
      bold: true,
      numFmt: '#,##0.00',
      horizontal: 'right',
      border: 'thin',
    });
    expect(v.style(totalsRow, 2)).toMatchObject({ bold: true, horizontal: 'center' });
    expect(v.style(totalsRow, start)).toMatchObject({ bold: true, border: 'thin' });
  });

  it('亮灯项目 lists the red and yellow deals with reasons, 包案领导 and 责任单位', () => {
    const v = r.view('亮灯项目');
    const o = overview();
    expect(v.sheet.freeze).toBe('A4');
    const header = v.row(3, 14);
    expect(header).toEqual(expect.arrayContaining(['灯色', '项目名称', '亮灯原因', '包案领导', '责任单位']));
    const lit = [...o.lights.redList, ...o.lights.yellowList];
    lit.forEach((l, i) => {
      const row = 4 + i;
      expect(v.value(row, header.indexOf('项目名称') + 1)).toBe(l.deal.name);
      expect(v.value(row, header.indexOf('灯色') + 1)).toBe(l.light.light === 'red' ? '红灯' : '黄灯');
      expect(v.value(row, header.indexOf('亮灯原因') + 1)).toBe(l.light.reason);
      expect(v.value(row, header.indexOf('包案领导') + 1)).toBe(l.deal.leader);
      if (l.deal.unit) expect(v.value(row, header.indexOf('责任单位') + 1)).toBe(l.deal.unit);
    });
    expect(v.value(4 + lit.length, 2)).toBeUndefined();
  });

  it('企业注册进度 keeps the USCC as text and dates as dates', () => {
    const v = r.view('企业注册进度');
    expect(v.sheet.freeze).toBe('A4');
    const header = v.row(3, 18);
    const row = v.findRow('乐至大东鞋业有限公司', 2);
    const uscc = v.cell(row, header.indexOf('统一社会信用代码') + 1)!;
    expect(uscc[2]).toBe('s');
    expect(uscc[3]).toBe('91310110666007217T');
    const reg = v.cell(row, header.indexOf('注册日期') + 1)!;
    expect([reg[2], reg[3]]).toEqual(['d', '2017-10-25']);
    expect(v.value(row, header.indexOf('状态') + 1)).toBe('已注册');
    expect(v.value(row, header.indexOf('关联项目') + 1)).toBe('大东鞋业女鞋生产基地');
  });

  it('客商名录 lists the contacts, mobiles as text', () => {
    const v = r.view('客商名录');
    expect(v.sheet.freeze).toBe('A4');
    const header = v.row(3, 13);
    expect(header.slice(0, 4)).toEqual(['序号', '姓名', '单位', '职务']);
    const row = v.findRow('陈大东', 2);
    const mobile = v.cell(row, header.indexOf('手机') + 1)!;
    expect([mobile[2], mobile[3]]).toEqual(['s', '13800138000']);
    expect(v.value(row, header.indexOf('标签') + 1)).toBe('鞋业、重点');
  });

  it('column widths fit Chinese text', () => {
    const v = r.view('签约项目明细');
    const header = v.row(3, 22);
    const investor = header.indexOf('投资方') + 1;
    // 成都小金鹿童鞋有限公司: 11 CJK characters = 22 cells. The sheet is narrowed
    // to print one A4 page wide, so the name wraps onto lines of at least five characters.
    expect(v.sheet.widths[String(investor)]).toBeGreaterThanOrEqual(10);
    expect(v.sheet.widths[String(investor)]).toBeLessThanOrEqual(22);
  });

  it('no cell is a formula and no cell is a hyperlink', () => {
    for (const s of r.sheets as DumpedSheet[]) {
      expect(s.cells.filter((c) => c[2] === 'f')).toEqual([]);
      expect(s.hyperlinks).toBe(0);
    }
  });
});

describe('summary report for one team, in 亿元', () => {
  it('equals the overview of that team', async () => {
    const team = '纺织鞋业办公室';
    const { view } = await report({ team, unit: 'yi' });
    const v = view('汇总');
    const o = overview(team);
    expect(v.value(1, 1)).toBe('乐至县招商引资工作汇总表（纺织鞋业办公室）');
    expect(v.value(2, 1)).toBe('统计期间：2017年1月1日—2017年10月31日\u3000单位：亿元');
    expect(keyFigure(v, '签约项目（个）', 3)).toBe(o.signed.count);
    expect(keyFigure(v, '签约项目（个）', 4)).toBeCloseTo(toUnit(o.signed.agreed, 'yi'), 9);
    expect(keyFigure(v, '红灯项目（个）', 3)).toBe(o.lights.red);
    expect(o.signed.count).toBe(2);
    expect(toUnit(o.signed.agreed, 'yi')).toBeCloseTo(35.3, 9);
    const t = groupTable(v, '二、分组团签约情况');
    expect(t.rows.map((g) => g.key)).toEqual([team]);
    const d = view('签约项目明细');
    expect(d.row(3, 22)).toContain('协议投资额（亿元）');
    expect(d.findRow('合计', 1, 4)).toBe(4 + 2);
  });
});

describe('summary report, read by LibreOffice', () => {
  let r: Awaited<ReturnType<typeof report>>;
  beforeAll(async () => {
    r = await report();
  });

  it('shows the figures as formatted numbers in every sheet', () => {
    const csv = libreOfficeCsv(r.path);
    expect([...csv.keys()].sort()).toEqual([...Object.values(SHEET_NAMES)].sort());
    const summary = csv.get('汇总')!;
    expect(summary[0]![0]).toBe('乐至县招商引资工作汇总表');
    const signed = summary.find((row) => row[1] === '签约项目（个）')!;
    expect(signed.slice(2, 4)).toEqual(['6', '809,000.00']);
    const deals = csv.get('签约项目明细')!;
    const dadong = deals.find((row) => row[1] === '大东鞋业女鞋生产基地')!;
    expect(dadong).toContain('2017-10-12');
    expect(dadong).toContain('350,000.00');
  }, 120_000);

  // Headless LibreOffice has no view, so it drops frozen panes when it saves;
  // the frozen header is checked on our own file with openpyxl above.
  it('reads amounts as numbers and dates as dates, and keeps the bold header and merges', () => {
    const sheets = dumpXlsx(libreOfficeRoundTrip(r.path));
    const deals = new SheetView(sheets.find((s) => s.name === '签约项目明细')!);
    const header = deals.row(3, 22);
    const row = deals.findRow('大东鞋业女鞋生产基地', 2);
    expect(deals.cell(row, header.indexOf('协议投资额（万元）') + 1)?.[2]).toBe('n');
    expect(deals.cell(row, header.indexOf('签约日期') + 1)?.[2]).toBe('d');
    expect(deals.cell(3, 2)?.[4]).toBe(true);
    const summary = sheets.find((s) => s.name === '汇总')!;
    expect(summary.merged).toContain('A1:E1');
    for (const s of sheets) expect(s.cells.filter((c) => c[2] === 'f')).toEqual([]);
  }, 120_000);

  it('renders the 汇总 sheet to a picture (tests/.artifacts/report/summary.png)', () => {
    const png = renderFirstPage(r.path, resolve(ARTIFACTS, 'summary.png'));
    expect(existsSync(png)).toBe(true);
    expect(statSync(png).size).toBeGreaterThan(10_000);
  }, 120_000);
});

describe('summary report of an empty ledger', () => {
  it('still reads as a report: zero totals and a note instead of empty tables', async () => {
    const bytes = await summaryReportBytes(
      { deals: [], companies: [], events: [], followUps: [], contacts: [] },
      settings,
      { period: PERIOD, today: TODAY },
    );
    const sheets = dumpXlsx(writeTemp(bytes, 'empty.xlsx'));
    expect(sheets).toHaveLength(5);
    const v = new SheetView(sheets[0]!);
    expect(keyFigure(v, '签约项目（个）', 3)).toBe(0);
    expect(v.value(v.findRow('二、分组团签约情况') + 2, 2)).toBe('（本期无签约项目）');
    const totals = v.findRow('合计', 1, v.findRow('二、分组团签约情况'));
    expect([v.value(totals, 3), v.value(totals, 4)]).toEqual([0, 0]);
    const deals = new SheetView(sheets[1]!);
    expect(deals.value(4, 1)).toBe('合计');
    expect(deals.value(4, 2)).toBe('0个项目');
  });
});

describe('目标完成情况 and 到位资金 in 汇总', () => {
  const stamp = {
    createdAt: '2017-01-01T00:00:00Z',
    updatedAt: '2017-01-01T00:00:00Z',
    createdBy: '张三',
    updatedBy: '张三',
  };
  const withTargets = (): ReportInput => {
    const data = input();
    const first = data.deals.find(
      (d) => d.team === '第一招商组团' && d.signedDate && d.signedDate >= PERIOD.from,
    )!;
    return {
      ...data,
      targets: [
        {
          ...stamp,
          id: 't1',
          year: 2017,
          team: '',
          signedCount: 20,
          agreed: 50 * 100_000_000,
          funds: 10 * 100_000_000,
        },
        { ...stamp, id: 't2', year: 2017, team: '第一招商组团', signedCount: 4, funds: 100_000_000 },
      ],
      fundReports: [
        { ...stamp, id: 'f1', dealId: first.id, kind: 'funds', month: '2017-06', amount: 30_000_000 },
        { ...stamp, id: 'f2', dealId: first.id, kind: 'funds', month: '2016-06', amount: 20_000_000 },
        { ...stamp, id: 'f3', dealId: first.id, kind: 'invested', month: '2017-07', amount: 9_000_000 },
      ],
    };
  };

  it('reads back the same 完成率, 同比 and 到位资金 as computeProgress gives the overview', async () => {
    const data = withTargets();
    const s = { ...settings, teams: DEFAULT_SETTINGS.teams };
    const bytes = await summaryReportBytes(data, s, { period: PERIOD, today: TODAY });
    const v = new SheetView(
      dumpXlsx(writeTemp(bytes, 'targets.xlsx')).find((x) => x.name === SHEET_NAMES.summary)!,
    );
    const p = computeProgress(data as Required<ReportInput>, PERIOD, { teams: s.teams });

    expect(keyFigure(v, '到位资金', 4)).toBeCloseTo(toUnit(p.county.figures.funds.done, 'wan'));
    expect(p.county.figures.funds.done).toBe(30_000_000);

    const heading = v.findRow('六、目标完成情况（全县，2017年目标；同比为上年同期）');
    const funds = v.findRow('到位资金（万元）', 3, heading);
    expect(v.row(funds, 9)).toEqual([3, '全县', '到位资金（万元）', 100_000, 3000, 0.03, 2000, 1000, 0.5]);
    const signed = v.findRow('签约项目（个）', 3, heading);
    expect(v.value(signed, 4)).toBe(20);
    expect(v.value(signed, 5)).toBe(p.county.figures.signedCount.done);
    expect(v.value(signed, 6)).toBeCloseTo(p.county.figures.signedCount.rate!);

    const teams = v.findRow('七、分组团目标完成情况');
    const firstTeam = v.findRow('第一招商组团', 2, teams);
    const teamFunds = v.findRow('到位资金（万元）', 3, firstTeam);
    const t1 = p.teams.find((t) => t.team === '第一招商组团')!;
    expect(v.value(teamFunds, 6)).toBeCloseTo(t1.figures.funds.rate!);
    expect(v.value(teamFunds, 9)).toBeCloseTo(t1.figures.funds.yoy!);
    // No target for 协议引资 of the team: the rate is left empty rather than 0.
    const teamAgreed = v.findRow('协议引资（万元）', 3, firstTeam);
    expect(v.value(teamAgreed, 4) ?? null).toBeNull();
    expect(v.value(teamAgreed, 6) ?? null).toBeNull();

    const rank = v.findRow('八、组团排名（按各项完成率的平均值）');
    expect(v.row(rank + 2, 2)).toEqual([1, p.teams[0]!.team]);
  });
});
