/**
 * The one gate (SPEC §7) every record from outside the running form passes:
 * form saves, spreadsheet import, exchange-file merge, backup restore and,
 * later, team sync (the server imports this module as it is).
 *
 * API
 * - `checkRecord(kind, value)`: the record's own shape (schemas.ts) and the
 *   facts its stage or status needs. Pure, synchronous.
 * - `checkBatch(batch, lookup, opts)`: many records of any kinds, as if
 *   written together over what `lookup` holds: each passes checkRecord, no
 *   id appears twice, no two live records share a unique key (contact
 *   mobile, company USCC) with each other or with a stored record not in the
 *   batch, and every reference (event, deal, follow-up target) points at a
 *   record in the batch or the store. Run it inside the write transaction,
 *   with a lookup that reads through that transaction, so what it saw is
 *   what is written over.
 * - `describeProblems(problems)`: the first problems as one Chinese message
 *   naming kind, record and field.
 *
 * A caller refuses the whole write when any problem is returned.
 */
import type { z } from 'zod';
import { fieldLabel, KIND_LABELS } from '../domain/fields';
import { COMPANY_MAIN_PATH } from '../domain/stages';
import type {
  BaseRecord,
  Company,
  Deal,
  FundReport,
  Problem,
  RecordByKind,
  RecordKind,
} from '../domain/records';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
import { RECORD_KINDS, RECORD_SCHEMAS } from './schemas';

export interface GateProblem {
  kind: RecordKind;
  /** Position of the record in its kind's list of the batch. */
  index: number;
  id?: string;
  /** What the user calls the record: its name, or a stand-in. */
  name: string;
  /** Field key, when the problem is one field's. */
  field?: string;
  /** Chinese, says what is wrong. */
  message: string;
}

export type CheckResult<T> = { ok: true; value: T } | { ok: false; problems: GateProblem[] };

/** Reads of the store the cross-record rules need; the caller binds them to its transaction. */
export interface GateLookup {
  /** Stored records of `kind` (live or deleted) whose `field` is one of `values`. */
  withValues(kind: RecordKind, field: string, values: readonly string[]): Promise<readonly BaseRecord[]>;
  /** Stored records of `kind` with these ids; missing ones may be left out. */
  withIds(kind: RecordKind, ids: readonly string[]): Promise<readonly (BaseRecord | undefined)[]>;
}

/** A store holding nothing: a restore checks the backup against itself alone. */
export const EMPTY_LOOKUP: GateLookup = {
  withValues: async () => [],
  withIds: async () => [],
};

export type Batch = { [K in RecordKind]?: readonly unknown[] };

export interface BatchOptions {
  /**
   * 'live': a reference must point at a live record (a form save).
   * 'exists': a deleted one is enough (merge, restore: the other copy may
   * have deleted an event its deals still name).
   */
  references?: 'live' | 'exists';
  /** Stop after this many problems. */
  maxProblems?: number;
}

interface UniqueRule {
  field: string;
  message: (otherName: string) => string;
}

interface ReferenceRule {
  field: string;
  target: (record: Record<string, unknown>) => RecordKind | undefined;
  message: string;
}

const UNIQUES: Partial<Record<RecordKind, UniqueRule[]>> = {
  contact: [{ field: 'mobile', message: (n) => `手机号已属于客商「${n}」` }],
  company: [{ field: 'uscc', message: (n) => `统一社会信用代码已属于企业「${n}」` }],
};

const REFERENCES: Partial<Record<RecordKind, ReferenceRule[]>> = {
  deal: [{ field: 'eventId', target: () => 'event', message: '所选签约活动不存在或已删除' }],
  contact: [{ field: 'eventId', target: () => 'event', message: '所选来源活动不存在或已删除' }],
  company: [{ field: 'dealId', target: () => 'deal', message: '所选关联项目不存在或已删除' }],
  fundReport: [{ field: 'dealId', target: () => 'deal', message: '所属项目不存在或已删除' }],
  problem: [{ field: 'dealId', target: () => 'deal', message: '所属项目不存在或已删除' }],
  followUp: [
    {
      field: 'targetId',
      target: (r) => r.targetKind as RecordKind | undefined,
      message: '跟进对象不存在或已删除',
    },
  ],
};

const REGISTERED_OR_LATER = new Set<string>(COMPANY_MAIN_PATH.slice(COMPANY_MAIN_PATH.indexOf('registered')));

