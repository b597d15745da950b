/**
 * Sheet rows → record input, with per-cell problems by Excel's row number.
 * Errors stop a row from being imported until it is fixed or skipped;
 * warnings say what the import did on the user's behalf.
 */
import { parseDate, todayIso } from '../domain/dates';
import type { FieldSpec, SettingsListKey } from '../domain/fields';
import { validateMobile } from '../domain/mobile';
import { parseAmount, type Unit } from '../domain/money';
import { toHalfWidth } from '../domain/text';
import { validateField } from '../domain/validate';
import type { Settings } from '../settings';
import { cellText, type SheetLayout } from './header';
import { inferProgress, isFactField, type RowProgress } from './facts';
import type { ColumnMapping } from './mapping';
import { splitContact, splitPlace, type ContactCell } from './places';
import { ID_FIELD, importFields, type ImportKind } from './synonyms';
import type { Cell } from './workbook';

export interface Problem {
  field?: string;
  level: 'error' | 'warning';
  message: string;
}

export interface RawRow {
  /** Excel's own row number (1-based). */
  rowNumber: number;
  /** Mapped field → cell as read (or as fixed by the user). */
  values: Record<string, Cell>;
}

export interface ImportRow extends RawRow {
  /** Stored-shape values ready for the repository. */
  input: Record<string, unknown>;
  problems: Problem[];
  /** Where the record will stand (status or stage, dated steps) and why. */
  progress?: RowProgress;
  /** A contact the row names (联系人及电话), created or linked on import. */
  contact?: ContactCell;
}

// Area code (optional, maybe bracketed), 7–8 digits, optional extension.
const LANDLINE = /^(?:\(?0\d{2,3}\)?-?)?[2-9]\d{6,7}(?:(?:-|转)\d{1,6})?$/;

const TOTAL_ROW = /^(合\s*计|总\s*计|小\s*计|共\s*计|累\s*计)/;
// Signature and note lines under a table: 填表人：…, 注：…
const FOOTER =
  /^(填表人|填报人|制表人?|审核人?|统计人|负责人|填表日期|填报日期|制表日期|注[:：]|说明[:：]|备注[:：]|附[:：])/;

/**
 * The data rows under the header: blank rows are passed over, and reading
 * stops at a 合计/总计/小计 row (totals are not records), at a 填表人/注：
 * line, and at a lone line after two or more blank rows (the blank tail).
 */
export function extractRows(
  rows: Cell[][],
  layout: SheetLayout,
  mapping: readonly ColumnMapping[],
): RawRow[] {
  const out: RawRow[] = [];
  const used = mapping.filter((m) => m.field);
  let blanks = 0;
  for (let r = layout.dataStart; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const texts = row.map(cellText);
    const filled = texts.filter(Boolean).map((t) => toHalfWidth(t).replace(/\s+/g, ''));
    if (filled.slice(0, 3).some((t) => TOTAL_ROW.test(t))) break;
    if (filled.length > 0 && filled.length <= 2 && FOOTER.test(filled[0]!)) break;
    if (filled.length === 0) {
      blanks++;
      continue;
    }
    // A lone line after a blank gap is a note under the table, not a record.
    if (blanks >= 2 && filled.length === 1) break;
    blanks = 0;
    const values: Record<string, Cell> = {};
    let any = false;
    for (const m of used) {
      const cell = row[m.index] ?? null;
      if (cellText(cell) !== '') {
        values[m.field!] = cell;
        any = true;
      }
    }
    if (any) out.push({ rowNumber: r + 1, values });
  }
  return out;
}

/** Lookup of names to ids for linked records (签约活动, 关联项目). */
export interface NamedRef {
  id: string;
  name: string;
}

