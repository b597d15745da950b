/**
 * Report periods (month, quarter, year, custom) and how they read in the
 * report and its file name: `2017年1月1日—2017年10月31日`, `2017年1-10月`.
 */
import { addDays } from '../domain/dates';

export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom';

export interface Period {
  /** First day, inclusive (ISO). */
  from: string;
  /** Last day, inclusive (ISO). */
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): string {
  return addDays(`${month === 12 ? year + 1 : year}-${pad(month === 12 ? 1 : month + 1)}-01`, -1);
}

export function monthPeriod(year: number, month: number): Period {
  return { from: `${year}-${pad(month)}-01`, to: lastDayOfMonth(year, month) };
}

export function quarterPeriod(year: number, quarter: number): Period {
  const first = (quarter - 1) * 3 + 1;
  return { from: `${year}-${pad(first)}-01`, to: lastDayOfMonth(year, first + 2) };
}

export function yearPeriod(year: number): Period {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The month, quarter or year that holds `today` (the overview's 本月 / 本季度 / 本年). */
export function periodHolding(kind: 'month' | 'quarter' | 'year', today: string): Period {
  const [y, m] = today.split('-').map(Number) as [number, number];
  if (kind === 'month') return monthPeriod(y, m);
  if (kind === 'quarter') return quarterPeriod(y, Math.floor((m - 1) / 3) + 1);
  return yearPeriod(y);
}

/** The usual cumulative report: from 1 January to the end of the month of `today`. */
export function yearToMonthEnd(today: string): Period {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return { from: `${y}-01-01`, to: lastDayOfMonth(y, m) };
}

function parts(iso: string) {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { y, m, d };
}

const QUARTER_NAMES = ['一', '二', '三', '四'];

/** `2017年10月31日` */
export function dayText(iso: string): string {
  const { y, m, d } = parts(iso);
  return `${y}年${m}月${d}日`;
}

/** `2017年1月1日—2017年10月31日`, the period line of the report. */
export function periodText(p: Period): string {
  const f = parts(p.from);
  const t = parts(p.to);
  return `${f.y}年${f.m}月${f.d}日—${t.y}年${t.m}月${t.d}日`;
}

/**
 * A short name for titles and file names: `2017年10月`, `2017年1-10月`,
 * `2017年第三季度`, `2017年`, or the days when the period is not whole months.
 */
export function periodLabel(p: Period): string {
  const f = parts(p.from);
  const t = parts(p.to);
  const wholeMonths = f.d === 1 && p.to === lastDayOfMonth(t.y, t.m);
  if (wholeMonths && f.y === t.y) {
    if (f.m === 1 && t.m === 12) return `${f.y}年`;
    if (f.m === t.m) return `${f.y}年${f.m}月`;
    if (t.m - f.m === 2 && f.m % 3 === 1) return `${f.y}年第${QUARTER_NAMES[(f.m - 1) / 3]}季度`;
    return `${f.y}年${f.m}-${t.m}月`;
  }
  if (wholeMonths) return `${f.y}年${f.m}月-${t.y}年${t.m}月`;
  if (f.y === t.y) return `${f.y}年${f.m}月${f.d}日-${t.m}月${t.d}日`;
  return `${f.y}年${f.m}月${f.d}日-${t.y}年${t.m}月${t.d}日`;
}

// Agency suffixes dropped to get the area a report speaks for: 乐至县投资促进局 → 乐至县.
const AGENCY_SUFFIX =
  /(投资促进局|投资促进中心|投资促进委员会|投资促进服务中心|招商引资局|招商局|商务局|经济合作局|经济合作和外事局)$/;

/** The area the report speaks for, from the organisation name. */
export function reportArea(orgName: string): string {
  const name = orgName.trim();
  const area = name.replace(AGENCY_SUFFIX, '');
  return area || name;
}

/** `乐至县招商引资工作汇总表`, with the team when the report covers one team. */
export function reportTitle(orgName: string, team?: string): string {
  return `${reportArea(orgName)}招商引资工作汇总表${team ? `（${team}）` : ''}`;
}

/** `乐至县招商引资工作汇总表_2017年1-10月.xlsx`; characters no file system takes are replaced. */
export function reportFileName(orgName: string, period: Period, team?: string): string {
  const base = `${reportArea(orgName)}招商引资工作汇总表${team ? `_${team}` : ''}_${periodLabel(period)}`;
  return `${base.replace(/[\\/:*?"<>|\s]+/g, '_')}.xlsx`;
}
