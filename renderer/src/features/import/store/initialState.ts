/**
 * The import wizard's state: file → sheet and kind → column mapping →
 * unknown list values → preview (fix or skip rows, choose the mode) → import.
 * `initialState` is what a fresh store and a reset start from.
 */
import type { ImportBatch } from '../../../../../shared/domain/records';
import type { ImportMode, PlannedRow, RowMatch } from '../../../../../shared/excel/duplicates';
import type { SheetLayout } from '../../../../../shared/excel/header';
import type { EventDecision } from '../../../../../shared/excel/linked';
import type { ColumnMapping } from '../../../../../shared/excel/mapping';
import type {
  ImportRow,
  NamedRef,
  RawRow,
  UnknownEvent,
  UnknownListValue,
} from '../../../../../shared/excel/rows';
import type { ImportKind } from '../../../../../shared/excel/synonyms';
import type { ParsedWorkbook } from '../../../../../shared/excel/workbook';
import type { ParseProgress } from '../parseClient';

export type Step = 'file' | 'sheet' | 'mapping' | 'values' | 'preview' | 'done';

export type ListDecision = { action: 'keep' } | { action: 'add' } | { action: 'map'; to: string };

export interface ImportState {
  step: Step;
  fileName: string;
  workbook: ParsedWorkbook | null;
  progress: ParseProgress | null;
  /** The last refusal or failure, in Chinese; nothing was written. */
  error: string | null;
  sheetIndex: number;
  kind: ImportKind;
  layout: SheetLayout | null;
  mapping: ColumnMapping[];
  unknown: UnknownListValue[];
  decisions: Record<string, ListDecision>;
  /** 签约活动 names that match no event, and what to do with each (by name as written). */
  unknownEvents: UnknownEvent[];
  eventDecisions: Record<string, EventDecision>;
  /** Names of the events the last import created. */
  createdEvents: string[];
  raw: RawRow[];
  rows: ImportRow[];
  matches: RowMatch[];
  skipped: ReadonlySet<number>;
  mode: ImportMode;
  /**
   * What each row will do under the mode and skips; kept in step with rows,
   * matches, mode, skipped and kind by every action that changes them.
   */
  plan: PlannedRow[];
  refs: { events: NamedRef[]; deals: NamedRef[] };
  busy: boolean;
  /** Share of rows checked so far while the preview is being built, else null. */
  checking: number | null;
  batch: ImportBatch | null;
}

export const initialState: ImportState = {
  step: 'file',
  fileName: '',
  workbook: null,
  progress: null,
  error: null,
  sheetIndex: 0,
  kind: 'deal',
  layout: null,
  mapping: [],
  unknown: [],
  decisions: {},
  unknownEvents: [],
  eventDecisions: {},
  createdEvents: [],
  raw: [],
  rows: [],
  matches: [],
  skipped: new Set(),
  mode: 'upsert',
  plan: [],
  refs: { events: [], deals: [] },
  busy: false,
  checking: null,
  batch: null,
};
