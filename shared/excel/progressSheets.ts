/**
 * Reading the sheets offices receive and send for SPEC §10: a year's targets
 * by team (单位/组团 × 签约项目, 协议引资, 到位资金, 新开工, 投产) and monthly
 * funds by project (项目名称, 月份, 到位资金 / 完成投资). Headers are found in
 * the first rows whatever their order; amounts take the unit the header
 * names (`协议引资（亿元）`), else 万元, the unit such sheets use. Pure.
 */
import { parseAmount, unitFromHeader, type Unit } from '../domain/money';
import { parseMonth } from '../domain/progress';
import type { TargetFigure } from '../domain/records';
import { cleanText, toHalfWidth } from '../domain/text';
import type { Cell } from './workbook';

export interface SheetReadError {
  /** Excel row number. */
  row: number;
  message: string;
}

export type SheetRead<T> = { ok: true; rows: T[] } | { ok: false; errors: SheetReadError[]; message: string };

const norm = (c: Cell) => toHalfWidth(String(c ?? '')).replace(/\s+/g, '');

interface Column<K extends string> {
  key: K;
  test: RegExp;
}

/** The first of the top rows holding every required column; column index by key. */
function findHeader<K extends string>(
  rows: readonly Cell[][],
  columns: readonly Column<K>[],
  required: readonly K[],
): { row: number; index: Partial<Record<K, number>>; units: Partial<Record<K, Unit>> } | null {
  for (let r = 0; r < Math.min(rows.length, 10); r++) {
    const index: Partial<Record<K, number>> = {};
    const units: Partial<Record<K, Unit>> = {};
    (rows[r] ?? []).forEach((cell, i) => {
      const h = norm(cell);
      const col = columns.find((c) => index[c.key] === undefined && c.test.test(h));
      if (!col) return;
      index[col.key] = i;
      const unit = unitFromHeader(String(cell ?? ''));
      if (unit) units[col.key] = unit;
    });
    if (required.every((k) => index[k] !== undefined)) return { row: r, index, units };
  }
  return null;
}

const TARGET_COLUMNS: Column<'team' | TargetFigure>[] = [
  { key: 'team', test: /^(招商)?(组团|单位|责任单位|部门|名称)/ },
  { key: 'signedCount', test: /签约(项目)?(个数|数)?/ },
  { key: 'agreed', test: /协议(引资|投资|资金)/ },
  { key: 'funds', test: /到位资金/ },
  { key: 'started', test: /(新)?开工/ },
  { key: 'producing', test: /投产/ },
];

const COUNTY = /^(全县|合计|总计|全县合计)$/;

export interface TargetSheetRow {
  /** '' for the county. */
  team: string;
  values: Partial<Record<TargetFigure, number>>;
}

function amountOf(cell: Cell, unit: Unit): { value?: number; error?: string } {
  if (cell === null || cell === '') return {};
  const r = parseAmount(typeof cell === 'boolean' ? String(cell) : cell, unit);
  if (!r.ok) return { error: r.error };
  return r.value === null ? {} : { value: r.value };
}

function countOf(cell: Cell): { value?: number; error?: string } {
  if (cell === null || cell === '') return {};
  const n = typeof cell === 'number' ? cell : Number(norm(cell).replace(/[个项,]/g, ''));
  if (!Number.isInteger(n) || n < 0) return { error: `应为整数：${String(cell)}` };
  return { value: n };
}

/** Targets by team from a sheet; the county row is 全县 / 合计. */
export function readTargetSheet(rows: readonly Cell[][]): SheetRead<TargetSheetRow> {
  const header = findHeader(rows, TARGET_COLUMNS, ['team']);
  const figures = TARGET_COLUMNS.slice(1).map((c) => c.key as TargetFigure);
  if (!header || !figures.some((f) => header.index[f] !== undefined))
    return {
      ok: false,
      errors: [],
      message:
        '没有找到目标任务表头：需要“组团（或单位）”列，以及“签约项目、协议引资、到位资金、新开工、投产”中至少一列。',
    };
  const out: TargetSheetRow[] = [];
  const errors: SheetReadError[] = [];
  for (let r = header.row + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const name = cleanText(String(row[header.index.team!] ?? ''), 60);
    if (!name) continue;
    const values: Partial<Record<TargetFigure, number>> = {};
    for (const f of figures) {
      const i = header.index[f];
      if (i === undefined) continue;
      const v =
        f === 'signedCount' || f === 'started' || f === 'producing'
          ? countOf(row[i] ?? null)
          : amountOf(row[i] ?? null, header.units[f] ?? 'wan');
      if (v.error) errors.push({ row: r + 1, message: `${name}：${v.error}` });
      else if (v.value !== undefined) values[f] = v.value;
    }
    out.push({ team: COUNTY.test(name) ? '' : name, values });
  }
  if (errors.length) return { ok: false, errors, message: errorMessage(errors) };
  if (!out.length) return { ok: false, errors: [], message: '表中没有目标数据行。' };
  return { ok: true, rows: out };
}

export interface FundSheetRow {
  /** Excel row number. */
  row: number;
  name: string;
  month: string;
  funds?: number;
  invested?: number;
}

const FUND_COLUMNS: Column<'name' | 'month' | 'funds' | 'invested'>[] = [
  { key: 'name', test: /^项目(名称)?$/ },
  { key: 'month', test: /^(月份|月|填报月份|日期)/ },
  { key: 'funds', test: /到位资金/ },
  { key: 'invested', test: /完成投资/ },
];

/** Funds in place and investment completed by project and month. */
export function readFundSheet(rows: readonly Cell[][]): SheetRead<FundSheetRow> {
  const header = findHeader(rows, FUND_COLUMNS, ['name', 'month']);
  if (!header || (header.index.funds === undefined && header.index.invested === undefined))
    return {
      ok: false,
      errors: [],
      message: '没有找到表头：需要“项目名称、月份”两列，以及“到位资金”或“完成投资”列。',
    };
  const out: FundSheetRow[] = [];
  const errors: SheetReadError[] = [];
  for (let r = header.row + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const name = cleanText(String(row[header.index.name!] ?? ''), 100);
    if (!name) continue;
    const month = parseMonth(row[header.index.month!] ?? null);
    if (!month) {
      errors.push({
        row: r + 1,
        message: `${name}：月份无法识别（${String(row[header.index.month!] ?? '空')}），应为如 2026-03 或 2026年3月`,
      });
      continue;
    }
    const item: FundSheetRow = { row: r + 1, name, month };
    for (const k of ['funds', 'invested'] as const) {
      const i = header.index[k];
      if (i === undefined) continue;
      const v = amountOf(row[i] ?? null, header.units[k] ?? 'wan');
      if (v.error) errors.push({ row: r + 1, message: `${name}：${v.error}` });
      else if (v.value) item[k] = v.value;
    }
    if (item.funds || item.invested) out.push(item);
  }
  if (errors.length) return { ok: false, errors, message: errorMessage(errors) };
  if (!out.length) return { ok: false, errors: [], message: '表中没有到位资金或完成投资的数据行。' };
  return { ok: true, rows: out };
}

function errorMessage(errors: readonly SheetReadError[]): string {
  const first = errors.slice(0, 3).map((e) => `第${e.row}行 ${e.message}`);
  return `表中有${errors.length}处错误，未导入任何数据：${first.join('；')}${errors.length > 3 ? '……' : ''}`;
}
