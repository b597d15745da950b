/**
 * The weekly consultation pack (每周会商, SPEC §10) for one week: what was
 * signed, which stages changed, milestones ticked off and overdue, open
 * problems by responsible unit, red and yellow projects with their reasons,
 * and each team's 在谈 projects with their latest follow-up in the columns
 * county offices send every week. `weeklyPack` computes the content once;
 * the workbook (weeklyWriter.ts) and the printable page both show that, so
 * they agree. Pure.
 */
import { addDays, daysBetween } from '../domain/dates';
import { FOLLOW_UP_KIND_LABELS, PROBLEM_KIND_LABELS, PROBLEM_STATUS_LABELS } from '../domain/fields';
import { LIGHT_LABELS } from '../domain/lights';
import { toUnit, UNIT_LABELS } from '../domain/money';
import { computeOverview, NO_TEAM, type OverviewInput } from '../domain/overview';
import { openProblemsByUnit, problemOverdueDays } from '../domain/problems';
import type { Deal, FollowUp } from '../domain/records';
import { DEAL_STAGE_LABELS } from '../domain/stages';
import { compareZh } from '../domain/text';
import type { AmountUnit, LightThresholds } from '../settings';
import { dayText, reportArea, type Period } from './period';
import { isoToCellDate, type CellValue, type SheetColumn } from './sheet';

export interface WeeklySettings {
  orgName: string;
  amountUnit: AmountUnit;
  lightThresholds: LightThresholds;
  userName?: string;
  /** Teams in this order first; teams only the deals name follow. */
  teams?: readonly string[];
}

export interface WeeklyTable {
  heading: string;
  columns: readonly SheetColumn[];
  rows: CellValue[][];
  /** Shown when there are no rows. */
  empty: string;
}

export interface WeeklyPack {
  title: string;
  /** 填报单位：… */
  org: string;
  /** 日期：… and the week. */
  date: string;
  week: Period;
  /** 会商要点: signings, stages, milestones, problems, lights. */
  sections: WeeklyTable[];
  /** 在谈项目, one table per team. */
  teams: WeeklyTable[];
  /** 审核人 and 填报人. */
  footer: string;
  unit: AmountUnit;
}

/** The Monday–Sunday week holding `day`. */
export function weekOf(day: string): Period {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  const from = addDays(day, -((d + 6) % 7));
  return { from, to: addDays(from, 6) };
}

/** `2026年10月12日—10月18日` */
export function weekText(w: Period): string {
  const [, m, d] = w.to.split('-').map(Number) as [number, number, number];
  return `${dayText(w.from)}—${m}月${d}日`;
}

const GAP = '\u3000';
const INDEX: SheetColumn = { header: '序号', kind: 'index', minWidth: 4 };
const inWeek = (date: string | undefined, w: Period) => !!date && date >= w.from && date <= w.to;

/** The columns of the county weekly sheet of 在谈 projects. */
export function negotiatingColumns(unit: AmountUnit): SheetColumn[] {
  return [
    INDEX,
    { header: '项目名称', kind: 'text', minWidth: 16, maxWidth: 28 },
    { header: '投资方', kind: 'text', minWidth: 14, maxWidth: 24 },
    { header: `总投资（${UNIT_LABELS[unit]}）`, kind: 'amount' },
    { header: '项目内容', kind: 'text', minWidth: 16, maxWidth: 30 },
    { header: '需用土地（亩）', kind: 'decimal' },
    { header: '招商组团', kind: 'text', minWidth: 10, maxWidth: 16 },
    { header: '跟进人', kind: 'text', minWidth: 6 },
    { header: '进展情况', kind: 'text', minWidth: 24, maxWidth: 40 },
  ];
}

function latestFollowUps(followUps: readonly FollowUp[]): Map<string, FollowUp> {
  const map = new Map<string, FollowUp>();
  for (const f of followUps) {
    if (f.deletedAt || f.targetKind !== 'deal') continue;
    const seen = map.get(f.targetId);
    if (!seen || f.date > seen.date || (f.date === seen.date && f.createdAt > seen.createdAt))
      map.set(f.targetId, f);
  }
  return map;
}