export interface ConvertContext {
  settings: Pick<Settings, SettingsListKey>;
  events: readonly NamedRef[];
  deals: readonly NamedRef[];
  /** Amount unit per field for plain numbers. */
  units: Record<string, Unit>;
  /** Per list field: value as written → value to store (from the unknown-values step). */
  listMap?: Record<string, Record<string, string>>;
  /**
   * Event names decided in the unknown-values step: name as written → the id
   * of an existing event or of one the import creates, or null to leave it
   * unlinked on purpose.
   */
  eventMap?: Record<string, string | null>;
  /** Today (local), for dating steps; the clock's day when not given. */
  today?: string;
  /** The sheet's as-of date (截至…), for steps a status column names without a date. */
  asOf?: string;
}

const FINAL_TYPES = new Set<FieldSpec['type']>(['amount', 'date', 'mobile', 'eventRef', 'dealRef']);

export const normalizeName = (s: string): string => toHalfWidth(s).replace(/\s+/g, '').toLowerCase();

/** The settings value a list cell names, or null if the list does not have it. */
export function matchListValue(list: readonly string[], value: string): string | null {
  const n = normalizeName(value);
  return list.find((v) => normalizeName(v) === n) ?? null;
}

function dateCell(cell: Cell): Cell {
  // 201710 and 20171012 typed as numbers are year-month(-day), not Excel serials.
  if (typeof cell === 'number' && Number.isInteger(cell)) {
    const s = String(cell);
    if (
      (s.length === 6 && /^(19|2[01])\d{2}(0[1-9]|1[0-2])$/.test(s)) ||
      (s.length === 8 && /^(19|2[01])\d{6}$/.test(s))
    )
      return s;
  }
  return cell;
}

function refLookup(list: readonly NamedRef[], cell: Cell): NamedRef | null {
  const t = cellText(cell);
  if (!t) return null;
  const byId = list.find((r) => r.id === t);
  if (byId) return byId;
  const n = normalizeName(t);
  return list.find((r) => normalizeName(r.name) === n) ?? null;
}

function convertField(
  kind: ImportKind,
  spec: FieldSpec,
  cell: Cell,
  ctx: ConvertContext,
  input: Record<string, unknown>,
  problems: Problem[],
): void {
  const field = spec.key;
  const text = cellText(cell);
  const fail = (message: string): void => {
    problems.push({ field, level: 'error', message });
  };
  const warn = (message: string): void => {
    problems.push({ field, level: 'warning', message });
  };
  let value: unknown = cell;
  switch (spec.type) {
    case 'amount': {
      const r = parseAmount(typeof cell === 'boolean' ? String(cell) : cell, ctx.units[field] ?? 'wan');
      if (!r.ok) return fail(`${spec.label}：${r.error}`);
      value = r.value ?? undefined;
      break;
    }
    case 'date': {
      const r = parseDate(dateCell(cell));
      if (!r.ok) return fail(`${spec.label}：${r.error}`);
      value = r.value ?? undefined;
      break;
    }
    case 'mobile': {
      const r = validateMobile(text);
      if (r.ok) value = r.value;
      else if (kind === 'contact' && !input.phone && LANDLINE.test(toHalfWidth(text).replace(/\s+/g, ''))) {
        // 联系电话 columns mix mobiles and landlines; a landline goes to 电话.
        input.phone = text;
        warn(`「${text}」不是手机号，已作为电话导入`);
        return;
      } else return fail(r.error);
      break;
    }
    case 'list': {
      const list = spec.listKey ? ctx.settings[spec.listKey] : [];
      // Own keys only: a cell reading 「toString」 or 「__proto__」 is a value, not a lookup into Object.prototype.
      const decided = ctx.listMap?.[field];
      const mapped = decided && Object.hasOwn(decided, text) ? decided[text] : undefined;
      if (mapped !== undefined) value = mapped;
      else {
        const hit = matchListValue(list, text);
        if (hit) value = hit;
        else {
          value = text;
          warn(`${spec.label}「${text}」不在设置的列表中，按原文导入`);
        }
      }
      break;
    }
    case 'eventRef':
    case 'dealRef': {
      if (isNoEvent(text)) return;
      const ref = refLookup(spec.type === 'eventRef' ? ctx.events : ctx.deals, cell);
      const decided = spec.type === 'eventRef' && !ref ? decidedEvent(ctx, text) : undefined;
      if (decided === null) {
        warn(`${spec.label}「${text}」按选择不关联`);
        return;
      }
      if (decided) {
        value = decided;
        break;
      }
      if (!ref) {
        warn(`未找到${spec.label}「${text}」，该项不关联`);
        return;
      }
      value = ref.id;
      break;
    }
    case 'int':
    case 'decimal':
      if (typeof cell === 'string') value = toHalfWidth(cell).replace(/[亩人个名\s]+$/, '');
      break;
    case 'enum':
      value = text;
      break;
    default:
      value = typeof cell === 'number' ? String(cell) : cell;
  }
  if (value === undefined) return;
  // These were parsed to their stored form above; checking them again only costs time on big sheets.
  if (FINAL_TYPES.has(spec.type)) {
    input[field] = value;
    return;
  }
  const r = validateField(spec, value);
  if (!r.ok) return fail(r.error);
  if (r.value !== undefined) input[field] = r.value;
}

