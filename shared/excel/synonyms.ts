/**
 * Header synonyms per record kind, built on the labels of shared/domain/fields.ts:
 * a field's own label always matches, these add the names real ledgers use.
 */
import { FIELDS_BY_KIND, type FieldSpec } from '../domain/fields';
import { LEDGER_KINDS, type LedgerKind } from '../domain/records';
import { toHalfWidth } from '../domain/text';
import { FACT_FIELDS } from './facts';

export type ImportKind = LedgerKind;
export const IMPORT_KINDS: readonly ImportKind[] = LEDGER_KINDS;

/** Pseudo-field for a record id column, so a re-imported export updates by id. */
export const ID_FIELD = 'id';
export const ID_LABEL = '记录编号';

const EXTRA: Record<ImportKind, Record<string, string[]>> = {
  deal: {
    name: ['项目名', '名称', '项目', '签约项目', '项目全称', '签约项目名称'],
    investor: [
      '投资主体',
      '投资企业',
      '投资商',
      '投资单位',
      '投资方名称',
      '签约企业',
      '签约单位',
      '签约主体',
      '投资人',
      '企业名称',
      '投资企业名称',
      '签约企业名称',
    ],
    origin: ['来源地', '投资方所在地', '客商来源地', '投资来源地', '来源'],
    industry: ['所属行业', '产业', '产业类别', '行业类别', '行业分类'],
    projectType: ['类型', '建设性质', '项目性质'],
    team: ['组团', '招商组', '责任组团', '牵头组团', '所属组团', '所属片组', '片组'],
    eventId: ['活动', '活动名称', '签约平台', '签约场合'],
    signedDate: ['签约时间', '签约日'],
    agreedInvestment: [
      '投资额',
      '总投资',
      '协议引资',
      '协议引资额',
      '协议总投资',
      '计划总投资',
      '投资总额',
      '总投资额',
      '协议金额',
    ],
    firstPhaseInvestment: ['一期投资额', '首期投资', '一期', '首期', '一期投资金额'],
    landMu: ['用地面积', '用地', '占地面积', '用地规模', '占地', '需用土地', '需用地', '用地需求'],
    plannedStartDate: ['计划开工时间', '开工时间', '计划开工'],
    leader: ['联系领导', '责任领导', '包联领导', '分管领导'],
    unit: ['牵头单位', '责任部门'],
    owner: ['经办人', '具体责任人', '跟进人', '联络人'],
    statsEntryDate: ['入库时间'],
    statsEntryAmount: ['入库投资额', '入库额'],
    notes: ['说明', '进展情况', '项目进展', '推进情况', '项目内容', '项目简介', '建设内容'],
    stageText: ['阶段', '进展', '当前阶段', '推进阶段', '项目状态', '状态', '建设阶段', '项目进度', '进度'],
    startedDate: ['开工日期', '实际开工时间', '实际开工'],
    producingDate: ['投产时间', '竣工投产时间', '竣工投产日期', '实际投产日期', '投产'],
    contactText: [
      '企业联系人',
      '联系人及电话',
      '联系方式',
      '联系人',
      '联系人电话',
      '项目联系人',
      '联系人及联系方式',
    ],
  },
  contact: {
    name: ['客商姓名', '联系人', '联系人姓名', '名字', '客商'],
    company: ['公司', '企业', '工作单位', '所在单位', '公司名称', '企业名称', '单位名称'],
    title: ['职位'],
    mobile: ['手机号', '手机号码', '移动电话', '联系电话', '联系方式'],
    phone: ['座机', '固定电话', '办公电话'],
    wechat: ['微信号'],
    email: ['电子邮箱', 'email', 'e-mail', '邮件'],
    origin: ['所在地', '地区', '籍贯'],
    eventId: ['活动', '结识活动', '活动名称'],
    tags: ['分类'],
    lastContactDate: ['最近联系日期', '联系日期', '最后联系'],
    notes: ['说明'],
  },
  company: {
    name: ['公司名称', '名称', '企业', '单位名称', '市场主体名称'],
    originCity: ['迁出地', '来源地', '原所在城市', '原籍'],
    originDistrict: ['区县', '原区县'],
    legalRep: ['法人', '法人代表', '法定代表', '法定代表人姓名'],
    contactPerson: ['联系人姓名'],
    phone: ['联系电话', '手机', '联系方式', '手机号'],
    productCategory: ['产品', '主要产品', '类别', '产品类型'],
    park: ['园区', '所在园区', '入驻园'],
    building: ['厂房', '楼栋', '入驻厂房', '厂房楼栋'],
    plannedJobs: ['用工人数', '用工', '计划用工人数'],
    registeredCapital: ['注册资金', '注册资本金'],
    dealId: ['项目名称', '所属项目'],
    signedDate: ['签约时间'],
    uscc: ['信用代码', '社会信用代码', '统一代码', '统一社会信用代码证'],
    registeredDate: [
      '注册时间',
      '成立日期',
      '登记日期',
      '注册登记日期',
      '领照日期',
      '领照时间',
      '登记时间',
      '办照时间',
    ],
    notes: ['说明'],
    statusText: [
      '状态',
      '进度',
      '注册情况',
      '注册进度',
      '办理进度',
      '企业状态',
      '是否注册',
      '当前状态',
      '办照情况',
      '办理情况',
    ],
    nameApprovedDate: ['核名日期', '核准日期', '名称核准时间', '名称预先核准日期', '核名时间'],
    movedInDate: ['入驻时间', '入园时间', '入驻园区时间', '进驻时间', '进驻日期'],
    producingDate: ['投产时间', '实际投产日期', '开始生产日期'],
    contactText: ['联系人及电话', '联系人电话', '联系人及联系方式', '企业联系人'],
  },
  event: {
    name: ['名称', '活动', '活动名'],
    city: ['举办地', '地点', '举办城市'],
    level: ['活动级别', '层级'],
    startDate: ['开始时间', '日期', '举办时间', '举办日期'],
    endDate: ['结束时间'],
    organizer: ['主办方', '主办'],
    notes: ['说明'],
  },
};