export function weeklyPack(
  input: OverviewInput,
  settings: WeeklySettings,
  req: { week: Period; today: string },
): WeeklyPack {
  const { week, today } = req;
  const unit = settings.amountUnit;
  const money = (n: number | undefined) => (n === undefined ? null : toUnit(n, unit));
  const deals = input.deals.filter((d) => !d.deletedAt);
  const dealById = new Map(deals.map((d) => [d.id, d]));
  const byName = (a: Deal, b: Deal) => compareZh(a.name, b.name);

  const signed = deals
    .filter((d) => d.stage !== 'cancelled' && inWeek(d.signedDate, week))
    .sort((a, b) => (a.signedDate! < b.signedDate! ? -1 : a.signedDate! > b.signedDate! ? 1 : byName(a, b)));
  const signings: WeeklyTable = {
    heading: '一、本周新签约项目',
    columns: [
      INDEX,
      { header: '项目名称', kind: 'text', minWidth: 16 },
      { header: '投资方', kind: 'text', minWidth: 14 },
      { header: '招商组团', kind: 'text' },
      { header: '签约日期', kind: 'date' },
      { header: `协议投资额（${UNIT_LABELS[unit]}）`, kind: 'amount' },
    ],
    rows: signed.map((d, i) => [
      i + 1,
      d.name,
      d.investor,
      d.team ?? NO_TEAM,
      isoToCellDate(d.signedDate),
      money(d.agreedInvestment),
    ]),
    empty: '本周无新签约项目',
  };

  const stageRows: CellValue[][] = [];
  for (const d of [...deals].sort(byName))
    d.stageHistory.forEach((h, k) => {
      // The first entry is the deal entering the ledger, not a change.
      if (k === 0 || !inWeek(h.date, week)) return;
      stageRows.push([
        d.name,
        d.team ?? NO_TEAM,
        DEAL_STAGE_LABELS[d.stageHistory[k - 1]!.stage],
        DEAL_STAGE_LABELS[h.stage],
        isoToCellDate(h.date),
        h.by || null,
      ]);
    });
  const stages: WeeklyTable = {
    heading: '二、项目阶段变化',
    columns: [
      INDEX,
      { header: '项目名称', kind: 'text', minWidth: 16 },
      { header: '招商组团', kind: 'text' },
      { header: '原阶段', kind: 'text' },
      { header: '新阶段', kind: 'text' },
      { header: '变更日期', kind: 'date' },
      { header: '经办人', kind: 'text' },
    ],
    rows: stageRows.map((r, i) => [i + 1, ...r]),
    empty: '本周无阶段变化',
  };

  const milestoneRows: CellValue[][] = [];
  for (const d of [...deals].sort(byName)) {
    if (d.stage === 'cancelled') continue;
    for (const m of d.milestones) {
      if (inWeek(m.doneDate, week))
        milestoneRows.push([
          d.name,
          m.name,
          isoToCellDate(m.plannedDate),
          isoToCellDate(m.doneDate),
          '本周销号',
        ]);
      else if (!m.doneDate && m.plannedDate && m.plannedDate < today)
        milestoneRows.push([
          d.name,
          m.name,
          isoToCellDate(m.plannedDate),
          null,
          `逾期${daysBetween(m.plannedDate, today)}天`,
        ]);
    }
  }
  const milestones: WeeklyTable = {
    heading: '三、销号节点（本周销号及逾期未销号）',
    columns: [
      INDEX,
      { header: '项目名称', kind: 'text', minWidth: 16 },
      { header: '节点', kind: 'text' },
      { header: '计划日期', kind: 'date' },
      { header: '销号日期', kind: 'date' },
      { header: '情况', kind: 'text' },
    ],
    rows: milestoneRows.map((r, i) => [i + 1, ...r]),
    empty: '本周无销号节点，也无逾期节点',
  };

  const problemRows: CellValue[][] = [];
  for (const [unitName, list] of openProblemsByUnit(input.problems ?? [], today))
    for (const p of list) {
      const deal = dealById.get(p.dealId);
      if (!deal) continue;
      const late = problemOverdueDays(p, today);
      problemRows.push([
        unitName,
        deal.name,
        PROBLEM_KIND_LABELS[p.kind],
        p.description,
        p.leader ?? null,
        isoToCellDate(p.deadline),
        late ? `${PROBLEM_STATUS_LABELS[p.status]}，逾期${late}天` : PROBLEM_STATUS_LABELS[p.status],
      ]);
    }
  const problems: WeeklyTable = {
    heading: '四、未解决问题（按责任单位）',
    columns: [
      INDEX,
      { header: '责任单位', kind: 'text', minWidth: 12 },
      { header: '项目名称', kind: 'text', minWidth: 16 },
      { header: '类别', kind: 'text' },
      { header: '问题描述', kind: 'text', minWidth: 20, maxWidth: 36 },
      { header: '责任领导', kind: 'text' },
      { header: '办结时限', kind: 'date' },
      { header: '状态', kind: 'text' },
    ],
    rows: problemRows.map((r, i) => [i + 1, ...r]),
    empty: '无未解决问题',
  };

  const o = computeOverview(input, {}, today, settings.lightThresholds);
  const lit = [...o.lights.redList, ...o.lights.yellowList];
  const lights: WeeklyTable = {
    heading: `五、红黄灯项目（红灯${o.lights.red}个，黄灯${o.lights.yellow}个）`,
    columns: [
      INDEX,
      { header: '灯色', kind: 'text' },
      { header: '项目名称', kind: 'text', minWidth: 16 },
      { header: '招商组团', kind: 'text' },
      { header: '亮灯原因', kind: 'text', minWidth: 24, maxWidth: 44 },
      { header: '包案领导', kind: 'text' },
      { header: '责任单位', kind: 'text' },
    ],
    rows: lit.map(({ deal, light }, i) => [
      i + 1,
      LIGHT_LABELS[light.light],
      deal.name,
      deal.team ?? NO_TEAM,
      light.reason,
      deal.leader ?? null,
      deal.unit ?? null,
    ]),
    empty: '无红黄灯项目',
  };

  const latest = latestFollowUps(input.followUps);
  const byTeam = new Map<string, Deal[]>();
  for (const t of settings.teams ?? []) byTeam.set(t, []);
  for (const d of deals) {
    if (d.stage !== 'negotiating') continue;
    const team = d.team ?? NO_TEAM;
    const list = byTeam.get(team);
    if (list) list.push(d);
    else byTeam.set(team, [d]);
  }
  const columns = negotiatingColumns(unit);
  const teams: WeeklyTable[] = [...byTeam.entries()].map(([team, list]) => ({
    heading: `${team}（在谈项目${list.length}个）`,
    columns,
    rows: list.sort(byName).map((d, i) => {
      const f = latest.get(d.id);
      return [
        i + 1,
        d.name,
        d.investor,
        money(d.agreedInvestment),
        d.notes ?? d.industry ?? null,
        d.landMu ?? null,
        team,
        f?.by ?? d.owner ?? null,
        f
          ? `${f.date.slice(5).replace('-', '月')}日${FOLLOW_UP_KIND_LABELS[f.kind]}：${f.summary}`
          : '暂无跟进记录',
      ];
    }),
    empty: '本组团暂无在谈项目',
  }));

  return {
    title: `${reportArea(settings.orgName)}招商引资项目每周会商表`,
    org: `填报单位：${settings.orgName}`,
    date: `日期：${dayText(today)}${GAP}会商周期：${weekText(week)}${GAP}单位：${UNIT_LABELS[unit]}、亩`,
    week,
    sections: [signings, stages, milestones, problems, lights],
    teams,
    footer: `填报人：${settings.userName ?? ''}${GAP.repeat(6)}审核人：`,
    unit,
  };
}

/** `乐至县招商引资项目每周会商表_2026年10月12日-10月18日.xlsx` */
export function weeklyFileName(orgName: string, week: Period): string {
  const [, m, d] = week.to.split('-').map(Number) as [number, number, number];
  const base = `${reportArea(orgName)}招商引资项目每周会商表_${dayText(week.from)}-${m}月${d}日`;
  return `${base.replace(/[\\/:*?"<>|\s]+/g, '_')}.xlsx`;
}