/** The facts a stage or status needs, beyond each field's own shape. */
function facts(kind: RecordKind, record: Record<string, unknown>): Record<string, string> {
  const errors: Record<string, string> = {};
  if (kind === 'company') {
    const c = record as Partial<Pick<Company, 'status' | 'uscc' | 'registeredDate'>>;
    if (c.status && REGISTERED_OR_LATER.has(c.status)) {
      if (!c.uscc) errors.uscc = '已注册的企业必须有统一社会信用代码';
      if (!c.registeredDate) errors.registeredDate = '已注册的企业必须有注册日期';
    }
  }
  if (kind === 'event') {
    const { startDate, endDate } = record as { startDate?: string; endDate?: string };
    if (startDate && endDate && endDate < startDate) errors.endDate = '结束日期不能早于开始日期';
  }
  if (kind === 'fundReport') {
    const f = record as Partial<Pick<FundReport, 'month' | 'amount'>>;
    if (!MONTH.test(f.month ?? '')) errors.month = '月份应为如 2026-03 或 2026年3月';
    if (!((f.amount ?? 0) > 0)) errors.amount = '金额应大于0';
  }
  if (kind === 'problem') {
    const p = record as Partial<
      Pick<Problem, 'deadline' | 'raisedDate' | 'status' | 'resolution' | 'resolvedDate'>
    >;
    if (p.deadline && p.raisedDate && p.deadline < p.raisedDate) errors.deadline = '办结时限不能早于提出日期';
    if (p.status === 'resolved') {
      if (!p.resolution) errors.resolution = '问题已解决时请填写解决情况';
      if (!p.resolvedDate) errors.resolvedDate = '问题已解决时请填写解决日期';
    }
    if (p.resolvedDate && p.raisedDate && p.resolvedDate < p.raisedDate)
      errors.resolvedDate = '解决日期不能早于提出日期';
  }
  if (kind === 'deal') {
    const d = record as Partial<Pick<Deal, 'stage' | 'stageHistory'>>;
    const last = d.stageHistory?.[d.stageHistory.length - 1];
    if (last && last.stage !== d.stage) errors.stageHistory = '阶段与最后一条阶段变更不一致';
  }
  return errors;
}

