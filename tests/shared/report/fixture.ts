/**
 * A small ledger modelled on 乐至县's 2017 report: two fairs, deals across
 * teams and industries (one outside the period, one cancelled, one deleted),
 * shoe companies at every registration step, contacts and follow-ups.
 */
import type { Company, Contact, Deal, FollowUp, LedgerEvent } from '../../../shared/domain/records';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import type { ReportInput, ReportSettings } from '../../../shared/report/summaryModel';

const base = {
  createdAt: '2017-01-01T00:00:00Z',
  updatedAt: '2017-01-01T00:00:00Z',
  createdBy: '张三',
  updatedBy: '张三',
};
const YI = 100_000_000;
const WAN = 10_000;

export const TODAY = '2017-10-31';
export const PERIOD = { from: '2017-01-01', to: '2017-10-31' };

export const events: LedgerEvent[] = [
  {
    ...base,
    id: 'e1',
    name: '第十六届中国西部国际博览会',
    city: '成都',
    level: 'province',
    startDate: '2017-10-12',
  },
  {
    ...base,
    id: 'e2',
    name: '2017成渝鞋业产业转移对接会',
    city: '成都',
    level: 'city',
    startDate: '2017-05-18',
  },
];

let n = 0;
function deal(p: Partial<Deal> & Pick<Deal, 'name' | 'investor'>): Deal {
  n += 1;
  const signedDate = p.signedDate;
  return {
    ...base,
    id: `d${n}`,
    stage: 'signed',
    stageHistory: signedDate
      ? [{ stage: 'signed', date: signedDate, by: '张三', at: `${signedDate}T10:00:00Z` }]
      : [],
    milestones: [],
    contactIds: [],
    ...p,
  };
}

export const deals: Deal[] = [
  deal({
    name: '大东鞋业女鞋生产基地',
    investor: '成都大东鞋业有限公司',
    origin: '成都',
    industry: '鞋业',
    projectType: 'new',
    team: '纺织鞋业办公室',
    eventId: 'e1',
    signedDate: '2017-10-12',
    agreedInvestment: 35 * YI,
    firstPhaseInvestment: 12 * YI,
    landMu: 320,
    plannedStartDate: '2017-12-01',
    leader: '王县长',
    unit: '县经济开发区管委会',
    owner: '李四',
    milestones: [{ name: '注册', plannedDate: '2017-10-20' }],
  }),
  deal({
    name: '汽车零部件精密铸造项目',
    investor: '重庆长鑫机械有限公司',
    origin: '重庆',
    industry: '汽车及零部件',
    team: '汽车及零部件办公室',
    eventId: 'e1',
    signedDate: '2017-10-13',
    agreedInvestment: 20 * YI,
    firstPhaseInvestment: 8 * YI,
    landMu: 150.5,
    leader: '刘副县长',
    unit: '县经信局',
    stage: 'registered',
    statsEntryDate: '2017-10-25',
    statsEntryAmount: 5 * YI,
  }),
  deal({
    name: '川中农产品冷链物流园',
    investor: '四川川中物流集团',
    origin: '省内其他',
    industry: '商贸物流',
    team: '第一招商组团',
    eventId: 'e1',
    signedDate: '2017-10-12',
    agreedInvestment: 12.4 * YI,
    leader: '陈副县长',
    unit: '县商务局',
  }),
  deal({
    name: '童鞋研发生产项目',
    investor: '成都小金鹿童鞋有限公司',
    origin: '成都',
    industry: '鞋业',
    team: '纺织鞋业办公室',
    eventId: 'e2',
    signedDate: '2017-05-18',
    agreedInvestment: 3000 * WAN,
    firstPhaseInvestment: 1234.56 * WAN,
    stage: 'started',
    leader: '王县长',
    unit: '万贯鞋业产业园管委会',
    statsEntryDate: '2017-08-10',
    statsEntryAmount: 2500 * WAN,
  }),
  deal({
    name: '鞋材配套产业园',
    investor: '温州鸿泰鞋材有限公司',
    origin: '长三角',
    industry: '鞋材配套',
    team: '第二招商组团',
    eventId: 'e2',
    signedDate: '2017-05-18',
    agreedInvestment: 8 * YI,
    leader: '赵局长',
    unit: '县投资促进局',
  }),
  deal({
    name: '医疗器械产业化项目',
    investor: '深圳康达医疗科技有限公司',
    origin: '珠三角',
    industry: '医疗器械',
    team: '第一招商组团',
    signedDate: '2017-03-08',
    agreedInvestment: 5.2 * YI,
    leader: '陈副县长',
    unit: '县卫计局',
    lightOverride: {
      light: 'yellow',
      reason: '环评批复延后，已协调',
      by: '王县长',
      at: '2017-10-01T00:00:00Z',
    },
  }),
  deal({
    name: '文旅康养小镇',
    investor: '北京华夏文旅投资有限公司',
    origin: '京津冀',
    industry: '文旅',
    team: '第三招商组团',
    signedDate: '2016-12-20',
    agreedInvestment: 30 * YI,
    leader: '周书记',
  }),
  deal({
    name: '已终止的包装项目',
    investor: '某包装公司',
    industry: '其他',
    team: '第二招商组团',
    signedDate: '2017-06-01',
    agreedInvestment: 1 * YI,
    stage: 'cancelled',
  }),
  deal({
    name: '已删除的测试项目',
    investor: '测试公司',
    team: '第一招商组团',
    signedDate: '2017-06-01',
    agreedInvestment: 9 * YI,
    deletedAt: '2017-06-02T00:00:00Z',
  }),
  deal({
    name: '在谈的电商产业园',
    investor: '杭州某电商公司',
    team: '第四招商组团',
    stage: 'negotiating',
    stageHistory: [{ stage: 'negotiating', date: '2017-09-01', by: '张三', at: '2017-09-01T00:00:00Z' }],
  }),
];

