/**
 * Checks a whole stored record arriving from outside (a sync push or pull):
 * the common fields, each editable field by the same field specs the forms
 * and the repositories use, and the structured parts (histories, links).
 */
import { z } from 'zod';
import { FIELDS_BY_KIND, fieldLabel, type FieldType } from '../domain/fields';
import type { BaseRecord, RecordKind } from '../domain/records';
import { err, ok, type Result } from '../domain/result';
import { validateField } from '../domain/validate';

export const RECORD_KINDS = [
  'event',
  'deal',
  'contact',
  'company',
  'followUp',
] as const satisfies readonly RecordKind[];
/** A record larger than this as JSON is refused (the largest real ones are a few KB). */
export const MAX_RECORD_JSON = 64 * 1024;

const iso = z.string().min(10).max(40);
const id = z.string().min(1).max(64);
const who = z.string().max(80);
const base = z.looseObject({
  id,
  createdAt: iso,
  updatedAt: iso,
  createdBy: who,
  updatedBy: who,
  deletedAt: iso.optional(),
});
const stageChange = z.looseObject({
  stage: z.string().max(20),
  date: z.string().max(40),
  by: who,
  at: z.string().max(40),
});
const ids = z.array(id).max(500);
const structure: Record<RecordKind, z.ZodType> = {
  deal: z.looseObject({
    stageHistory: z.array(stageChange).max(200),
    milestones: z.array(z.looseObject({ name: z.string().min(1).max(80) })).max(100),
    contactIds: ids,
  }),
  company: z.looseObject({ statusHistory: z.array(stageChange).max(200), contactIds: ids }),
  contact: z.looseObject({ tags: z.array(z.string().max(20)).max(30) }),
  event: z.looseObject({}),
  followUp: z.looseObject({ targetKind: z.enum(['deal', 'contact', 'company']), targetId: id }),
  target: z.looseObject({ year: z.number().int(), team: z.string().max(60) }),
  fundReport: z.looseObject({ dealId: id }),
  problem: z.looseObject({ dealId: id }),
};

function describe(issue: z.core.$ZodIssue | undefined): string {
  return issue ? issue.path.map(String).join('.') || '记录' : '记录';
}

const isString = (v: unknown) => typeof v === 'string';
const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
/** The stored type of each field type (forms may hand in loose input; stored records may not). */
const STORED_TYPE: Record<FieldType, (v: unknown) => boolean> = {
  text: isString,
  longtext: isString,
  list: isString,
  date: isString,
  mobile: isString,
  phone: isString,
  email: isString,
  uscc: isString,
  enum: isString,
  eventRef: isString,
  dealRef: isString,
  amount: isNumber,
  int: isNumber,
  decimal: isNumber,
  tags: Array.isArray,
};

/** A NUL or a lone UTF-16 surrogate anywhere in the record: PostgreSQL cannot store either as text. */
function badText(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000') || /\p{Cs}/u.test(value);
  if (depth > 8) return true;
  if (Array.isArray(value)) return value.some((v) => badText(v, depth + 1));
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => badText(k) || badText(v, depth + 1));
  }
  return false;
}

/** The record as given, or a Chinese message naming the first bad field. */
export function checkRecord(kind: RecordKind, value: unknown): Result<BaseRecord> {
  const b = base.safeParse(value);
  if (!b.success) return err(`记录缺少必要字段或格式不对（${describe(b.error.issues[0])}）`);
  const s = structure[kind].safeParse(value);
  if (!s.success) return err(`记录结构不对（${describe(s.error.issues[0])}）`);
  const rec = value as Record<string, unknown>;
  for (const spec of FIELDS_BY_KIND[kind]) {
    const raw = rec[spec.key];
    if (raw !== undefined && !STORED_TYPE[spec.type](raw))
      return err(`${fieldLabel(kind, spec.key)}的类型不对`);
    if (spec.readOnly) {
      if (spec.options && !spec.options.some((o) => o.value === raw)) {
        return err(`${fieldLabel(kind, spec.key)}的值无效`);
      }
      continue;
    }
    const r = validateField(spec, raw);
    if (!r.ok) return err(r.error);
  }
  if (JSON.stringify(value).length > MAX_RECORD_JSON) return err('记录过大');
  if (badText(value)) return err('记录含有无法保存的字符（空字符或残缺的汉字编码）');
  return ok(value as BaseRecord);
}
