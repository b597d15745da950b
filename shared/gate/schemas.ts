/**
 * The stored shape of every record kind, as zod schemas (SPEC §7, "one gate").
 *
 * The editable fields are checked by the same field specs and the same
 * `validateField` a form save uses: a stored value must be exactly what the
 * form would have stored for it (a fixed point), so a file cannot hold a
 * value a form could never write ("12345" for a name is fine, 12345 is not;
 * "新建" for a project type is not, "new" is). The fields outside the form
 * (stage and status histories, milestones, light override, links) and the
 * base fields (ids, real ISO date-times) have their own schemas here.
 * Unknown fields are refused: a record is what this version writes.
 */
import { z } from 'zod';
import { isIsoDate, MAX_YEAR, MIN_YEAR } from '../domain/dates';
import { FIELDS_BY_KIND, type FieldSpec } from '../domain/fields';
import { MAX_OVERRIDE_REASON } from '../domain/lights';
import { MAX_MILESTONE_NAME } from '../domain/milestones';
import { COMPANY_STATUSES, DEAL_STAGES, type RecordKind } from '../domain/records';
import { validateField } from '../domain/validate';
import { IMPORT_CHUNK_SIZE } from '../domain/history';

export const MAX_ID = 64;
export const MAX_ACTOR = 80;
/** Far more than any real ledger: a guard against files made to exhaust memory. */
export const MAX_HISTORY = 1000;
export const MAX_MILESTONE_ROWS = 200;
export const MAX_LINKS = 2000;

const ISO_DATE_TIME = /^(\d{4})-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/**
 * True for a timestamp exactly as `Date.prototype.toISOString` writes it, of
 * a real instant between 1900 and 2199. Merges compare timestamps as
 * strings, so only this one spelling sorts correctly. Checked by its parts
 * (a real calendar date, hours 00–23, minutes and seconds 00–59), without
 * building a Date: every pushed and imported record has several of these.
 */
export function isIsoDateTime(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE_TIME.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return false;
  return isIsoDate(s.slice(0, 10));
}

export const idSchema = z
  .string({ error: '编号应为文字' })
  .min(1, { error: '编号不能为空' })
  .max(MAX_ID, { error: `编号不能超过${MAX_ID}个字符` });
export const dateTimeSchema = z
  .string({ error: '应为时间' })
  .refine(isIsoDateTime, { error: '不是有效的时间（应为 ISO 格式，如 2026-05-01T08:30:00.000Z）' });
export const dateSchema = z
  .string({ error: '应为日期' })
  .refine((s) => isIsoDate(s) && Number(s.slice(0, 4)) >= MIN_YEAR && Number(s.slice(0, 4)) <= MAX_YEAR, {
    error: '不是有效的日期（应为 YYYY-MM-DD）',
  });
const actorSchema = z.string({ error: '应为文字' }).max(MAX_ACTOR, { error: `不能超过${MAX_ACTOR}个字` });

const baseShape = {
  id: idSchema,
  createdAt: dateTimeSchema,
  updatedAt: dateTimeSchema,
  createdBy: actorSchema,
  updatedBy: actorSchema,
  deletedAt: dateTimeSchema.optional(),
};

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

const TEXT_TYPES = new Set(['text', 'longtext', 'list', 'mobile', 'phone', 'email', 'uscc', 'enum', 'date']);
const NUMBER_TYPES = new Set(['amount', 'int', 'decimal']);

/** The stored value of one form field: what validateField would store for it, nothing else. */
export function fieldSchema(spec: FieldSpec): z.ZodType {
  const checked = z.unknown().superRefine((v, ctx) => {
    if (v === undefined) return void ctx.addIssue({ code: 'custom', message: '缺少此项' });
    if (TEXT_TYPES.has(spec.type) || spec.type === 'eventRef' || spec.type === 'dealRef') {
      if (typeof v !== 'string') return void ctx.addIssue({ code: 'custom', message: '应为文字' });
    } else if (NUMBER_TYPES.has(spec.type)) {
      if (typeof v !== 'number') return void ctx.addIssue({ code: 'custom', message: '应为数字' });
    } else if (spec.type === 'tags') {
      if (!Array.isArray(v) || !v.every((t) => typeof t === 'string'))
        return void ctx.addIssue({ code: 'custom', message: '应为文字列表' });
    }
    // A new contact starts with no tags: the one empty value stored as such.
    if (spec.type === 'tags' && Array.isArray(v) && v.length === 0) return;
    const r = validateField(spec, v);
    if (!r.ok) return void ctx.addIssue({ code: 'custom', message: r.error });
    if (r.value === undefined) {
      if (spec.required) ctx.addIssue({ code: 'custom', message: `${spec.label}不能为空` });
      else ctx.addIssue({ code: 'custom', message: '空值应省略' });
      return;
    }
    if (!sameValue(r.value, v)) ctx.addIssue({ code: 'custom', message: '格式不规范（与表单保存的不同）' });
  });
  return spec.required ? checked : checked.optional();
}

