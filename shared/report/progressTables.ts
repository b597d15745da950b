/**
 * The 目标完成情况 tables (SPEC §10) as report sections: per figure the
 * target, done, 完成率, last year's same period, the difference and 同比,
 * for the county and each team, and the team ranking. Built from
 * computeProgress, the function the overview's 目标完成 section shows.
 */
import { TARGET_FIGURE_LABELS } from '../domain/fields';
import { toUnit, UNIT_LABELS } from '../domain/money';
import { COUNT_FIGURES, type FigureProgress, type Progress, type TeamProgress } from '../domain/progress';
import { TARGET_FIGURES, type TargetFigure } from '../domain/records';
import type { AmountUnit } from '../settings';
import type { CellValue, SheetColumn } from './sheet';

export interface ReportTable {
  heading: string;
  columns: readonly SheetColumn[];
  rows: readonly CellValue[][];
  totals?: CellValue[];
}

/** `签约项目（个）`, `协议引资（万元）`. */
export function figureLabel(figure: TargetFigure, unit: AmountUnit): string {
  return COUNT_FIGURES.has(figure)
    ? TARGET_FIGURE_LABELS[figure]
    : `${TARGET_FIGURE_LABELS[figure]}（${UNIT_LABELS[unit]}）`;
}

/** A figure's value as the report writes it: a count as is, an amount in the unit. */
export function figureValue(figure: TargetFigure, value: number | null, unit: AmountUnit): number | null {
  if (value === null) return null;
  return COUNT_FIGURES.has(figure) ? value : toUnit(value, unit);
}

const PROGRESS_COLUMNS: SheetColumn[] = [
  { header: '序号', kind: 'index', minWidth: 4 },
  { header: '招商组团', kind: 'text', minWidth: 12 },
  { header: '指标', kind: 'text', minWidth: 14 },
  { header: '目标任务', kind: 'decimal' },
  { header: '完成', kind: 'decimal' },
  { header: '完成率', kind: 'percent' },
  { header: '上年同期', kind: 'decimal' },
  { header: '同比增减', kind: 'decimal' },
  { header: '同比', kind: 'percent' },
];

/** One row of a figure: the cells after 序号. */
function figureCells(team: string, f: FigureProgress, unit: AmountUnit): CellValue[] {
  return [
    team,
    figureLabel(f.figure, unit),
    figureValue(f.figure, f.target, unit),
    figureValue(f.figure, f.done, unit),
    f.rate,
    figureValue(f.figure, f.previous, unit),
    figureValue(f.figure, f.diff, unit),
    f.yoy,
  ];
}

function rowsOf(teams: readonly TeamProgress[], unit: AmountUnit): CellValue[][] {
  let n = 0;
  return teams.flatMap((t) => TARGET_FIGURES.map((f) => [++n, ...figureCells(t.team, t.figures[f], unit)]));
}

const RANK_COLUMNS: SheetColumn[] = [
  { header: '名次', kind: 'index', minWidth: 4 },
  { header: '招商组团', kind: 'text', minWidth: 12 },
  { header: '综合完成率', kind: 'percent' },
  { header: '签约项目完成率', kind: 'percent' },
  { header: '协议引资完成率', kind: 'percent' },
  { header: '到位资金完成率', kind: 'percent' },
  { header: '新开工完成率', kind: 'percent' },
  { header: '投产完成率', kind: 'percent' },
];

/**
 * The sections: 目标完成情况 of the county, of each team, and 组团排名,
 * numbered from `first` (e.g. 六).
 */
export function progressTables(p: Progress, unit: AmountUnit, numbers: readonly string[]): ReportTable[] {
  const teamRows = rowsOf(p.teams, unit);
  return [
    {
      heading: `${numbers[0]}、目标完成情况（全县，${p.year}年目标；同比为上年同期）`,
      columns: PROGRESS_COLUMNS,
      rows: rowsOf([p.county], unit),
    },
    {
      heading: `${numbers[1]}、分组团目标完成情况`,
      columns: PROGRESS_COLUMNS,
      rows: teamRows.length ? teamRows : [[null, '（未设置招商组团）']],
    },
    {
      heading: `${numbers[2]}、组团排名（按各项完成率的平均值）`,
      columns: RANK_COLUMNS,
      rows: p.teams.map((t) => [t.rank, t.team, t.score, ...TARGET_FIGURES.map((f) => t.figures[f].rate)]),
    },
  ];
}

/** Column count of the widest progress table. */
export const PROGRESS_TABLE_COLS = PROGRESS_COLUMNS.length;
