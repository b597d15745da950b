/**
 * Field specifications of the editable part of each record kind: the Chinese
 * label, the value type and the rules. One table drives validation in the
 * repositories, the forms, the list columns and (later) the Excel mapping, so
 * a label or rule is changed in one place.
 */
import type { Settings } from '../settings';
import {
  COMPANY_STATUSES,
  DEAL_STAGES,
  EVENT_LEVELS,
  FOLLOW_UP_KINDS,
  PROJECT_TYPES,
  type RecordKind,
} from './records';
import { COMPANY_STATUS_LABELS, DEAL_STAGE_LABELS } from './stages';

export type FieldType =
  | 'text'
  | 'longtext'
  | 'amount'
  | 'date'
  | 'int'
  | 'decimal'
  | 'mobile'
  | 'phone'
  | 'email'
  | 'uscc'
  | 'enum'
  | 'list'
  | 'tags'
  | 'eventRef'
  | 'dealRef';

export interface Option {
  value: string;
  label: string;
}

/** Settings lists that offer the choices of a `list` field. */
export type SettingsListKey = keyof Pick<Settings, 'teams' | 'industries' | 'parks'>;

export interface FieldSpec {
  key: string;
  label: string;
  type: FieldType;
  required?: boolean;
  /** Fixed choices of an `enum` field. */
  options?: readonly Option[];
  /** Suggested choices of a `list` field; other values are kept as typed. */
  listKey?: SettingsListKey;
  /** Suggested free choices (e.g. origin cities). */
  suggestions?: readonly string[];
  maxLength?: number;
  /** Shown as a list column unless the user hides it. */
  column?: boolean;
  /** Offered as a filter above the list. */
  filter?: boolean;
  /** Searched by the list's search box. */
  searchable?: boolean;
  /** Not editable in the record form (changed by a dedicated action). */
  readOnly?: boolean;
}

const opts = <T extends string>(values: readonly T[], labels: Record<T, string>): Option[] =>
  values.map((value) => ({ value, label: labels[value] }));

export const PROJECT_TYPE_LABELS = { new: '新建', expansion: '扩建', upgrade: '技改' } as const;
export const EVENT_LEVEL_LABELS = { province: '省级', city: '市级', county: '县级' } as const;
export const FOLLOW_UP_KIND_LABELS = {
  visit: '走访',
  call: '电话',
  consultation: '会商',
  meeting: '例会',
  other: '其他',
} as const;

export const ORIGINS = ['成都', '重庆', '京津冀', '长三角', '珠三角', '省内其他', '境外', '其他'];
export const PRODUCT_CATEGORIES = ['女鞋', '男鞋', '童鞋', '运动鞋', '鞋材', '鞋机', '其他'];

export const DEAL_FIELDS: FieldSpec[] = [
  {
    key: 'name',
    label: '项目名称',
    type: 'text',
    required: true,
    maxLength: 100,
    column: true,
    searchable: true,
  },
  {
    key: 'investor',
    label: '投资方',
    type: 'text',
    required: true,
    maxLength: 100,
    column: true,
    searchable: true,
  },
  { key: 'origin', label: '投资方来源地', type: 'text', suggestions: ORIGINS, filter: true },
  // Not shown in the list by default, nor 签约活动 and 包案领导: the default columns fit a 1280 px wide page.
  { key: 'industry', label: '行业', type: 'list', listKey: 'industries', filter: true },
  { key: 'projectType', label: '项目类型', type: 'enum', options: opts(PROJECT_TYPES, PROJECT_TYPE_LABELS) },
  { key: 'team', label: '招商组团', type: 'list', listKey: 'teams', column: true, filter: true },
  { key: 'eventId', label: '签约活动', type: 'eventRef', filter: true },
  { key: 'signedDate', label: '签约日期', type: 'date', column: true },
  { key: 'agreedInvestment', label: '协议投资额', type: 'amount', column: true },
  { key: 'firstPhaseInvestment', label: '一期投资', type: 'amount' },
  { key: 'landMu', label: '用地面积(亩)', type: 'decimal' },
  { key: 'plannedStartDate', label: '计划开工日期', type: 'date' },
  {
    key: 'stage',
    label: '阶段',
    type: 'enum',
    options: opts(DEAL_STAGES, DEAL_STAGE_LABELS),
    column: true,
    filter: true,
    readOnly: true,
  },
  { key: 'leader', label: '包案领导', type: 'text', maxLength: 40, searchable: true },
  { key: 'unit', label: '责任单位', type: 'text', maxLength: 80, searchable: true },
  { key: 'owner', label: '责任人', type: 'text', maxLength: 40, searchable: true },
  { key: 'statsEntryDate', label: '入库日期', type: 'date' },
  { key: 'statsEntryAmount', label: '入库金额', type: 'amount' },
  { key: 'notes', label: '备注', type: 'longtext', maxLength: 2000 },
];