function company(id: string, p: Partial<Company> & Pick<Company, 'name'>): Company {
  const signedDate = p.signedDate ?? '2017-06-01';
  return {
    ...base,
    id,
    status: 'signed',
    statusHistory: [{ stage: 'signed', date: signedDate, by: '张三', at: `${signedDate}T00:00:00Z` }],
    contactIds: [],
    signedDate,
    ...p,
  };
}

export const companies: Company[] = [
  company('c1', {
    name: '乐至大东鞋业有限公司',
    originCity: '成都',
    originDistrict: '武侯区',
    legalRep: '陈大东',
    productCategory: '女鞋',
    park: '万贯鞋业产业园',
    building: 'A3栋',
    plannedJobs: 600,
    registeredCapital: 5000 * WAN,
    dealId: 'd1',
    signedDate: '2017-10-12',
    uscc: '91310110666007217T',
    registeredDate: '2017-10-25',
    status: 'registered',
  }),
  company('c2', {
    name: '乐至小金鹿童鞋有限公司',
    originCity: '成都',
    productCategory: '童鞋',
    park: '万贯鞋业产业园',
    plannedJobs: 200,
    dealId: 'd4',
    signedDate: '2017-05-18',
    uscc: '91510100000000004X',
    registeredDate: '2017-06-10',
    status: 'moved_in',
  }),
  company('c3', {
    name: '重庆璧山某男鞋厂',
    originCity: '重庆',
    productCategory: '男鞋',
    signedDate: '2017-07-01',
  }),
  company('c4', {
    name: '成都某鞋材公司',
    originCity: '成都',
    productCategory: '鞋材',
    signedDate: '2017-08-01',
    status: 'name_approved',
  }),
  company('c5', {
    name: '去年签约的鞋厂',
    originCity: '成都',
    signedDate: '2016-11-01',
    status: 'registered',
  }),
];

export const contacts: Contact[] = [
  {
    ...base,
    id: 'k1',
    name: '陈大东',
    company: '成都大东鞋业有限公司',
    title: '董事长',
    mobile: '13800138000',
    origin: '成都',
    eventId: 'e1',
    tags: ['鞋业', '重点'],
    lastContactDate: '2017-10-12',
  },
  {
    ...base,
    id: 'k2',
    name: '李明',
    company: '重庆长鑫机械有限公司',
    title: '总经理',
    mobile: '13912345678',
    phone: '023-68881234',
    origin: '重庆',
    tags: [],
  },
  {
    ...base,
    id: 'k3',
    name: '王芳',
    company: '深圳康达医疗科技有限公司',
    email: 'wangfang@example.com',
    tags: [],
  },
];

export const followUps: FollowUp[] = [
  {
    ...base,
    id: 'f1',
    targetKind: 'deal',
    targetId: 'd5',
    date: '2017-10-20',
    kind: 'visit',
    summary: '现场踏勘',
    by: '张三',
  },
];

export function input(): ReportInput {
  return { deals, companies, events, followUps, contacts };
}

export const settings: ReportSettings = {
  orgName: '乐至县投资促进局',
  amountUnit: 'wan',
  lightThresholds: DEFAULT_SETTINGS.lightThresholds,
  userName: '张三',
};