/**
 * A header reduced to what names it: half-width, lower case, without spaces,
 * line breaks, required-marks (*), bracketed units and notes, and 单位：… tails.
 */
export function normalizeHeader(header: string): string {
  return toHalfWidth(header)
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/\([^)]*\)/g, '')
    .replace(/[【[][^\]】]*[\]】]/g, '')
    .replace(/单位[:：].*$/, '')
    .replace(/[*＊:：]/g, '');
}

/** Fields a sheet may fill for a kind: the editable ones and the fact columns (shared/excel/facts.ts). */
const fieldsCache = new Map<ImportKind, FieldSpec[]>();

export function importFields(kind: ImportKind): FieldSpec[] {
  let fields = fieldsCache.get(kind);
  if (!fields) {
    fields = [...FIELDS_BY_KIND[kind].filter((f) => !f.readOnly), ...FACT_FIELDS[kind]];
    fieldsCache.set(kind, fields);
  }
  return fields;
}

interface Synonym {
  field: string;
  text: string;
}

const cache = new Map<ImportKind, Synonym[]>();

function synonyms(kind: ImportKind): Synonym[] {
  let list = cache.get(kind);
  if (!list) {
    list = [
      { field: ID_FIELD, text: 'id' },
      { field: ID_FIELD, text: '记录id' },
      { field: ID_FIELD, text: normalizeHeader(ID_LABEL) },
    ];
    for (const spec of importFields(kind)) {
      for (const t of [spec.label, ...(EXTRA[kind][spec.key] ?? [])])
        list.push({ field: spec.key, text: normalizeHeader(t) });
    }
    cache.set(kind, list);
  }
  return list;
}

/**
 * The field a header names, or null. An exact synonym wins; otherwise the
 * longest synonym of three or more characters the header contains (so
 * 一期投资额 is 一期投资, not 投资额), as long as the header is not much
 * longer than it (a title row is not a header).
 */
export function matchHeader(kind: ImportKind, header: string): string | null {
  return matchExact(kind, header) ?? matchWithin(kind, header);
}

/** The field whose synonym is exactly this header, or null. */
export function matchExact(kind: ImportKind, header: string): string | null {
  const h = normalizeHeader(header);
  if (!h) return null;
  return synonyms(kind).find((s) => s.text === h)?.field ?? null;
}

/** The field of the longest synonym (three characters or more) the header contains, or null. */
export function matchWithin(kind: ImportKind, header: string): string | null {
  const h = normalizeHeader(header);
  if (!h) return null;
  let best: Synonym | null = null;
  for (const s of synonyms(kind)) {
    // Two-character synonyms (名称, 项目, 状态) name too many things to be found inside a longer header.
    if (s.text.length < 3 || !h.includes(s.text) || h.length > s.text.length + 6) continue;
    if (!best || s.text.length > best.text.length) best = s;
  }
  return best?.field ?? null;
}