function formShape(kind: RecordKind): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = Object.create(null) as Record<string, z.ZodType>;
  for (const spec of FIELDS_BY_KIND[kind]) shape[spec.key] = fieldSchema(spec);
  return shape;
}

const stageChange = <S extends readonly [string, ...string[]]>(values: S) =>
  z.strictObject({
    stage: z.enum(values, { error: '阶段无效' }),
    date: dateSchema,
    by: actorSchema,
    at: dateTimeSchema,
  });

const milestoneSchema = z.strictObject({
  name: z
    .string({ error: '节点名称应为文字' })
    .trim()
    .min(1, { error: '节点名称不能为空' })
    .max(Math.max(MAX_MILESTONE_NAME, 60), { error: '节点名称过长' }),
  plannedDate: dateSchema.optional(),
  doneDate: dateSchema.optional(),
  doneBy: actorSchema.optional(),
  doneAt: dateTimeSchema.optional(),
});

const idList = z
  .array(idSchema, { error: '应为编号列表' })
  .max(MAX_LINKS, { error: '关联过多' })
  .refine((ids) => new Set(ids).size === ids.length, { error: '有重复的关联' });

const historyOf = <S extends readonly [string, ...string[]]>(values: S) =>
  z
    .array(stageChange(values), { error: '应为变更列表' })
    .min(1, { error: '至少要有一条变更' })
    .max(MAX_HISTORY, { error: '变更条数过多' });

export const dealSchema = z.strictObject({
  ...baseShape,
  ...formShape('deal'),
  stage: z.enum(DEAL_STAGES, { error: '阶段无效' }),
  stageHistory: historyOf(DEAL_STAGES),
  milestones: z
    .array(milestoneSchema, { error: '应为节点列表' })
    .max(MAX_MILESTONE_ROWS, { error: '节点过多' })
    .refine((ms) => new Set(ms.map((m) => m.name)).size === ms.length, { error: '节点名称重复' }),
  lightOverride: z
    .strictObject({
      light: z.enum(['red', 'yellow', 'green'], { error: '亮灯应为红灯、黄灯或绿灯' }),
      reason: z
        .string({ error: '调整原因应为文字' })
        .trim()
        .min(1, { error: '请填写调整原因' })
        .max(MAX_OVERRIDE_REASON, { error: `调整原因不能超过${MAX_OVERRIDE_REASON}个字` }),
      by: actorSchema,
      at: dateTimeSchema,
    })
    .optional(),
  contactIds: idList,
});

export const contactSchema = z.strictObject({ ...baseShape, ...formShape('contact') });

export const companySchema = z.strictObject({
  ...baseShape,
  ...formShape('company'),
  status: z.enum(COMPANY_STATUSES, { error: '状态无效' }),
  statusHistory: historyOf(COMPANY_STATUSES),
  contactIds: idList,
});

export const eventSchema = z.strictObject({ ...baseShape, ...formShape('event') });

export const followUpSchema = z.strictObject({
  ...baseShape,
  ...formShape('followUp'),
  targetKind: z.enum(['deal', 'contact', 'company'], { error: '跟进对象类型无效' }),
  targetId: idSchema,
});

export const targetSchema = z.strictObject({
  ...baseShape,
  ...formShape('target'),
  year: z
    .number({ error: '年度应为数字' })
    .int({ error: '年度应为整数' })
    .min(MIN_YEAR, { error: '年度无效' })
    .max(MAX_YEAR, { error: '年度无效' }),
  team: z.string({ error: '招商组团应为文字' }).max(60, { error: '招商组团名称过长' }),
});

