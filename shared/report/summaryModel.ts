/**
 * The summary report's model (汇总报表, SPEC §5): what the sheets 汇总,
 * 签约项目明细, 亮灯项目, 企业注册进度 and 客商名录 hold, as plain values with
 * no styling. Every figure of 汇总 comes from computeOverview, so the report
 * and the overview screen cannot disagree for the same period and team. Pure:
 * summaryWriter.ts turns it into a workbook.
 */
import { COMPANY_FIELDS, CONTACT_FIELDS, DEAL_FIELDS, type FieldSpec } from '../domain/fields';
import { computeLightSince, latestFollowUpDates, LIGHT_LABELS } from '../domain/lights';
import { toUnit, UNIT_LABELS } from '../domain/money';
import {
  computeOverview,
  REGISTRATION_OVERDUE_DAYS,
  type GroupRow,
  type Overview,
  type OverviewInput,
} from '../domain/overview';
import { computeProgress, type Progress } from '../domain/progress';
import { fieldValue, type Contact, type Deal, type FundReport, type Target } from '../domain/records';
import { progressTables } from './progressTables';
import type { AmountUnit, LightThresholds } from '../settings';
import { dayText, periodText, reportTitle, type Period } from './period';
import { isoToCellDate, type CellValue, type ListSheet, type SheetColumn } from './sheet';
import { fieldCell, fieldColumn, type ValueContext } from './values';
import { compareZh } from '../domain/text';

export const SHEET_NAMES = {
  summary: '汇总',
  deals: '签约项目明细',
  lights: '亮灯项目',
  companies: '企业注册进度',
  contacts: '客商名录',
} as const;

export interface ReportInput extends OverviewInput {
  contacts: readonly Contact[];
  /** For 目标完成情况 and 到位资金; absent counts as none. */
  targets?: readonly Target[];
  fundReports?: readonly FundReport[];
}

export interface ReportSettings {
  orgName: string;
  amountUnit: AmountUnit;
  lightThresholds: LightThresholds;
  /** Shown as 制表人 under the summary. */
  userName?: string;
  /** The teams listed in 目标完成情况 even without figures, and former names → current. */
  teams?: readonly string[];
  teamAliases?: Readonly<Record<string, string>>;
}

export interface ReportRequest {
  period: Period;
  team?: string;
  /** The day the report is made: lights are as of this day. */
  today: string;
}

const live = <T extends { deletedAt?: string }>(rows: readonly T[]) => rows.filter((r) => !r.deletedAt);

function byKey(fields: readonly FieldSpec[]): Map<string, FieldSpec> {
  return new Map(fields.map((f) => [f.key, f]));
}
const DEAL = byKey(DEAL_FIELDS);
const COMPANY = byKey(COMPANY_FIELDS);

function pick(map: Map<string, FieldSpec>, keys: readonly string[]): FieldSpec[] {
  return keys.map((k) => {
    const spec = map.get(k);
    if (!spec) throw new Error(`unknown field ${k}`);
    return spec;
  });
}

const INDEX: SheetColumn = { header: '序号', kind: 'index', minWidth: 4 };
/** Ideographic space, the gap Chinese forms put between items on one line. */
const GAP = '\u3000';

/**
 * Signing day, then name. ISO days order as plain strings; localeCompare
 * gave the same order at the cost of a collator call per comparison.
 */
function bySignedDateThenName(a: { signedDate?: string; name: string }, b: typeof a): number {
  const x = a.signedDate ?? '';
  const y = b.signedDate ?? '';
  return x < y ? -1 : x > y ? 1 : compareZh(a.name, b.name);
}

function share(part: number, whole: number): number | null {
  return whole ? part / whole : null;
}

/** One numbered section of 汇总: its heading and a table; a totals row merges 序号 with the next column. */
export interface SummarySection {
  heading: string;
  columns: readonly SheetColumn[];
  rows: readonly CellValue[][];
  totals?: CellValue[];
}

/** What the 汇总 sheet holds, in order from the top. */
export interface SummarySheet {
  name: string;
  title: string;
  /** Period and unit, centred under the title. */
  period: string;
  /** 填报单位, left. */
  org: string;
  /** 填报日期, right. */
  date: string;
  sections: SummarySection[];
  /** 制表人, 审核人, 负责人. */
  signature: string;
}

/** Everything the report workbook holds, before any styling. */
export interface SummaryReportSheets {
  properties: { creator: string; title: string; created: Date };
  summary: SummarySheet;
  /** 签约项目明细, 亮灯项目, 企业注册进度, 客商名录. */
  lists: ListSheet[];
}