/** The id an event name was decided to link to, null for 不关联, undefined when undecided. */
function decidedEvent(ctx: ConvertContext, text: string): string | null | undefined {
  const map = ctx.eventMap;
  if (!map) return undefined;
  const n = normalizeName(text);
  for (const [name, id] of Object.entries(map)) if (normalizeName(name) === n) return id;
  return undefined;
}

/** A fact column's value: dates as ISO, texts trimmed; a bad date is a warning (facts never block a row). */
function convertFact(spec: FieldSpec, cell: Cell, facts: Record<string, string>, problems: Problem[]): void {
  if (spec.type === 'date') {
    const r = parseDate(dateCell(cell));
    if (!r.ok)
      problems.push({ field: spec.key, level: 'warning', message: `${spec.label}：${r.error}，未计入进度` });
    else if (r.value) facts[spec.key] = r.value;
    return;
  }
  const t = cellText(cell);
  if (t) facts[spec.key] = t.slice(0, 200);
}

/** 成都武侯区 in the city column fills city and district. */
function splitOrigin(input: Record<string, unknown>): void {
  if (typeof input.originCity !== 'string' || input.originDistrict) return;
  const place = splitPlace(input.originCity);
  if (!place) return;
  input.originCity = place.city;
  input.originDistrict = place.district;
}

/** The contact a row names: a 联系人及电话 cell, or a company's own 联系人 and 电话. */
function rowContact(
  kind: ImportKind,
  input: Record<string, unknown>,
  facts: Record<string, string>,
): ContactCell | undefined {
  const fromCell = facts.contactText ? splitContact(facts.contactText) : null;
  if (kind === 'company') {
    if (fromCell?.name && !input.contactPerson) input.contactPerson = fromCell.name;
    const phone = fromCell?.mobile ?? fromCell?.phone;
    if (phone && !input.phone) input.phone = phone;
    const name = typeof input.contactPerson === 'string' ? input.contactPerson : undefined;
    const mobile =
      fromCell?.mobile ?? (typeof input.phone === 'string' ? splitContact(input.phone)?.mobile : undefined);
    if (!name) return undefined;
    return mobile ? { name, mobile } : { name };
  }
  if (kind === 'deal' && fromCell?.name) return fromCell;
  return undefined;
}

