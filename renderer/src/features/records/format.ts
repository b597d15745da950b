import type { FieldSpec } from '../../../../shared/domain/fields';
import { formatAmount } from '../../../../shared/domain/money';
import type { AmountUnit } from '../../../../shared/settings';

export interface FormatContext {
  unit: AmountUnit;
  events: Map<string, string>;
  deals: Map<string, string>;
}

/** A stored value as the user reads it. */
export function formatFieldValue(spec: FieldSpec, value: unknown, ctx: FormatContext): string {
  if (value === undefined || value === null || value === '') return '';
  switch (spec.type) {
    case 'amount':
      return formatAmount(value as number, ctx.unit);
    case 'enum':
      return spec.options?.find((o) => o.value === value)?.label ?? String(value);
    case 'tags':
      return (value as string[]).join('、');
    case 'eventRef':
      return ctx.events.get(value as string) ?? '（活动已删除）';
    case 'dealRef':
      return ctx.deals.get(value as string) ?? '（项目已删除）';
    case 'decimal':
    case 'int':
      return (value as number).toLocaleString('zh-CN');
    default:
      return String(value);
  }
}

export const ACTION_LABELS: Record<string, string> = {
  create: '新建',
  update: '修改',
  delete: '删除',
  restore: '恢复',
  import: '导入',
  merge: '合并',
  purge: '清除',
};