/** What the user calls a record, for messages. */
export function recordName(kind: RecordKind, value: unknown): string {
  const r = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 40) : '');
  const name =
    kind === 'followUp'
      ? [text(r.date), text(r.summary)].filter(Boolean).join(' ')
      : kind === 'problem'
        ? text(r.description)
        : kind === 'fundReport'
          ? text(r.month)
          : kind === 'target'
            ? `${String(r.year ?? '')}年${text(r.team) || '全县'}`
            : text(r.name);
  if (name) return name;
  const id = text(r.id);
  return id ? `编号 ${id}` : '（无名称）';
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const key of path) {
    if (!v || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, key)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function zodProblems(kind: RecordKind, index: number, value: unknown, error: z.ZodError): GateProblem[] {
  const id = (value as { id?: unknown } | null)?.id;
  return error.issues.map((issue) => {
    const field = issue.path.length ? String(issue.path[0]) : undefined;
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') message = `有本程序不认识的字段：${issue.keys.join('、')}`;
    else if (issue.code === 'invalid_type' && valueAt(value, issue.path) === undefined) message = '缺少此项';
    else if (!/[\u4e00-\u9fff]/.test(message)) message = '内容无效';
    return {
      kind,
      index,
      id: typeof id === 'string' ? id : undefined,
      name: recordName(kind, value),
      field,
      message,
    };
  });
}

/** The record's own shape and the facts its stage or status needs. */
export function checkRecord<K extends RecordKind>(
  kind: K,
  value: unknown,
  index = 0,
): CheckResult<RecordByKind[K]> {
  const schema = RECORD_SCHEMAS[kind];
  if (!schema) throw new Error(`unknown record kind ${String(kind)}`);
  const r = schema.safeParse(value);
  if (!r.success) return { ok: false, problems: zodProblems(kind, index, value, r.error) };
  const errors = facts(kind, r.data as Record<string, unknown>);
  const keys = Object.keys(errors);
  if (keys.length) {
    const base = { kind, index, id: (value as BaseRecord).id, name: recordName(kind, value) };
    return { ok: false, problems: keys.map((field) => ({ ...base, field, message: errors[field]! })) };
  }
  return { ok: true, value: value as RecordByKind[K] };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/**
 * Checks a batch of records as written together over the store `lookup`
 * reads. Returns the problems found (empty: the batch may be written).
 */
export async function checkBatch(
  batch: Batch,
  lookup: GateLookup,
  opts: BatchOptions = {},
): Promise<GateProblem[]> {
  const max = opts.maxProblems ?? 20;
  const problems: GateProblem[] = [];
  const full = () => problems.length >= max;
  const kinds = RECORD_KINDS.filter((k) => batch[k]?.length);

  for (const kind of kinds) {
    batch[kind]!.forEach((v, i) => {
      if (full()) return;
      const r = checkRecord(kind, v, i);
      if (!r.ok) problems.push(...r.problems.slice(0, max - problems.length));
    });
  }
  if (problems.length) return problems;

  const records = Object.create(null) as Record<RecordKind, (BaseRecord & Record<string, unknown>)[]>;
  for (const kind of RECORD_KINDS) records[kind] = (batch[kind] ?? []) as never;
  const problem = (kind: RecordKind, index: number, field: string | undefined, message: string) => {
    const r = records[kind][index]!;
    problems.push({ kind, index, id: r.id, name: recordName(kind, r), field, message });
  };

  // Ids: one version of a record per batch.
  const batchById = Object.create(null) as Record<RecordKind, Map<string, BaseRecord>>;
  for (const kind of RECORD_KINDS) {
    const byId = new Map<string, BaseRecord>();
    records[kind].forEach((r, i) => {
      if (byId.has(r.id) && !full()) problem(kind, i, 'id', '同一编号的记录出现了两次');
      byId.set(r.id, r);
    });
    batchById[kind] = byId;
  }
  if (problems.length) return problems;

  for (const kind of kinds) {
    for (const rule of UNIQUES[kind] ?? []) {
      const values = [
        ...new Set(records[kind].map((r) => str(r[rule.field])).filter((v) => v !== undefined)),
      ];
      if (!values.length) continue;
      const holders = new Map<string, BaseRecord & Record<string, unknown>>();
      for (const stored of await lookup.withValues(kind, rule.field, values)) {
        const s = stored as BaseRecord & Record<string, unknown>;
        // A stored record the batch writes over holds what the batch says, not what it held.
        if (s.deletedAt || batchById[kind].has(s.id)) continue;
        const v = str(s[rule.field]);
        if (v !== undefined && !holders.has(v)) holders.set(v, s);
      }
      records[kind].forEach((r, i) => {
        const v = str(r[rule.field]);
        if (v === undefined || r.deletedAt || full()) return;
        const other = holders.get(v);
        if (other && other.id !== r.id) problem(kind, i, rule.field, rule.message(recordName(kind, other)));
        else holders.set(v, r);
      });
    }
  }

  const liveOnly = (opts.references ?? 'live') === 'live';
  for (const kind of kinds) {
    for (const rule of REFERENCES[kind] ?? []) {
      const wanted = new Map<RecordKind, Set<string>>();
      for (const r of records[kind]) {
        const target = rule.target(r);
        const id = str(r[rule.field]);
        if (!target || !id || r.deletedAt || batchById[target]?.has(id)) continue;
        (wanted.get(target) ?? wanted.set(target, new Set()).get(target)!).add(id);
      }
      const found = new Map<RecordKind, Map<string, BaseRecord>>();
      for (const [target, ids] of wanted) {
        const rows = await lookup.withIds(target, [...ids]);
        found.set(target, new Map(rows.filter((x): x is BaseRecord => !!x).map((x) => [x.id, x])));
      }
      records[kind].forEach((r, i) => {
        const target = rule.target(r);
        const id = str(r[rule.field]);
        if (!target || !id || r.deletedAt || full()) return;
        const hit = batchById[target]?.get(id) ?? found.get(target)?.get(id);
        if (!hit || (liveOnly && hit.deletedAt)) problem(kind, i, rule.field, rule.message);
      });
    }
  }
  return problems;
}

const BASE_LABELS: Record<string, string> = {
  id: '编号',
  createdAt: '创建时间',
  updatedAt: '修改时间',
  createdBy: '创建人',
  updatedBy: '修改人',
};

/** The Chinese name of a field of any record kind, base fields included. */
export function gateFieldLabel(kind: RecordKind, field: string): string {
  return Object.prototype.hasOwnProperty.call(BASE_LABELS, field)
    ? BASE_LABELS[field]!
    : fieldLabel(kind, field);
}

/** One problem as the user reads it: 客商「张三」的「手机」：手机号已属于客商「李四」. */
export function describeProblem(p: GateProblem): string {
  const where = p.field ? `的「${gateFieldLabel(p.kind, p.field)}」` : '';
  return `${KIND_LABELS[p.kind]}「${p.name}」${where}：${p.message}`;
}

/** The first problems as one message, with how many more there are. */
export function describeProblems(problems: readonly GateProblem[], shown = 3): string {
  const lines = problems.slice(0, shown).map(describeProblem);
  const more = problems.length > shown ? `；另有 ${problems.length - shown} 处问题` : '';
  return lines.join('；') + more;
}
