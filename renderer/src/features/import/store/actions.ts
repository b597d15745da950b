/**
 * The import wizard's actions. Writes go through repos().imports in one
 * transaction; what the import remembers (the column mapping) and adds (new
 * list values in settings) is written only once that transaction committed,
 * so a cancelled or failed import leaves settings as they were. The parse in
 * flight belongs to the store that started it.
 */
import type { StoreApi } from 'zustand';
import { FIELDS_BY_KIND } from '../../../../../shared/domain/fields';
import type { Unit } from '../../../../../shared/domain/money';
import { todayIso } from '../../../../../shared/domain/dates';
import { findMatches, planRows, writeRows, type ImportMode } from '../../../../../shared/excel/duplicates';
import { detectLayout, guessKind, type SheetLayout } from '../../../../../shared/excel/header';
import { DEFAULT_LIMITS } from '../../../../../shared/excel/limits';
import {
  applyRemembered,
  autoMapping,
  duplicateFields,
  headerSetKey,
  type ColumnMapping,
} from '../../../../../shared/excel/mapping';
import {
  createAll,
  eventMapOf,
  eventsToCreate,
  type EventDecision,
} from '../../../../../shared/excel/linked';
import { NO_HEADER, unitsOf } from '../../../../../shared/excel/preview';
import {
  convertRow,
  extractRows,
  unknownEvents,
  unknownListValues,
  type ConvertContext,
  type ImportRow,
} from '../../../../../shared/excel/rows';
import type { ImportKind } from '../../../../../shared/excel/synonyms';
import type { Cell } from '../../../../../shared/excel/workbook';
import { repos, services } from '../../../app/services';
import { describeError } from '../../../components/errors';
import { backupBefore } from '../../backups/actions';
import { getSettings, useSettingsStore } from '../../settings/store';
import { parseSpreadsheet, type ParseHandle } from '../parseClient';
import { initialState, type ImportState, type ListDecision, type Step } from './initialState';

const MAPPINGS_KEY = 'zhaoshang-ledger.import-mappings';
const EXCEL_FILTERS = [{ name: 'Excel 或 CSV 文件', extensions: ['xlsx', 'xls', 'csv', 'xlsm', 'et'] }];

export interface ImportActions {
  reset(): void;
  pickFile(): Promise<void>;
  loadFile(name: string, bytes: Uint8Array): Promise<void>;
  cancelParse(): void;
  chooseSheet(index: number): void;
  chooseKind(kind: ImportKind): void;
  toMapping(): void;
  setField(index: number, field: string | null): void;
  setUnit(index: number, unit: Unit): void;
  confirmMapping(): Promise<void>;
  decide(field: string, value: string, d: ListDecision): void;
  decideEvent(value: string, d: 'create' | 'leave' | { map: string }): void;
  createAllEvents(): void;
  addAllListValues(): void;
  confirmValues(): Promise<void>;
  fixRow(rowNumber: number, values: Record<string, string>): void;
  toggleSkip(rowNumber: number): void;
  skipAllErrors(): void;
  setMode(mode: ImportMode): void;
  runImport(): Promise<void>;
  back(): void;
  downloadTemplate(kind: ImportKind): Promise<void>;
  undo(batchId: string): Promise<string>;
}

const CHECK_SLICE = 2000;

const decisionKey = (field: string, value: string) => `${field}\u241f${value}`;