/** One 汇总 section by group: a table by key with a totals row. */
function groupSection(
  heading: string,
  keyHeader: string,
  groups: readonly GroupRow[],
  overview: Overview,
  unit: AmountUnit,
): SummarySection {
  const columns: SheetColumn[] = [
    INDEX,
    { header: keyHeader, kind: 'text' },
    { header: '签约项目（个）', kind: 'int' },
    { header: `协议投资额（${UNIT_LABELS[unit]}）`, kind: 'amount' },
    { header: '占投资额比重', kind: 'percent' },
  ];
  const rows: CellValue[][] = groups.map((g, i) => [
    i + 1,
    g.key,
    g.count,
    toUnit(g.agreed, unit),
    share(g.agreed, overview.signed.agreed),
  ]);
  const totals: CellValue[] = [
    '合计',
    null,
    overview.signed.count,
    toUnit(overview.signed.agreed, unit),
    overview.signed.agreed ? 1 : null,
  ];
  return { heading, columns, rows: rows.length ? rows : [[null, '（本期无签约项目）']], totals };
}

function summarySheet(o: Overview, p: Progress, settings: ReportSettings, req: ReportRequest): SummarySheet {
  const unit = settings.amountUnit;
  const unitLabel = UNIT_LABELS[unit];
  const t = settings.lightThresholds;
  const keyColumns: SheetColumn[] = [
    INDEX,
    { header: '指标', kind: 'text' },
    { header: '数量', kind: 'int' },
    { header: `金额（${unitLabel}）`, kind: 'amount' },
    { header: '说明', kind: 'text' },
  ];
  const c = o.companies;
  const keyRows: CellValue[][] = [
    [
      '签约项目（个）',
      o.signed.count,
      toUnit(o.signed.agreed, unit),
      '协议投资额；同一项目只在首次签约时计一次',
    ],
    ['其中：一期投资', null, toUnit(o.signed.firstPhase, unit), '签约项目的一期投资额'],
    ['到位资金', null, toUnit(p.county.figures.funds.done, unit), '本期各项目填报的到位资金'],
    [
      '申报入库项目（个）',
      o.statsEntry.count,
      toUnit(o.statsEntry.amount, unit),
      '本期申报入库的项目及入库金额',
    ],
    ['签约企业（家）', c.signed, null, '本期签约的迁建企业'],
    [
      '完成工商注册（家）',
      c.registered,
      null,
      `注册率 ${c.registrationRateText}（${c.registered}/${c.signed}）`,
    ],
    ['已入驻园区（家）', c.movedIn, null, null],
    ['已投产（家）', c.producing, null, null],
    [
      '逾期未注册（家）',
      c.overdueRegistrations.length,
      null,
      `签约超过${REGISTRATION_OVERDUE_DAYS}天仍未注册`,
    ],
    ['红灯项目（个）', o.lights.red, null, '详见“亮灯项目”表'],
    ['黄灯项目（个）', o.lights.yellow, null, '详见“亮灯项目”表'],
  ].map((r, i) => [i + 1, ...r]);

  const litTotal = o.lights.red + o.lights.yellow + o.lights.green;
  const lightColumns: SheetColumn[] = [
    INDEX,
    { header: '灯色', kind: 'text' },
    { header: '项目数（个）', kind: 'int' },
    { header: '占项目比重', kind: 'percent' },
    { header: '亮灯标准', kind: 'text' },
  ];
  const lightRows: CellValue[][] = [
    [
      1,
      LIGHT_LABELS.red,
      o.lights.red,
      share(o.lights.red, litTotal),
      `节点逾期超${t.redOverdueDays}天、签约超${t.redSignedNotStartedDays}天未开工或${t.redNoProgressDays}天无进展`,
    ],
    [
      2,
      LIGHT_LABELS.yellow,
      o.lights.yellow,
      share(o.lights.yellow, litTotal),
      `节点逾期1—${t.redOverdueDays}天或${t.yellowNoProgressDays}天无进展`,
    ],
    [3, LIGHT_LABELS.green, o.lights.green, share(o.lights.green, litTotal), '按计划推进'],
  ];
  const lightTotals: CellValue[] = [
    '合计',
    null,
    litTotal,
    litTotal ? 1 : null,
    '在册项目（不含已终止），截至填报日期',
  ];

  return {
    name: SHEET_NAMES.summary,
    title: reportTitle(settings.orgName, req.team),
    period: `统计期间：${periodText(req.period)}${GAP}单位：${unitLabel}`,
    org: `填报单位：${settings.orgName}`,
    date: `填报日期：${dayText(req.today)}`,
    sections: [
      { heading: '一、主要指标', columns: keyColumns, rows: keyRows },
      groupSection('二、分组团签约情况', '招商组团', o.byTeam, o, unit),
      groupSection('三、分行业签约情况', '行业', o.byIndustry, o, unit),
      groupSection('四、分活动签约情况', '签约活动', o.byEvent, o, unit),
      { heading: '五、项目亮灯情况', columns: lightColumns, rows: lightRows, totals: lightTotals },
      ...progressTables(p, unit, ['六', '七', '八']),
    ],
    signature: `制表人：${settings.userName ?? ''}${GAP.repeat(4)}审核人：${GAP.repeat(8)}负责人：`,
  };
}

