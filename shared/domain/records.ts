/**
 * The records of SPEC §2 as stored. Amounts are integers in 元, dates are ISO
 * `YYYY-MM-DD` strings, timestamps are ISO date-times. `deletedAt` is the
 * tombstone: a deleted record is hidden, and purged only on request.
 */

/** Every kind of record, by what it is stored as: the one place kinds are declared. */
export type RecordKind = keyof RecordByKind;
/** The four ledgers with their own list, form and detail pages (follow-ups hang off them). */
export const LEDGER_KINDS = ['deal', 'contact', 'company', 'event'] as const satisfies readonly RecordKind[];
export type LedgerKind = (typeof LEDGER_KINDS)[number];
/** The stored record of a kind. */
export type RecordOf<K extends RecordKind> = RecordByKind[K];

/** Kind → database table (and Repositories member), the one map of it. */
export const TABLE_OF_KIND = {
  deal: 'deals',
  contact: 'contacts',
  company: 'companies',
  event: 'events',
  followUp: 'followUps',
  target: 'targets',
  fundReport: 'fundReports',
  problem: 'problems',
} as const satisfies Record<RecordKind, string>;
export type TableOf<K extends RecordKind> = (typeof TABLE_OF_KIND)[K];

/** A record's field by its spec key (FieldSpec.key), for code generic over kinds. */
export function fieldValue(record: object, key: string): unknown {
  return Reflect.get(record, key) as unknown;
}

export interface BaseRecord {
  id: string;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
  deletedAt?: string;
}

export const DEAL_STAGES = [
  'negotiating',
  'signed',
  'registered',
  'started',
  'producing',
  'on_hold',
  'cancelled',
] as const;
export type DealStage = (typeof DEAL_STAGES)[number];

export const PROJECT_TYPES = ['new', 'expansion', 'upgrade'] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

export interface StageChange<S extends string = DealStage> {
  stage: S;
  /** The day the change happened (may be back-dated by the user). */
  date: string;
  by: string;
  /** When it was recorded. */
  at: string;
}

export interface Milestone {
  name: string;
  plannedDate?: string;
  doneDate?: string;
  doneBy?: string;
  doneAt?: string;
}

export type Light = 'red' | 'yellow' | 'green';

export interface LightOverride {
  light: Light;
  reason: string;
  by: string;
  at: string;
}

export interface Deal extends BaseRecord {
  name: string;
  investor: string;
  origin?: string;
  industry?: string;
  projectType?: ProjectType;
  team?: string;
  eventId?: string;
  signedDate?: string;
  agreedInvestment?: number;
  firstPhaseInvestment?: number;
  landMu?: number;
  plannedStartDate?: string;
  stage: DealStage;
  stageHistory: StageChange[];
  leader?: string;
  unit?: string;
  owner?: string;
  statsEntryDate?: string;
  statsEntryAmount?: number;
  milestones: Milestone[];
  lightOverride?: LightOverride;
  contactIds: string[];
  notes?: string;
}

export interface Contact extends BaseRecord {
  name: string;
  company?: string;
  title?: string;
  mobile?: string;
  phone?: string;
  wechat?: string;
  email?: string;
  origin?: string;
  eventId?: string;
  tags: string[];
  notes?: string;
  lastContactDate?: string;
}

export const COMPANY_STATUSES = [
  'signed',
  'name_approved',
  'registered',
  'moved_in',
  'producing',
  'withdrawn',
] as const;
export type CompanyStatus = (typeof COMPANY_STATUSES)[number];

export interface Company extends BaseRecord {
  name: string;
  originCity?: string;
  originDistrict?: string;
  legalRep?: string;
  contactPerson?: string;
  phone?: string;
  productCategory?: string;
  park?: string;
  building?: string;
  plannedJobs?: number;
  registeredCapital?: number;
  dealId?: string;
  /** The day the company signed; the first date of its status path. */
  signedDate?: string;
  uscc?: string;
  registeredDate?: string;
  status: CompanyStatus;
  statusHistory: StageChange<CompanyStatus>[];
  contactIds: string[];
  notes?: string;
}