/** Converts one raw row; required fields missing from the sheet are errors. */
export function convertRow(kind: ImportKind, raw: RawRow, ctx: ConvertContext): ImportRow {
  const input: Record<string, unknown> = {};
  const problems: Problem[] = [];
  const facts: Record<string, string> = {};
  for (const spec of importFields(kind)) {
    const cell = raw.values[spec.key];
    if (cell === undefined || cellText(cell) === '') {
      if (spec.required) problems.push({ field: spec.key, level: 'error', message: `${spec.label}不能为空` });
      continue;
    }
    if (isFactField(kind, spec.key)) convertFact(spec, cell, facts, problems);
    else convertField(kind, spec, cell, ctx, input, problems);
  }
  const id = raw.values[ID_FIELD];
  if (id !== undefined && cellText(id)) input[ID_FIELD] = cellText(id);
  const row: ImportRow = { ...raw, input, problems };
  if (kind === 'company') splitOrigin(input);
  const contact = rowContact(kind, input, facts);
  if (contact) row.contact = contact;
  const inferred = inferProgress({
    kind,
    input,
    facts,
    today: ctx.today ?? todayIso(),
    ...(ctx.asOf ? { asOf: ctx.asOf } : {}),
  });
  if (inferred) {
    row.progress = inferred.progress;
    problems.push(...inferred.problems);
    for (const f of inferred.drop) delete input[f];
  }
  return row;
}

/** Values of list fields (组团, 行业, 园区) that the settings lists do not have, with how often each appears. */
export interface UnknownListValue {
  field: string;
  label: string;
  listKey: SettingsListKey;
  value: string;
  count: number;
  rows: number[];
}

export function unknownListValues(
  kind: ImportKind,
  rows: readonly RawRow[],
  settings: Pick<Settings, SettingsListKey>,
): UnknownListValue[] {
  const out = new Map<string, UnknownListValue>();
  for (const spec of importFields(kind)) {
    if (spec.type !== 'list' || !spec.listKey) continue;
    const list = settings[spec.listKey];
    for (const row of rows) {
      const text = cellText(row.values[spec.key]);
      if (!text || matchListValue(list, text)) continue;
      const key = `${spec.key}\u241f${text}`;
      const entry = out.get(key) ?? {
        field: spec.key,
        label: spec.label,
        listKey: spec.listKey,
        value: text,
        count: 0,
        rows: [],
      };
      entry.count++;
      if (entry.rows.length < 20) entry.rows.push(row.rowNumber);
      out.set(key, entry);
    }
  }
  return [...out.values()];
}

/** 签约活动 cells that say there was no event (无, /, —, 非活动签约): no link, and nothing to create. */
const NO_EVENT_CELL = /^(无|没有|暂无|否|非活动|非活动签约|不是活动签约|[/\\\-—－–]+)$/;
export const isNoEvent = (text: string): boolean => NO_EVENT_CELL.test(toHalfWidth(text).replace(/\s+/g, ''));

/** A 签约活动 / 来源活动 name that matches no event, with the rows that name it and the dates they imply. */
export interface UnknownEvent {
  field: string;
  label: string;
  value: string;
  count: number;
  rows: number[];
  /** Earliest and latest signing (or contact) date of those rows: the event's likely dates. */
  from?: string;
  to?: string;
}

const EVENT_DATE_FIELD: Partial<Record<ImportKind, string>> = {
  deal: 'signedDate',
  contact: 'lastContactDate',
};

export function unknownEvents(
  kind: ImportKind,
  rows: readonly RawRow[],
  events: readonly NamedRef[],
): UnknownEvent[] {
  const spec = importFields(kind).find((f) => f.type === 'eventRef');
  if (!spec) return [];
  const known = new Set(events.flatMap((e) => [normalizeName(e.name), e.id]));
  const out = new Map<string, UnknownEvent>();
  const dateField = EVENT_DATE_FIELD[kind];
  for (const row of rows) {
    const text = cellText(row.values[spec.key]);
    if (!text || isNoEvent(text) || known.has(text) || known.has(normalizeName(text))) continue;
    const key = normalizeName(text);
    const entry = out.get(key) ?? { field: spec.key, label: spec.label, value: text, count: 0, rows: [] };
    entry.count++;
    if (entry.rows.length < 20) entry.rows.push(row.rowNumber);
    const d = dateField ? parseDate(dateCell(row.values[dateField] ?? null)) : null;
    if (d?.ok && d.value) {
      if (!entry.from || d.value < entry.from) entry.from = d.value;
      if (!entry.to || d.value > entry.to) entry.to = d.value;
    }
    out.set(key, entry);
  }
  return [...out.values()];
}