function dealSheet(
  o: Overview,
  ctx: ValueContext,
  lightOf: (deal: Deal) => [string, string],
  sub: string,
): ListSheet {
  const specs = pick(DEAL, [
    'name',
    'investor',
    'origin',
    'industry',
    'projectType',
    'team',
    'eventId',
    'signedDate',
    'agreedInvestment',
    'firstPhaseInvestment',
    'landMu',
    'plannedStartDate',
    'stage',
    'leader',
    'unit',
    'owner',
    'statsEntryDate',
    'statsEntryAmount',
  ]);
  const columns: SheetColumn[] = [
    INDEX,
    ...specs.map((s) => fieldColumn(s, ctx.unit)),
    { header: '亮灯', kind: 'text' },
    { header: '亮灯原因', kind: 'text', maxWidth: 40 },
    { header: '备注', kind: 'text', maxWidth: 40 },
  ];
  const deals = [...o.signedDeals].sort(bySignedDateThenName);
  const rows: CellValue[][] = deals.map((d, i) => [
    i + 1,
    ...specs.map((s) => fieldCell(s, fieldValue(d, s.key), ctx)),
    ...lightOf(d),
    d.notes ?? null,
  ]);
  const sum = (key: 'agreedInvestment' | 'firstPhaseInvestment' | 'statsEntryAmount') =>
    toUnit(
      deals.reduce((s, d) => s + (d[key] ?? 0), 0),
      ctx.unit,
    );
  const totals: CellValue[] = columns.map(() => null);
  totals[0] = '合计';
  totals[1] = `${deals.length}个项目`;
  columns.forEach((_, i) => {
    const key = specs[i - 1]?.key;
    if (key === 'agreedInvestment' || key === 'firstPhaseInvestment' || key === 'statsEntryAmount')
      totals[i] = sum(key);
    if (key === 'landMu') totals[i] = deals.reduce((s, d) => s + (d.landMu ?? 0), 0);
  });
  return { name: SHEET_NAMES.deals, title: '签约项目明细', subtitle: sub, columns, rows, totals };
}

function lightsSheet(o: Overview, ctx: ValueContext, today: string): ListSheet {
  const specs = pick(DEAL, ['name', 'investor', 'team', 'stage', 'signedDate', 'agreedInvestment']);
  const columns: SheetColumn[] = [
    INDEX,
    { header: '灯色', kind: 'text' },
    ...specs.map((s) => fieldColumn(s, ctx.unit)),
    { header: '亮灯原因', kind: 'text', minWidth: 24, maxWidth: 44 },
    { header: '最近进展', kind: 'date' },
    ...pick(DEAL, ['leader', 'unit', 'owner']).map((s) => fieldColumn(s, ctx.unit)),
  ];
  const lit = [...o.lights.redList, ...o.lights.yellowList];
  const rows: CellValue[][] = lit.map(({ deal, light }, i) => [
    i + 1,
    LIGHT_LABELS[light.light],
    ...specs.map((s) => fieldCell(s, fieldValue(deal, s.key), ctx)),
    light.reason,
    isoToCellDate(light.lastProgress),
    deal.leader ?? null,
    deal.unit ?? null,
    deal.owner ?? null,
  ]);
  return {
    name: SHEET_NAMES.lights,
    title: '亮灯项目',
    subtitle: `截至${dayText(today)}：红灯${o.lights.red}个，黄灯${o.lights.yellow}个${GAP}单位：${UNIT_LABELS[ctx.unit]}`,
    columns,
    rows,
  };
}