export const EVENT_LEVELS = ['province', 'city', 'county'] as const;
export type EventLevel = (typeof EVENT_LEVELS)[number];

export interface LedgerEvent extends BaseRecord {
  name: string;
  city?: string;
  level?: EventLevel;
  startDate?: string;
  endDate?: string;
  organizer?: string;
  notes?: string;
}

export const FOLLOW_UP_KINDS = ['visit', 'call', 'consultation', 'meeting', 'other'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

export interface FollowUp extends BaseRecord {
  targetKind: 'deal' | 'contact' | 'company';
  targetId: string;
  date: string;
  kind: FollowUpKind;
  summary: string;
  by: string;
}

export type ChangeAction = 'create' | 'update' | 'delete' | 'restore' | 'import' | 'merge' | 'purge';

export type ChangeCause =
  | { type: 'edit' }
  | { type: 'import'; batchId: string }
  | { type: 'undo-import'; batchId: string }
  | { type: 'merge'; file: string }
  /** Written by loading the sample dataset (示例数据). */
  | { type: 'sample' };

export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

/** One entry of the change log (过程痕迹). Never edited once written. */
export interface ChangeEntry {
  id: string;
  recordKind: RecordKind;
  recordId: string;
  action: ChangeAction;
  changes: FieldChange[];
  by: string;
  at: string;
  cause: ChangeCause;
  /** Import batch id, indexed so a batch can be undone. */
  batchId?: string;
  /** The spreadsheet row an import created the record from (compact entries, shared/domain/history.ts). */
  sourceRow?: number;
}

export interface ImportBatch {
  id: string;
  recordKind: RecordKind;
  fileName: string;
  createdAt: string;
  createdBy: string;
  created: number;
  updated: number;
  /** Rows the user or the mode left out. */
  skipped?: number;
  /** ImportMode of shared/excel/duplicates.ts. */
  mode?: string;
  undoneAt?: string;
  undoneBy?: string;
}

/**
 * The figures of a year's target (目标任务, SPEC §10): counts of projects and
 * amounts in 元. A figure left out has no target.
 */
export const TARGET_FIGURES = ['signedCount', 'agreed', 'funds', 'started', 'producing'] as const;
export type TargetFigure = (typeof TARGET_FIGURES)[number];

/** One year's target of the county (`team` empty) or of one team. */
export interface Target extends BaseRecord {
  year: number;
  /** The team's name; '' for the county as a whole. */
  team: string;
  signedCount?: number;
  agreed?: number;
  funds?: number;
  started?: number;
  producing?: number;
}

export const FUND_KINDS = ['funds', 'invested'] as const;
/** 到位资金 (funds in place) or 完成投资 (investment completed). */
export type FundKind = (typeof FUND_KINDS)[number];

/** An amount reported against a deal for one month. */
export interface FundReport extends BaseRecord {
  dealId: string;
  kind: FundKind;
  /** `YYYY-MM`. */
  month: string;
  /** 元. */
  amount: number;
  note?: string;
  /** Who reported it. */
  by?: string;
}

export const PROBLEM_KINDS = ['land', 'funds', 'approval', 'eia', 'utilities', 'other'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];
export const PROBLEM_STATUSES = ['open', 'coordinating', 'resolved'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

/** A problem holding a deal up (问题台账). */
export interface Problem extends BaseRecord {
  dealId: string;
  raisedDate: string;
  description: string;
  kind: ProblemKind;
  /** 责任单位. */
  unit?: string;
  /** 责任领导. */
  leader?: string;
  deadline?: string;
  status: ProblemStatus;
  resolution?: string;
  resolvedDate?: string;
}

/** Kind → stored record type. */
export interface RecordByKind {
  deal: Deal;
  contact: Contact;
  company: Company;
  event: LedgerEvent;
  followUp: FollowUp;
  target: Target;
  fundReport: FundReport;
  problem: Problem;
}

/** Newest change first, as the list shows its rows before a sort is chosen. */
export function byNewestChange(
  a: { updatedAt: string; id: string },
  b: { updatedAt: string; id: string },
): number {
  // Ties (an import's records share one time) by id, highest first: the order the
  // updatedAt index hands the first rows in, so the whole read does not reorder them.
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