export const fundReportSchema = z.strictObject({
  ...baseShape,
  ...formShape('fundReport'),
  dealId: idSchema,
});

export const problemSchema = z.strictObject({
  ...baseShape,
  ...formShape('problem'),
  dealId: idSchema,
});

export const RECORD_SCHEMAS: Record<RecordKind, z.ZodType> = {
  deal: dealSchema,
  contact: contactSchema,
  company: companySchema,
  event: eventSchema,
  followUp: followUpSchema,
  target: targetSchema,
  fundReport: fundReportSchema,
  problem: problemSchema,
};

export const RECORD_KINDS = [
  'deal',
  'contact',
  'company',
  'event',
  'followUp',
  'target',
  'fundReport',
  'problem',
] as const;

/** A JSON value of bounded depth (old and new values in the change log). */
const jsonValue: z.ZodType = z.lazy(() =>
  z.union([
    z.string().max(100_000),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(jsonValue).max(MAX_HISTORY),
    z.record(z.string().max(200), jsonValue),
  ]),
);

const causeSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('edit') }),
    z.strictObject({ type: z.literal('import'), batchId: idSchema }),
    z.strictObject({ type: z.literal('undo-import'), batchId: idSchema }),
    z.strictObject({ type: z.literal('merge'), file: z.string().max(500) }),
    z.strictObject({ type: z.literal('sample') }),
  ],
  { error: '来源无效' },
);

const sourceRowSchema = z.number().int().min(1).max(10_000_000);

export const changeEntrySchema = z.strictObject({
  id: idSchema,
  recordKind: z.enum(RECORD_KINDS, { error: '记录类型无效' }),
  recordId: idSchema,
  action: z.enum(['create', 'update', 'delete', 'restore', 'import', 'merge', 'purge'], {
    error: '操作类型无效',
  }),
  changes: z
    .array(
      z.strictObject({
        field: z.string().min(1).max(64),
        old: jsonValue.optional(),
        new: jsonValue.optional(),
      }),
    )
    .max(500, { error: '变更字段过多' }),
  by: actorSchema,
  at: dateTimeSchema,
  cause: causeSchema,
  batchId: idSchema.optional(),
  sourceRow: sourceRowSchema.optional(),
});

/**
 * A change-log row standing for the import entries of many records
 * (shared/domain/history.ts ImportChunk, Dexie version 7): what a backup of
 * the change log holds besides entries.
 */
export const importChunkSchema = z
  .strictObject({
    id: idSchema,
    recordKind: z.enum(RECORD_KINDS, { error: '记录类型无效' }),
    recordIds: z
      .array(idSchema)
      .min(1, { error: '导入记录为空' })
      .max(IMPORT_CHUNK_SIZE, { error: '导入记录过多' }),
    sourceRows: z.array(sourceRowSchema).max(IMPORT_CHUNK_SIZE).optional(),
    action: z.literal('import', { error: '操作类型无效' }),
    by: actorSchema,
    at: dateTimeSchema,
    cause: z.strictObject({ type: z.literal('import'), batchId: idSchema }, { error: '来源无效' }),
    batchId: idSchema,
  })
  .refine((c) => c.cause.batchId === c.batchId, { error: '导入批次不一致', path: ['batchId'] })
  .refine((c) => !c.sourceRows || c.sourceRows.length === c.recordIds.length, {
    error: '来源行数与记录数不符',
    path: ['sourceRows'],
  });

const count = z.number({ error: '应为数字' }).int().min(0).max(10_000_000);

export const importBatchSchema = z.strictObject({
  id: idSchema,
  recordKind: z.enum(RECORD_KINDS, { error: '记录类型无效' }),
  fileName: z.string({ error: '应为文字' }).max(500),
  createdAt: dateTimeSchema,
  createdBy: actorSchema,
  created: count,
  updated: count,
  skipped: count.optional(),
  mode: z.string().max(40).optional(),
  undoneAt: dateTimeSchema.optional(),
  undoneBy: actorSchema.optional(),
});

export const metaRowSchema = z.strictObject({
  key: z.string({ error: '应为文字' }).min(1).max(200),
  value: z.unknown(),
});