function companiesSheet(o: Overview, ctx: ValueContext, sub: string): ListSheet {
  const specs = pick(COMPANY, [
    'name',
    'originCity',
    'originDistrict',
    'legalRep',
    'contactPerson',
    'phone',
    'productCategory',
    'park',
    'building',
    'plannedJobs',
    'registeredCapital',
    'dealId',
    'status',
    'signedDate',
    'uscc',
    'registeredDate',
  ]);
  const columns: SheetColumn[] = [
    INDEX,
    ...specs.map((s) => fieldColumn(s, ctx.unit)),
    { header: '状态日期', kind: 'date' },
  ];
  const list = [...o.companies.list].sort(bySignedDateThenName);
  const rows: CellValue[][] = list.map((c, i) => [
    i + 1,
    ...specs.map((s) => fieldCell(s, fieldValue(c, s.key), ctx)),
    isoToCellDate(c.statusHistory.at(-1)?.date),
  ]);
  const totals: CellValue[] = columns.map(() => null);
  totals[0] = '合计';
  totals[1] = `${list.length}家，已注册${o.companies.registered}家，注册率${o.companies.registrationRateText}`;
  columns.forEach((_, i) => {
    const key = specs[i - 1]?.key;
    if (key === 'plannedJobs') totals[i] = list.reduce((s, c) => s + (c.plannedJobs ?? 0), 0);
    if (key === 'registeredCapital')
      totals[i] = toUnit(
        list.reduce((s, c) => s + (c.registeredCapital ?? 0), 0),
        ctx.unit,
      );
  });
  return {
    name: SHEET_NAMES.companies,
    title: '企业注册进度',
    subtitle: sub,
    columns,
    rows,
    totals,
  };
}

function contactsSheet(contacts: readonly Contact[], ctx: ValueContext, today: string): ListSheet {
  const specs = CONTACT_FIELDS;
  const columns: SheetColumn[] = [INDEX, ...specs.map((s) => fieldColumn(s, ctx.unit))];
  const list = live(contacts).sort((a, b) => compareZh(a.name, b.name));
  const rows: CellValue[][] = list.map((c, i) => [
    i + 1,
    ...specs.map((s) => fieldCell(s, fieldValue(c, s.key), ctx)),
  ]);
  return {
    name: SHEET_NAMES.contacts,
    title: '客商名录',
    subtitle: `截至${dayText(today)}，共${list.length}人`,
    columns,
    rows,
  };
}

/** 目标完成情况 for the report's period: the county's, or the one team's when the report covers one. */
export function reportProgress(input: ReportInput, settings: ReportSettings, req: ReportRequest): Progress {
  const p = computeProgress(
    { deals: input.deals, fundReports: input.fundReports ?? [], targets: input.targets ?? [] },
    req.period,
    {
      teams: [...(settings.teams ?? []), ...(req.team ? [req.team] : [])],
      teamAliases: settings.teamAliases,
    },
  );
  if (!req.team) return p;
  const own = p.teams.filter((t) => t.team === req.team);
  return { ...p, county: own[0] ?? { ...p.county, team: req.team }, teams: own };
}

/**
 * What each sheet of the report holds, computed from the records: the
 * figures, rows and totals, with no styling. Pure.
 */
export function summaryReportSheets(
  input: ReportInput,
  settings: ReportSettings,
  req: ReportRequest,
): SummaryReportSheets {
  const filter = { from: req.period.from, to: req.period.to, team: req.team };
  const o = computeOverview(input, filter, req.today, settings.lightThresholds);
  const p = reportProgress(input, settings, req);
  const refs = {
    events: new Map(input.events.map((e) => [e.id, e.name])),
    deals: new Map(input.deals.map((d) => [d.id, d.name])),
  };
  const ctx: ValueContext = { unit: settings.amountUnit, refs };
  const lastFollowUp = latestFollowUpDates(input.followUps, 'deal');
  const lightOf = (deal: Deal): [string, string] => {
    const l = computeLightSince(deal, lastFollowUp.get(deal.id), req.today, settings.lightThresholds);
    return [LIGHT_LABELS[l.light], l.reason];
  };

  const sub = `统计期间：${periodText(req.period)}${req.team ? `${GAP}招商组团：${req.team}` : ''}${GAP}单位：${UNIT_LABELS[settings.amountUnit]}`;
  return {
    properties: {
      creator: settings.userName || settings.orgName,
      title: reportTitle(settings.orgName, req.team),
      created: isoToCellDate(req.today) ?? new Date(0),
    },
    summary: summarySheet(o, p, settings, req),
    lists: [
      dealSheet(o, ctx, lightOf, sub),
      lightsSheet(o, ctx, req.today),
      companiesSheet(o, ctx, sub),
      contactsSheet(input.contacts, ctx, req.today),
    ],
  };
}
