/**
 * Record fields as spreadsheet cells: the FieldSpec tables give the header
 * and the type, so list exports and the report's detail sheets show the same
 * labels as the screens. Amounts become numbers in the chosen unit, dates
 * real dates, choices their Chinese labels.
 */
import type { FieldSpec, FieldType } from '../domain/fields';
import { toUnit, UNIT_LABELS } from '../domain/money';
import type { AmountUnit } from '../settings';
import { isoToCellDate, type CellKind, type CellValue, type SheetColumn } from './sheet';

export interface RefNames {
  events: ReadonlyMap<string, string>;
  deals: ReadonlyMap<string, string>;
  contacts?: ReadonlyMap<string, string>;
}

export interface ValueContext {
  unit: AmountUnit;
  refs: RefNames;
}

const KIND_OF: Partial<Record<FieldType, CellKind>> = {
  amount: 'amount',
  date: 'date',
  int: 'int',
  decimal: 'decimal',
};

export function cellKindOf(spec: Pick<FieldSpec, 'type'>): CellKind {
  return KIND_OF[spec.type] ?? 'text';
}

/** The header of a field's column; amounts name their unit. */
export function columnHeader(spec: Pick<FieldSpec, 'label' | 'type'>, unit: AmountUnit): string {
  return spec.type === 'amount' ? `${spec.label}（${UNIT_LABELS[unit]}）` : spec.label;
}

export function fieldColumn(spec: FieldSpec, unit: AmountUnit): SheetColumn {
  const kind = cellKindOf(spec);
  return { header: columnHeader(spec, unit), kind, maxWidth: spec.type === 'longtext' ? 60 : 40 };
}

/** A stored value as a cell: numbers and dates typed, everything else the text the user reads. */
export function fieldCell(spec: FieldSpec, value: unknown, ctx: ValueContext): CellValue {
  if (value === undefined || value === null || value === '') return null;
  switch (spec.type) {
    case 'amount':
      return typeof value === 'number' ? toUnit(value, ctx.unit) : null;
    case 'date':
      return isoToCellDate(String(value)) ?? String(value);
    case 'int':
    case 'decimal':
      return typeof value === 'number' ? value : String(value);
    case 'enum':
      return spec.options?.find((o) => o.value === value)?.label ?? String(value);
    case 'tags':
      return Array.isArray(value) ? value.join('、') : String(value);
    case 'eventRef':
      return ctx.refs.events.get(String(value)) ?? '（活动已删除）';
    case 'dealRef':
      return ctx.refs.deals.get(String(value)) ?? '（项目已删除）';
    default:
      return String(value);
  }
}
