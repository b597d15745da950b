/**
 * One sheet from grid to preview rows: detect the layout, map the columns,
 * read and convert every row. The wizard runs the same steps one at a time so
 * the user can change the mapping in between.
 */
import { err, ok, type Result } from '../domain/result';
import { detectLayout, guessKind, type SheetLayout } from './header';
import { autoMapping, type ColumnMapping } from './mapping';
import { convertRow, extractRows, type ConvertContext, type ImportRow } from './rows';
import type { ImportKind } from './synonyms';
import type { Cell } from './workbook';

export const NO_HEADER =
  '没有找到可识别的表头：请确认工作表第一部分有“项目名称”“投资方”等列名，或选择其他工作表、记录类型。';

export interface SheetPreview {
  kind: ImportKind;
  layout: SheetLayout;
  mapping: ColumnMapping[];
  rows: ImportRow[];
}

export function unitsOf(mapping: readonly ColumnMapping[]): ConvertContext['units'] {
  const units: ConvertContext['units'] = {};
  for (const m of mapping) if (m.field) units[m.field] = m.unit;
  return units;
}

export function previewSheet(
  grid: Cell[][],
  kind: ImportKind | undefined,
  ctx: Omit<ConvertContext, 'units'>,
  mapping?: ColumnMapping[],
): Result<SheetPreview> {
  const k = kind ?? guessKind(grid);
  const layout = detectLayout(grid, k);
  if (!layout) return err(NO_HEADER);
  const m = mapping ?? autoMapping(layout);
  const full: ConvertContext = { ...ctx, units: unitsOf(m) };
  if (layout.asOf && !ctx.asOf) full.asOf = layout.asOf;
  const rows = extractRows(grid, layout, m).map((r) => convertRow(k, r, full));
  return ok({ kind: k, layout, mapping: m, rows });
}
