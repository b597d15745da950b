import { FIELDS_BY_KIND, type FieldSpec } from '../../../shared/domain/fields';
import { formatAmount } from '../../../shared/domain/money';
import { LIGHT_LABELS } from '../../../shared/domain/lights';
import type { LightOverride, Milestone, RecordKind, StageChange } from '../../../shared/domain/records';
import { COMPANY_STATUS_LABELS, DEAL_STAGE_LABELS } from '../../../shared/domain/stages';
import type { AmountUnit } from '../../../shared/settings';

export interface FormatContext {
  unit: AmountUnit;
  events: Map<string, string>;
  deals: Map<string, string>;
  contacts: Map<string, string>;
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

const STAGE_LABELS: Record<string, string> = { ...COMPANY_STATUS_LABELS, ...DEAL_STAGE_LABELS };

/** A value from the change log as the user reads it ('' for empty). */
export function formatChangeValue(
  kind: RecordKind,
  field: string,
  value: unknown,
  ctx: FormatContext,
): string {
  if (value === undefined || value === null || value === '') return '';
  const spec = FIELDS_BY_KIND[kind].find((f) => f.key === field);
  if (spec) return formatFieldValue(spec, value, ctx);
  switch (field) {
    case 'stageHistory':
    case 'statusHistory':
      return (value as StageChange<string>[])
        .map((h) => `${STAGE_LABELS[h.stage] ?? h.stage} ${h.date}`)
        .join(' → ');
    case 'milestones': {
      const list = value as Milestone[];
      const dated = list
        .filter((m) => m.plannedDate || m.doneDate)
        .map(
          (m) =>
            `${m.name}（${[m.plannedDate && `计划${m.plannedDate}`, m.doneDate && `销号${m.doneDate}`].filter(Boolean).join('，')}）`,
        );
      return `${list.length}个节点${dated.length ? `：${dated.join('、')}` : ''}`;
    }
    case 'lightOverride': {
      const o = value as LightOverride;
      return `人工调整为${LIGHT_LABELS[o.light] ?? o.light}，原因：${o.reason}`;
    }
    case 'contactIds':
      return (value as string[]).map((id) => ctx.contacts.get(id) ?? '（已清除的客商）').join('、');
    case 'deletedAt':
      return new Date(value as string).toLocaleString('zh-CN');
    case 'targetKind':
      return { deal: '签约项目', contact: '客商', company: '企业' }[value as string] ?? String(value);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