export const CONTACT_FIELDS: FieldSpec[] = [
  { key: 'name', label: '姓名', type: 'text', required: true, maxLength: 40, column: true, searchable: true },
  { key: 'company', label: '单位', type: 'text', maxLength: 100, column: true, searchable: true },
  { key: 'title', label: '职务', type: 'text', maxLength: 40, column: true },
  { key: 'mobile', label: '手机', type: 'mobile', column: true, searchable: true },
  { key: 'phone', label: '电话', type: 'phone' },
  { key: 'wechat', label: '微信', type: 'text', maxLength: 40 },
  { key: 'email', label: '邮箱', type: 'email' },
  { key: 'origin', label: '来源地', type: 'text', suggestions: ORIGINS, column: true, filter: true },
  { key: 'eventId', label: '来源活动', type: 'eventRef', column: true, filter: true },
  { key: 'tags', label: '标签', type: 'tags', column: true },
  { key: 'lastContactDate', label: '最近联系', type: 'date', column: true },
  { key: 'notes', label: '备注', type: 'longtext', maxLength: 2000 },
];

export const COMPANY_FIELDS: FieldSpec[] = [
  {
    key: 'name',
    label: '企业名称',
    type: 'text',
    required: true,
    maxLength: 100,
    column: true,
    searchable: true,
  },
  {
    key: 'originCity',
    label: '原所在地',
    type: 'text',
    suggestions: ['成都', '重庆'],
    column: true,
    filter: true,
  },
  { key: 'originDistrict', label: '原所在区县', type: 'text', maxLength: 40 },
  { key: 'legalRep', label: '法定代表人', type: 'text', maxLength: 40, searchable: true },
  { key: 'contactPerson', label: '联系人', type: 'text', maxLength: 40, column: true, searchable: true },
  { key: 'phone', label: '电话', type: 'phone', column: true },
  {
    key: 'productCategory',
    label: '产品类别',
    type: 'text',
    suggestions: PRODUCT_CATEGORIES,
    // Not a default column, nor 签约日期: the default columns fit a 1280 px wide page.
    filter: true,
  },
  { key: 'park', label: '入驻园区', type: 'list', listKey: 'parks', column: true, filter: true },
  { key: 'building', label: '厂房/楼栋', type: 'text', maxLength: 60 },
  { key: 'plannedJobs', label: '计划用工', type: 'int' },
  { key: 'registeredCapital', label: '注册资本', type: 'amount' },
  { key: 'dealId', label: '关联项目', type: 'dealRef' },
  { key: 'signedDate', label: '签约日期', type: 'date' },
  { key: 'uscc', label: '统一社会信用代码', type: 'uscc', column: true, searchable: true },
  { key: 'registeredDate', label: '注册日期', type: 'date', column: true },
  {
    key: 'status',
    label: '状态',
    type: 'enum',
    options: opts(COMPANY_STATUSES, COMPANY_STATUS_LABELS),
    column: true,
    filter: true,
    readOnly: true,
  },
  { key: 'notes', label: '备注', type: 'longtext', maxLength: 2000 },
];

export const EVENT_FIELDS: FieldSpec[] = [
  {
    key: 'name',
    label: '活动名称',
    type: 'text',
    required: true,
    maxLength: 100,
    column: true,
    searchable: true,
  },
  { key: 'city', label: '城市', type: 'text', maxLength: 40, column: true, filter: true, searchable: true },
  {
    key: 'level',
    label: '级别',
    type: 'enum',
    options: opts(EVENT_LEVELS, EVENT_LEVEL_LABELS),
    column: true,
    filter: true,
  },
  { key: 'startDate', label: '开始日期', type: 'date', column: true },
  { key: 'endDate', label: '结束日期', type: 'date', column: true },
  { key: 'organizer', label: '主办单位', type: 'text', maxLength: 100, column: true, searchable: true },
  { key: 'notes', label: '备注', type: 'longtext', maxLength: 2000 },
];

export const FOLLOW_UP_FIELDS: FieldSpec[] = [
  { key: 'date', label: '日期', type: 'date', required: true, column: true },
  {
    key: 'kind',
    label: '方式',
    type: 'enum',
    required: true,
    options: opts(FOLLOW_UP_KINDS, FOLLOW_UP_KIND_LABELS),
    column: true,
  },
  { key: 'summary', label: '内容', type: 'longtext', required: true, maxLength: 2000, column: true },
  { key: 'by', label: '跟进人', type: 'text', maxLength: 40, column: true },
];

export const FIELDS_BY_KIND: Record<RecordKind, FieldSpec[]> = {
  deal: DEAL_FIELDS,
  contact: CONTACT_FIELDS,
  company: COMPANY_FIELDS,
  event: EVENT_FIELDS,
  followUp: FOLLOW_UP_FIELDS,
};

export const KIND_LABELS: Record<RecordKind, string> = {
  deal: '签约项目',
  contact: '客商',
  company: '企业',
  event: '活动',
  followUp: '跟进记录',
};

/** Labels of fields that are not in the form but appear in the change log. */
export const EXTRA_FIELD_LABELS: Record<string, string> = {
  stageHistory: '阶段变更',
  statusHistory: '状态变更',
  milestones: '销号节点',
  lightOverride: '亮灯调整',
  contactIds: '关联客商',
  deletedAt: '删除时间',
  targetKind: '对象类型',
  targetId: '对象',
};

export function fieldLabel(kind: RecordKind, key: string): string {
  return FIELDS_BY_KIND[kind].find((f) => f.key === key)?.label ?? EXTRA_FIELD_LABELS[key] ?? key;
}