function readRemembered(): Record<string, unknown> {
  try {
    return JSON.parse(localStorage.getItem(MAPPINGS_KEY) ?? '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
}

function remember(kind: ImportKind, mapping: ColumnMapping[]): void {
  try {
    const all = readRemembered();
    all[
      headerSetKey(
        kind,
        mapping.map((m) => m.header),
      )
    ] = mapping;
    const keys = Object.keys(all);
    // Only the newest mappings are worth keeping.
    for (const k of keys.slice(0, Math.max(0, keys.length - 50))) delete all[k];
    localStorage.setItem(MAPPINGS_KEY, JSON.stringify(all));
  } catch {
    // A full or disabled localStorage only loses the convenience.
  }
}

function layoutFor(
  grid: Cell[][],
  kind: ImportKind,
): { layout: SheetLayout | null; mapping: ColumnMapping[] } {
  const layout = detectLayout(grid, kind);
  if (!layout) return { layout: null, mapping: [] };
  const auto = autoMapping(layout);
  const mapping = applyRemembered(
    auto,
    readRemembered()[
      headerSetKey(
        kind,
        auto.map((m) => m.header),
      )
    ],
  );
  return { layout, mapping };
}

/** The settings lists with the values the user chose to add (添加到列表), or null when none. */
function listAdditions(s: ImportState): Record<string, string[]> | null {
  const additions: Record<string, string[]> = {};
  for (const u of s.unknown) {
    if (s.decisions[decisionKey(u.field, u.value)]?.action === 'add')
      (additions[u.listKey] ??= []).push(u.value);
  }
  if (Object.keys(additions).length === 0) return null;
  const settings = getSettings();
  const patch: Record<string, string[]> = {};
  for (const [key, values] of Object.entries(additions)) {
    const list = settings[key as 'teams' | 'industries' | 'parks'];
    patch[key] = [...list, ...values.filter((v) => !list.includes(v))];
  }
  return patch;
}

type Set = StoreApi<ImportState & ImportActions>['setState'];
type Get = () => ImportState & ImportActions;

/** The inputs of the plan: when one of them changes, the plan is computed again. */
const PLAN_INPUTS = ['kind', 'rows', 'matches', 'mode', 'skipped'] as const;

/** The actions of one store; `session` is that store's own, never shared. */
export function importActions(setState: Set, get: Get): ImportActions {
  const session: { parsing: ParseHandle | null } = { parsing: null };

  /** Sets state and keeps the plan in step with its inputs. */
  const set = (patch: Partial<ImportState>) => {
    if (PLAN_INPUTS.some((k) => k in patch && patch[k] !== get()[k])) {
      const next = { ...get(), ...patch };
      patch = { ...patch, plan: planRows(next.kind, next.rows, next.matches, next.mode, next.skipped) };
    }
    setState(patch);
  };

  /** Back to a fresh wizard; a new Set each time so no later copy aliases another store's. */
  const fresh = (): ImportState => ({ ...initialState, skipped: new Set() });

  const grid = (): Cell[][] => get().workbook?.sheets[get().sheetIndex]?.rows ?? [];

  const convertContext = (): ConvertContext => {
    const s = get();
    const listMap: Record<string, Record<string, string>> = {};
    for (const u of s.unknown) {
      const d = s.decisions[decisionKey(u.field, u.value)];
      if (d?.action === 'map') (listMap[u.field] ??= {})[u.value] = d.to;
      else if (d?.action === 'add') (listMap[u.field] ??= {})[u.value] = u.value;
    }
    const settings = getSettings();
    const ctx: ConvertContext = {
      settings,
      ...s.refs,
      units: unitsOf(s.mapping),
      listMap,
      eventMap: eventMapOf(s.unknownEvents, s.eventDecisions),
      today: todayIso(),
    };
    if (s.layout?.asOf) ctx.asOf = s.layout.asOf;
    return ctx;
  };

  // Only the records the rows can match are read (through the indexes), never the whole table.
  const rematch = async (rows: ImportRow[]) => {
    const kind = get().kind;
    const candidates = await repos().imports.candidates(kind, rows);
    // A newer rematch or a reset got here first: these matches belong to rows no longer shown.
    if (get().rows !== rows) return;
    set({ matches: findMatches(kind, rows, candidates) });
  };

  const selectSheet = (sheetIndex: number, kind?: ImportKind) => {
    const sheet = get().workbook?.sheets[sheetIndex];
    const rows = sheet?.rows ?? [];
    const k = kind ?? guessKind(rows);
    set({ sheetIndex, kind: k, ...layoutFor(rows, k), error: sheet?.error ?? null });
  };

  return {
    reset() {
      session.parsing?.cancel();
      session.parsing = null;
      setState(fresh());
    },
    async pickFile() {
      const r = await services().platform.openFile({
        filters: EXCEL_FILTERS,
        maxBytes: DEFAULT_LIMITS.maxBytes,
      });
      if (!r.ok) {
        if (r.reason === 'too-large')
          set({
            error: `文件过大，最大 ${DEFAULT_LIMITS.maxBytes / 1048576} MB。请删去不需要的工作表或拆分后再导入。`,
          });
        else if (r.reason === 'unreadable') set({ error: `无法读取文件：${r.message ?? ''}` });
        return;
      }
      await get().loadFile(r.name, r.data);
    },
    async loadFile(name, bytes) {
      session.parsing?.cancel();
      setState({
        ...fresh(),
        fileName: name,
        progress: { stage: '准备读取', fraction: 0, elapsedMs: 0 },
      });
      let handle: ParseHandle | null = null;
      handle = parseSpreadsheet(services().platform.parser, bytes, name, (progress) => {
        if (handle && session.parsing === handle) set({ progress });
      });
      session.parsing = handle;
      const result = await handle.result;
      if (session.parsing !== handle) return;
      session.parsing = null;
      if (!result.ok) {
        set({
          progress: null,
          error: result.cancelled ? null : result.error,
          fileName: result.cancelled ? '' : name,
        });
        return;
      }
      set({ progress: null, workbook: result.value, step: 'sheet' });
      const first = result.value.sheets.findIndex((s) => !s.error && detectLayout(s.rows, guessKind(s.rows)));
      selectSheet(Math.max(0, first));
    },
    cancelParse() {
      session.parsing?.cancel();
      session.parsing = null;
      set({ progress: null, fileName: '' });
    },
    chooseSheet(index) {
      selectSheet(index);
    },
    chooseKind(kind) {
      selectSheet(get().sheetIndex, kind);
    },
    toMapping() {
      const s = get();
      const sheet = s.workbook?.sheets[s.sheetIndex];
      if (sheet?.error) return set({ error: sheet.error });
      if (!s.layout) return set({ error: NO_HEADER });
      const dataRows = grid().length - s.layout.dataStart;
      if (dataRows > DEFAULT_LIMITS.maxRows)
        return set({ error: `工作表超过 ${DEFAULT_LIMITS.maxRows} 行，无法导入。请拆分后再导入。` });
      set({ step: 'mapping', error: null });
    },
    setField(index, field) {
      set({ mapping: get().mapping.map((m) => (m.index === index ? { ...m, field } : m)) });
    },
    setUnit(index, unit) {
      set({
        mapping: get().mapping.map((m) => (m.index === index ? { ...m, unit, unitSource: 'user' } : m)),
      });
    },
    async confirmMapping() {
      const s = get();
      if (!s.layout) return;
      const dup = duplicateFields(s.mapping);
      const specs = FIELDS_BY_KIND[s.kind];
      if (dup.length) {
        return set({
          error: `同一字段对应了多列：${dup.map((f) => specs.find((x) => x.key === f)?.label ?? f).join('、')}。每个字段只能对应一列。`,
        });
      }
      const missing = specs.filter((f) => f.required && !s.mapping.some((m) => m.field === f.key));
      if (missing.length)
        return set({ error: `请为必填字段指定列：${missing.map((f) => f.label).join('、')}` });
      const raw = extractRows(grid(), s.layout, s.mapping);
      if (raw.length === 0) return set({ error: '表头下面没有数据行。' });
      const unknown = unknownListValues(s.kind, raw, getSettings());
      const refs = await repos().imports.refs();
      const events = unknownEvents(s.kind, raw, refs.events);
      // New event names are offered for creation; the user may map or leave each instead.
      const eventDecisions = createAll(events, () => crypto.randomUUID());
      set({ raw, unknown, decisions: {}, unknownEvents: events, eventDecisions, error: null, refs });
      if (unknown.length || events.length) set({ step: 'values' });
      else await get().confirmValues();
    },
    decide(field, value, d) {
      set({ decisions: { ...get().decisions, [decisionKey(field, value)]: d } });
    },
    decideEvent(value, d) {
      const current = get().eventDecisions[value];
      const next: EventDecision =
        d === 'create'
          ? current?.action === 'create'
            ? current
            : { action: 'create', id: crypto.randomUUID() }
          : d === 'leave'
            ? { action: 'leave' }
            : { action: 'map', to: d.map };
      set({ eventDecisions: { ...get().eventDecisions, [value]: next } });
    },
    addAllListValues() {
      const decisions = { ...get().decisions };
      for (const u of get().unknown) decisions[decisionKey(u.field, u.value)] = { action: 'add' };
      set({ decisions });
    },
    createAllEvents() {
      set({
        eventDecisions: createAll(get().unknownEvents, () => crypto.randomUUID(), get().eventDecisions),
      });
    },
    async confirmValues() {
      const s = get();
      if (s.checking !== null) return;
      const ctx = convertContext();
      // Converted in slices with a pause between, so a 100,000-row sheet keeps the page responsive.
      const rows: ImportRow[] = [];
      set({ checking: 0 });
      for (let i = 0; i < s.raw.length; i += CHECK_SLICE) {
        for (const r of s.raw.slice(i, i + CHECK_SLICE)) rows.push(convertRow(s.kind, r, ctx));
        set({ checking: rows.length / s.raw.length });
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      const matches = findMatches(s.kind, rows, await repos().imports.candidates(s.kind, rows));
      set({ rows, matches, skipped: new Set(), step: 'preview', error: null, checking: null });
    },
    fixRow(rowNumber, values) {
      const s = get();
      const ctx = convertContext();
      const rows = s.rows.map((r) => {
        if (r.rowNumber !== rowNumber) return r;
        const next: Record<string, Cell> = {};
        for (const [k, v] of Object.entries(values))
          if (v !== undefined && String(v).trim() !== '') next[k] = String(v);
        return convertRow(s.kind, { rowNumber, values: next }, ctx);
      });
      const skipped = new Set(s.skipped);
      skipped.delete(rowNumber);
      set({ rows, skipped });
      void rematch(rows);
    },
    toggleSkip(rowNumber) {
      const skipped = new Set(get().skipped);
      if (skipped.has(rowNumber)) skipped.delete(rowNumber);
      else skipped.add(rowNumber);
      set({ skipped });
    },
    skipAllErrors() {
      const skipped = new Set(get().skipped);
      for (const r of get().rows) if (r.problems.some((p) => p.level === 'error')) skipped.add(r.rowNumber);
      set({ skipped });
    },
    setMode(mode) {
      set({ mode });
    },
    async runImport() {
      const s = get();
      const plan = s.plan;
      // Rows with errors are skipped like the ones the user skipped: they never block the others.
      const writes = writeRows(s.rows, plan);
      if (writes.length === 0) return set({ error: '没有要导入的行。' });
      const newEvents = eventsToCreate(s.unknownEvents, s.eventDecisions, writes);
      set({ busy: true, error: null });
      try {
        await backupBefore('before-import');
        const batch = await repos().imports.run({
          kind: s.kind,
          fileName: s.fileName,
          mode: s.mode,
          rows: writes,
          skipped: plan.length - writes.length,
          newEvents,
        });
        set({ batch, step: 'done', busy: false, createdEvents: newEvents.map((e) => e.name) });
      } catch (e) {
        set({ busy: false, error: describeError(e) });
        // The database may have changed since the preview (another window); show the rows against it now.
        await rematch(get().rows);
        return;
      }
      // Only now that the rows are in: the mapping is remembered and the added list values saved.
      remember(s.kind, s.mapping);
      const patch = listAdditions(s);
      if (patch) {
        try {
          await useSettingsStore.getState().update(services().platform, patch);
        } catch (e) {
          set({ error: `已导入，但无法把新增的选项加入设置：${describeError(e)}。请在设置中手动添加。` });
        }
      }
    },
    back() {
      const order: Step[] = ['file', 'sheet', 'mapping', 'values', 'preview'];
      const s = get();
      let i = order.indexOf(s.step) - 1;
      if (order[i] === 'values' && s.unknown.length === 0 && s.unknownEvents.length === 0) i--;
      set({ step: order[Math.max(0, i)]!, error: null });
    },
    async downloadTemplate(kind) {
      // SheetJS comes with the first template asked for, not with the app.
      const { buildTemplate, templateFileName } = await import('../../../../../shared/excel/template');
      await services().platform.saveFile({
        defaultName: templateFileName(kind),
        filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
        data: buildTemplate(kind),
      });
    },
    async undo(batchId) {
      const r = await repos().imports.undo(batchId);
      const parts = [`已撤销：删除 ${r.removed} 条新建记录，恢复 ${r.restored} 条更新记录`];
      if (r.linkedRemoved) parts.push(`删除随导入新建、别处未用的活动或客商 ${r.linkedRemoved} 条`);
      if (r.keptFields) parts.push(`${r.keptFields} 处导入后又修改过的内容保持不变`);
      return parts.join('；');
    },
  };
}
