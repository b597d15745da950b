/**
 * The sample dataset (示例数据): a county ledger shaped like SPEC §1 — six
 * promotion groups and two industry offices, provincial/city/county events,
 * signed deals whose milestones light every colour, shoe companies relocating
 * from 成都 and 重庆 at every status, and the investors' contacts.
 *
 * Deterministic: the same seed, counts and `today` give the same records
 * (ids included), so tests can count on them and a benchmark can ask for
 * 50,000 deals. Dates are relative to `today`.
 */
import type {
  Company,
  CompanyStatus,
  Contact,
  Deal,
  DealStage,
  EventLevel,
  FollowUp,
  FollowUpKind,
  FundReport,
  LedgerEvent,
  LightOverride,
  Milestone,
  Problem,
  ProblemKind,
  StageChange,
  Target,
} from '../domain/records';
import { USCC_ALPHABET, usccCheckChar } from '../domain/uscc';
import { DEFAULT_MILESTONES, DEFAULT_TEAMS } from '../settings';

export interface SampleOptions {
  /** The day the data is relative to (ISO). */
  today: string;
  seed?: number;
  deals?: number;
  contacts?: number;
  companies?: number;
  /** Written as createdBy/updatedBy. */
  actor?: string;
}

export interface SampleData {
  events: LedgerEvent[];
  deals: Deal[];
  contacts: Contact[];
  companies: Company[];
  followUps: FollowUp[];
  /** This year's and last year's targets, county and teams. */
  targets: Target[];
  /** 到位资金 and 完成投资 reported month by month. */
  fundReports: FundReport[];
  problems: Problem[];
}

export const SAMPLE_DEFAULTS = { seed: 20171012, deals: 100, contacts: 150, companies: 60 } as const;

const DAY_MS = 86_400_000;
const dayOf = new Map<string, number>();
const isoOf = new Map<number, string>();
/** Day number of an ISO date, memoised: generating 50,000 deals does millions of these. */
function dayNumber(iso: string): number {
  let n = dayOf.get(iso);
  if (n === undefined) {
    n = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
    dayOf.set(iso, n);
  }
  return n;
}
function isoDay(n: number): string {
  let iso = isoOf.get(n);
  if (iso === undefined) {
    iso = new Date(n * DAY_MS).toISOString().slice(0, 10);
    isoOf.set(n, iso);
  }
  return iso;
}
const addDays = (iso: string, days: number) => isoDay(dayNumber(iso) + days);
const daysBetween = (from: string, to: string) => dayNumber(to) - dayNumber(from);

/** mulberry32: small, fast and good enough to scatter sample data. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const chance = (p: number) => next() < p;
  const word = () =>
    Math.floor(next() * 4294967296)
      .toString(16)
      .padStart(8, '0');
  const uuid = () => {
    const h = word() + word() + word() + word();
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[int(0, 3)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  return { next, int, pick, chance, uuid };
}
type Rng = ReturnType<typeof prng>;

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔汤庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍申尤毕聂柴焦向柳邢岳齐沿梅莫庄辛管祝左涂谷祁时舒耿牟卜路詹关苗凌费纪靳盛童欧甄项曲成游阳裴席卫查屈鲍位覃霍翁隋植甘景薄单包司柏宁柯阮桂闵欧阳解强丛华车冉房边辜吉饶刁瞿戚丘古米池滕晋苑邬臧畅宫来嵺苟全褚廉简娄盖符奚木穆党燕郎邸冀谈姬屠连郜晏栾郁商蒙计喻揭窦迟宇敖糜鄢冷卓花艾蓝都巩稽井练仲乐虞卞封竺冼原官衣楚佟栗匡宗应台巫鞠僧桑荆谌银扬明沙薄伏岑习胥保和蔺',
];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志海燕玉红梅文斌晓东德永春少宏俊'];
const PLACES = [
  '成都',
  '重庆',
  '武侯',
  '温江',
  '新都',
  '璧山',
  '江津',
  '广州',
  '温州',
  '晋江',
  '苏州',
  '宁波',
  '东莞',
  '西安',
  '资阳',
];
const SHOE_WORDS = ['鞋业', '鞋材', '皮具', '制鞋', '时尚鞋业', '童鞋', '女鞋', '鞋服'];
const OTHER_WORDS: Record<string, string[]> = {
  商贸物流: ['物流', '供应链', '商贸'],
  汽车及零部件: ['汽车零部件', '汽配', '精密机械'],
  农产品加工: ['食品', '农业科技', '粮油'],
  医疗器械: ['医疗器械', '生物科技'],
  文旅: ['文化旅游', '旅游开发'],
  其他: ['新材料', '电子科技', '建材'],
};
const PROJECT_SUFFIX = ['生产基地', '产业园', '扩能项目', '智能制造项目', '技改项目', '总部基地', '配套项目'];
const LEADERS = ['王县长', '李副县长', '张副县长', '刘常务副县长', '陈部长', '赵主任', '周副书记', '黄局长'];
const UNITS = [
  '县投资促进局',
  '县经信局',
  '县发改局',
  '县自然资源局',
  '县住建局',
  '经济开发区管委会',
  '万贯鞋业产业园管委会',
];
const ORIGINS = ['成都', '成都', '重庆', '重庆', '京津冀', '长三角', '珠三角', '省内其他', '境外'];
const TITLES = ['董事长', '总经理', '副总经理', '投资总监', '项目经理', '办公室主任'];
const CITY_DISTRICTS: Record<string, string[]> = {
  成都: ['武侯区', '金牛区', '温江区', '新都区', '双流区', '郫都区'],
  重庆: ['璧山区', '江津区', '九龙坡区', '沙坪坝区', '巴南区'],
};
const FIRM_A = [...'锦蜀渝华鑫宏瑞盛达美恒嘉'];
const FIRM_B = [...'福兴丰源泰隆雅步诚信'];
const PRODUCTS = ['女鞋', '女鞋', '男鞋', '童鞋', '运动鞋', '鞋材', '鞋机'];
const PARKS = ['万贯鞋业产业园', '万贯鞋业产业园', '县经济开发区'];
const NEGOTIATION_TEXT = [
  '已赴企业总部洽谈，对方有意向落户，正在比选园区',
  '企业考察团来县考察，初步确定用地需求',
  '双方就投资协议条款进行第二轮磋商',
  '企业已提交项目建议书，待县政府专题会研究',
  '电话沟通用地与厂房租金政策，企业拟下月再次来访',
];
const FUND_SOURCES = ['企业自筹', '银行贷款', '股东增资', '设备投入', '专项债配套'];
const PROBLEM_TEXT: [ProblemKind, string, string][] = [
  ['land', '用地指标未落实，需调剂新增建设用地', '县自然资源局'],
  ['funds', '企业流动资金紧张，需协调银行贷款', '县金融工作局'],
  ['approval', '项目立项备案资料不全，审批进度滞后', '县发改局'],
  ['eia', '环评报告待市生态环境局批复', '市生态环境局乐至分局'],
  ['utilities', '施工用电未接通，需新建专用线路', '县供电公司'],
  ['utilities', '园区道路及供水管网未配套到位', '经济开发区管委会'],
  ['other', '厂房装修方案调整，入驻时间推迟', '万贯鞋业产业园管委会'],
];
const FOLLOW_KINDS: FollowUpKind[] = ['visit', 'call', 'consultation', 'meeting', 'other'];
const FOLLOW_TEXT = [
  '到企业走访，了解项目用地和厂房需求',
  '电话沟通注册进度，企业已提交材料',
  '每周一会商：协调环评和施工许可办理',
  '每月一例会：通报项目进度，明确下步责任',
  '陪同投资方考察园区标准化厂房',
  '协调供电、供水接入，企业表示满意',
  '督促施工单位加快进度，约定下周复查',
];

const EVENT_TEMPLATES: {
  name: string;
  city: string;
  level: EventLevel;
  organizer: string;
  daysAgo: number;
}[] = [
  {
    name: '第十六届中国西部国际博览会',
    city: '成都',
    level: 'province',
    organizer: '四川省人民政府',
    daysAgo: 8,
  },
  {
    name: '成都国际鞋业产业对接会',
    city: '成都',
    level: 'province',
    organizer: '四川省投资促进局',
    daysAgo: 75,
  },
  {
    name: '渝资鞋企转移对接洽谈会',
    city: '重庆',
    level: 'city',
    organizer: '资阳市投资促进局',
    daysAgo: 140,
  },
  {
    name: '资阳市重大项目集中签约活动',
    city: '资阳',
    level: 'city',
    organizer: '资阳市人民政府',
    daysAgo: 210,
  },
  { name: '乐至县招商引资推介会', city: '乐至', level: 'county', organizer: '乐至县人民政府', daysAgo: 300 },
  {
    name: '第十五届中国西部国际博览会',
    city: '成都',
    level: 'province',
    organizer: '四川省人民政府',
    daysAgo: 380,
  },
];

const INDUSTRY_BY_TEAM: Record<string, string[]> = {
  纺织鞋业办公室: ['鞋业', '鞋业', '鞋材配套'],
  汽车及零部件办公室: ['汽车及零部件'],
};
const GENERAL_INDUSTRIES = [
  '鞋业',
  '鞋材配套',
  '商贸物流',
  '汽车及零部件',
  '农产品加工',
  '医疗器械',
  '文旅',
  '其他',
];

/** How the deal is meant to light: the generator arranges its dates so the rules give that light. */
type Profile = 'green' | 'yellowOverdue' | 'yellowIdle' | 'redOverdue' | 'redNotStarted' | 'redIdle';
const PROFILES: [Profile, number][] = [
  ['green', 0.5],
  ['yellowOverdue', 0.17],
  ['yellowIdle', 0.08],
  ['redOverdue', 0.13],
  ['redNotStarted', 0.06],
  ['redIdle', 0.06],
];

function pickProfile(r: Rng): Profile {
  let x = r.next();
  for (const [p, w] of PROFILES) {
    if (x < w) return p;
    x -= w;
  }
  return 'green';
}

const personName = (r: Rng) => r.pick(SURNAMES) + r.pick(GIVEN) + (r.chance(0.5) ? r.pick(GIVEN) : '');
const wan = (r: Rng, min: number, max: number) => r.int(min, max) * 10_000;

function validUscc(r: Rng): string {
  let body = '91';
  body += `51${r.int(1000, 9999)}`; // 四川 region code
  while (body.length < 17) body += USCC_ALPHABET[r.int(0, USCC_ALPHABET.length - 1)];
  return body + usccCheckChar(body)!;
}

function mobileFor(i: number): string {
  return `1${3 + (i % 7)}${String(100_000_000 + i).slice(-9)}`;
}

/** `n` dates spread evenly from `from` to `to` (both inclusive when n > 1). */
function spread(from: string, to: string, n: number): string[] {
  const span = Math.max(0, daysBetween(from, to));
  if (n <= 0) return [];
  if (n === 1) return [to];
  return Array.from({ length: n }, (_, i) => addDays(from, Math.round((span * i) / (n - 1))));
}

export function generateSample(opts: SampleOptions): SampleData {
  const today = opts.today;
  const r = prng(opts.seed ?? SAMPLE_DEFAULTS.seed);
  const actor = opts.actor ?? '示例数据';
  const nDeals = opts.deals ?? SAMPLE_DEFAULTS.deals;
  const nContacts = opts.contacts ?? SAMPLE_DEFAULTS.contacts;
  const nCompanies = opts.companies ?? SAMPLE_DEFAULTS.companies;
  const stamp = (date: string) => `${date}T01:00:00.000Z`;
  const base = (date: string) => ({
    id: r.uuid(),
    createdAt: stamp(date),
    updatedAt: stamp(date),
    createdBy: actor,
    updatedBy: actor,
  });
  const followUps: FollowUp[] = [];
  const follow = (targetKind: FollowUp['targetKind'], targetId: string, date: string, by: string) => {
    followUps.push({
      ...base(date),
      targetKind,
      targetId,
      date,
      kind: r.pick(FOLLOW_KINDS),
      summary: r.pick(FOLLOW_TEXT),
      by,
    });
  };

  const events: LedgerEvent[] = EVENT_TEMPLATES.map((t) => {
    const start = addDays(today, -t.daysAgo);
    return {
      ...base(start),
      name: t.name,
      city: t.city,
      level: t.level,
      organizer: t.organizer,
      startDate: start,
      endDate: addDays(start, 3),
    };
  });

  const contacts: Contact[] = [];
  for (let i = 0; i < nContacts; i++) {
    const origin = r.pick(ORIGINS);
    const met = r.chance(0.7) ? r.pick(events) : undefined;
    const since = met?.startDate ?? addDays(today, -r.int(10, 400));
    const company = `${r.pick(PLACES)}${r.pick([...SHOE_WORDS, '实业', '投资'])}有限公司`;
    const c: Contact = {
      ...base(since),
      name: personName(r),
      company,
      title: r.pick(TITLES),
      mobile: mobileFor(i),
      origin,
      tags: r.chance(0.3) ? ['重点客商'] : [],
      lastContactDate: addDays(today, -r.int(0, Math.max(0, daysBetween(since, today)))),
    };
    if (met) c.eventId = met.id;
    contacts.push(c);
    if (r.chance(0.4)) follow('contact', c.id, c.lastContactDate!, '招商专员');
  }

  const deals: Deal[] = [];
  // About one deal in twelve is still 在谈 (the weekly consultation's list).
  const nNegotiating = Math.round(nDeals / 12);
  for (let i = 0; i < nDeals - nNegotiating; i++) deals.push(makeDeal(i));

  function makeDeal(i: number): Deal {
    const profile = pickProfile(r);
    const team = DEFAULT_TEAMS[i % DEFAULT_TEAMS.length]!;
    const industry = r.pick(INDUSTRY_BY_TEAM[team] ?? GENERAL_INDUSTRIES);
    const idle =
      profile === 'yellowIdle' ? r.int(60, 89) : profile === 'redIdle' ? r.int(90, 160) : r.int(0, 20);
    const activityEnd = addDays(today, -idle);
    const minDaysAgo = profile === 'redNotStarted' ? 91 : idle + 5;
    const maxDaysAgo = profile === 'redNotStarted' ? 300 : 420;
    const eventsInRange = events.filter((e) => {
      const d = daysBetween(e.startDate!, today);
      return d >= minDaysAgo && d <= maxDaysAgo;
    });
    const event = eventsInRange.length && r.chance(0.7) ? r.pick(eventsInRange) : undefined;
    const signedDate =
      event?.startDate ?? addDays(today, -r.int(minDaysAgo, Math.max(minDaysAgo, maxDaysAgo)));
    const sinceSigned = daysBetween(signedDate, today);

    let stage: DealStage;
    if (profile === 'redNotStarted') stage = r.pick(['signed', 'registered'] as const);
    else if (sinceSigned > 90) stage = profile === 'green' && r.chance(0.3) ? 'producing' : 'started';
    else stage = r.pick(['signed', 'registered', 'registered'] as const);
    if (profile === 'green' && r.chance(0.04)) stage = 'cancelled';
    if (profile === 'yellowOverdue' && sinceSigned <= 90 && r.chance(0.15)) stage = 'on_hold';

    const path: DealStage[] = ['signed'];
    if (stage !== 'signed')
      path.push(
        ...(['registered', 'started', 'producing'] as const).slice(
          0,
          stage === 'registered' ? 1 : stage === 'started' ? 2 : stage === 'producing' ? 3 : 1,
        ),
      );
    if (stage === 'on_hold' || stage === 'cancelled') path.push(stage);
    const end = activityEnd < signedDate ? signedDate : activityEnd;
    const stageDates = spread(signedDate, end, path.length);
    const stageHistory: StageChange[] = path.map((s, k) => ({
      stage: s,
      date: stageDates[k]!,
      by: actor,
      at: stamp(stageDates[k]!),
    }));

    const doneCount =
      { signed: 1, registered: 2, started: 7, producing: 8, on_hold: 2, cancelled: 1, negotiating: 0 }[
        stage
      ] + (stage === 'producing' && r.chance(0.6) ? 1 : 0);
    const doneDates = spread(signedDate, end, doneCount);
    const firstPending =
      profile === 'yellowOverdue' ? -r.int(1, 30) : profile === 'redOverdue' ? -r.int(31, 150) : r.int(5, 90);
    let nextPlanned = addDays(today, firstPending);
    const milestones: Milestone[] = DEFAULT_MILESTONES.map((name, k) => {
      if (k < doneCount) {
        const d = doneDates[k]!;
        return {
          name,
          plannedDate: k === 0 ? signedDate : addDays(d, r.int(-10, 25)),
          doneDate: d,
          doneBy: actor,
          doneAt: stamp(d),
        };
      }
      const m: Milestone = { name, plannedDate: nextPlanned };
      nextPlanned = addDays(nextPlanned, r.int(30, 75));
      return m;
    });

    const agreed = r.chance(0.15) ? wan(r, 50_00, 100_00) * 10 : wan(r, 20, 800) * 100;
    const investor = `${r.pick(PLACES)}${industry === '鞋业' || industry === '鞋材配套' ? r.pick(SHOE_WORDS) : r.pick(OTHER_WORDS[industry] ?? ['实业'])}有限公司`;
    const deal: Deal = {
      ...base(signedDate),
      name: `${investor.replace(/有限公司$/, '')}${r.pick(PROJECT_SUFFIX)}`,
      investor,
      origin: r.pick(ORIGINS),
      industry,
      projectType: r.pick(['new', 'new', 'new', 'expansion', 'upgrade'] as const),
      team,
      signedDate,
      agreedInvestment: agreed,
      firstPhaseInvestment: Math.round((agreed * r.int(20, 60)) / 100 / 10_000) * 10_000,
      landMu: r.int(10, 400),
      plannedStartDate: addDays(signedDate, r.int(60, 180)),
      stage,
      stageHistory,
      leader: r.pick(LEADERS),
      unit: r.pick(UNITS),
      owner: personName(r),
      milestones,
      contactIds: contacts.length ? [contacts[(i * 3) % contacts.length]!.id] : [],
      updatedAt: stamp(end),
    };
    if (event) deal.eventId = event.id;
    if ((stage === 'started' || stage === 'producing') && r.chance(0.7)) {
      deal.statsEntryDate = stageHistory.find((h) => h.stage === 'started')!.date;
      deal.statsEntryAmount = deal.firstPhaseInvestment;
    }
    if (profile === 'redOverdue' && r.chance(0.12)) {
      const override: LightOverride = {
        light: 'yellow',
        reason: '已召开专题会协调，县领导包案督办',
        by: '王县长',
        at: stamp(today),
      };
      deal.lightOverride = override;
    }
    // The newest follow-up is exactly the last activity, so the light's idle days are as planned.
    follow('deal', deal.id, end, deal.owner!);
    for (let k = r.int(0, 3); k > 0; k--)
      follow(
        'deal',
        deal.id,
        addDays(signedDate, r.int(0, Math.max(0, daysBetween(signedDate, end)))),
        deal.owner!,
      );
    return deal;
  }

  const shoeDeals = deals.filter((d) => d.industry === '鞋业' || d.industry === '鞋材配套');
  const companies: Company[] = [];
  const STATUS_WEIGHTS: [CompanyStatus, number][] = [
    ['signed', 0.14],
    ['name_approved', 0.1],
    ['registered', 0.3],
    ['moved_in', 0.24],
    ['producing', 0.16],
    ['withdrawn', 0.06],
  ];
  const companyNames = new Set<string>();
  const PATH: CompanyStatus[] = ['signed', 'name_approved', 'registered', 'moved_in', 'producing'];
  for (let i = 0; i < nCompanies; i++) {
    let x = r.next();
    let status: CompanyStatus = 'signed';
    for (const [s, w] of STATUS_WEIGHTS) {
      if (x < w) {
        status = s;
        break;
      }
      x -= w;
    }
    const city = r.chance(0.6) ? '成都' : '重庆';
    const signedDate = addDays(today, -r.int(3, 400));
    const steps =
      status === 'withdrawn'
        ? PATH.slice(0, r.int(1, 3)).concat('withdrawn')
        : PATH.slice(0, PATH.indexOf(status) + 1);
    const dates = spread(signedDate, addDays(today, -r.int(0, 10)), steps.length);
    if (dates[0]) dates[0] = signedDate;
    const statusHistory: StageChange<CompanyStatus>[] = steps.map((s, k) => ({
      stage: s,
      date: dates[k]!,
      by: actor,
      at: stamp(dates[k]!),
    }));
    let name = `乐至${r.pick(FIRM_A)}${r.pick(FIRM_B)}${r.pick(SHOE_WORDS)}有限公司`;
    if (companyNames.has(name)) name = name.replace(/有限公司$/, `${i + 1}号有限公司`);
    companyNames.add(name);
    const c: Company = {
      ...base(signedDate),
      name,
      originCity: city,
      originDistrict: r.pick(CITY_DISTRICTS[city]!),
      legalRep: personName(r),
      contactPerson: personName(r),
      phone: mobileFor(nContacts + i),
      productCategory: r.pick(PRODUCTS),
      park: r.pick(PARKS),
      plannedJobs: r.int(30, 600),
      registeredCapital: wan(r, 50, 3000),
      signedDate,
      status,
      statusHistory,
      contactIds: [],
    };
    const reg = statusHistory.find((h) => h.stage === 'registered');
    if (reg) {
      c.uscc = validUscc(r);
      c.registeredDate = reg.date;
    }
    if (status === 'moved_in' || status === 'producing') c.building = `${r.int(1, 30)}号厂房`;
    if (shoeDeals.length && r.chance(0.5)) c.dealId = r.pick(shoeDeals).id;
    companies.push(c);
    if (r.chance(0.5)) follow('company', c.id, statusHistory.at(-1)!.date, '纺织鞋业办公室');
  }

  // The records of SPEC §10 draw on their own generator, so adding them left
  // the records above as they were.
  const x = prng((opts.seed ?? SAMPLE_DEFAULTS.seed) + 10);
  const xbase = (date: string) => ({ ...base(date), id: x.uuid() });
  for (let i = 0; i < nNegotiating; i++) {
    const team = DEFAULT_TEAMS[i % DEFAULT_TEAMS.length]!;
    const industry = x.pick(INDUSTRY_BY_TEAM[team] ?? GENERAL_INDUSTRIES);
    const since = addDays(today, -x.int(10, 200));
    const last = addDays(today, -x.int(0, 40));
    const investor = `${x.pick(PLACES)}${industry === '鞋业' || industry === '鞋材配套' ? x.pick(SHOE_WORDS) : x.pick(OTHER_WORDS[industry] ?? ['实业'])}有限公司`;
    const deal: Deal = {
      ...xbase(since),
      name: `${investor.replace(/有限公司$/, '')}${x.pick(PROJECT_SUFFIX)}`,
      investor,
      origin: x.pick(ORIGINS),
      industry,
      projectType: 'new',
      team,
      agreedInvestment: wan(x, 20, 800) * 100,
      landMu: x.int(10, 300),
      stage: 'negotiating',
      stageHistory: [{ stage: 'negotiating', date: since, by: actor, at: stamp(since) }],
      leader: x.pick(LEADERS),
      unit: x.pick(UNITS),
      owner: personName(x),
      milestones: DEFAULT_MILESTONES.map((name) => ({ name })),
      contactIds: [],
      notes: `拟投资建设${industry}生产线及配套设施`,
      updatedAt: stamp(last),
    };
    deals.push(deal);
    followUps.push({
      ...xbase(last),
      targetKind: 'deal',
      targetId: deal.id,
      date: last,
      kind: 'consultation',
      summary: x.pick(NEGOTIATION_TEXT),
      by: deal.owner!,
    });
  }

  const fundReports: FundReport[] = [];
  const problems: Problem[] = [];
  const monthOf = (iso: string) => iso.slice(0, 7);
  for (const deal of deals) {
    if (deal.stage === 'negotiating' || deal.stage === 'cancelled' || !deal.signedDate) continue;
    const agreed = deal.agreedInvestment ?? 0;
    // Money arrives in up to three tranches after signing, 到位资金 first, 完成投资 once started.
    const tranches = deal.stage === 'signed' ? x.int(0, 1) : x.int(1, 3);
    const span = Math.max(1, daysBetween(deal.signedDate, today));
    for (let k = 0; k < tranches; k++) {
      const day = addDays(deal.signedDate, Math.min(span, (k + 1) * x.int(15, 60)));
      const amount = Math.max(10_000, Math.round((agreed * x.int(5, 25)) / 100 / 10_000) * 10_000);
      fundReports.push({
        ...xbase(day),
        dealId: deal.id,
        kind: 'funds',
        month: monthOf(day),
        amount,
        note: x.pick(FUND_SOURCES),
        by: deal.owner,
      });
      if (deal.stage === 'started' || deal.stage === 'producing')
        fundReports.push({
          ...xbase(day),
          dealId: deal.id,
          kind: 'invested',
          month: monthOf(day),
          amount: Math.round((amount * x.int(60, 95)) / 100 / 10_000) * 10_000,
          note: '项目建设投资',
          by: deal.owner,
        });
    }
    if (deal.stage === 'producing' || !x.chance(0.3)) continue;
    const [kind, text, unit] = x.pick(PROBLEM_TEXT);
    const raised = addDays(today, -x.int(5, 120));
    const deadline = addDays(raised, x.int(10, 60));
    const resolved = x.chance(0.35) && deadline < today;
    const problem: Problem = {
      ...xbase(raised),
      dealId: deal.id,
      raisedDate: raised,
      description: text,
      kind,
      unit,
      leader: deal.leader,
      deadline,
      status: resolved ? 'resolved' : x.chance(0.5) ? 'coordinating' : 'open',
    };
    if (resolved) {
      problem.resolution = '经专题会协调，已落实';
      problem.resolvedDate = deadline;
    }
    problems.push(problem);
  }

  // Targets a little above the pace of the records: this year's against the
  // part of the year gone, last year's against the whole year.
  const targets: Target[] = [];
  const year = Number(today.slice(0, 4));
  const elapsed = Math.max(30, daysBetween(`${year}-01-01`, today)) / 365;
  const teamOfDeal = new Map(deals.map((d) => [d.id, d.team]));
  const roundTo = (n: number, unit: number) => Math.max(unit, Math.round(n / unit) * unit);
  for (const y of [year - 1, year]) {
    const prefix = String(y);
    const done = new Map<string, { count: number; agreed: number; funds: number }>();
    const of = (team: string) => {
      let t = done.get(team);
      if (!t) done.set(team, (t = { count: 0, agreed: 0, funds: 0 }));
      return t;
    };
    for (const d of deals)
      if (d.team && d.signedDate?.startsWith(prefix) && d.stage !== 'cancelled') {
        of(d.team).count += 1;
        of(d.team).agreed += d.agreedInvestment ?? 0;
      }
    for (const f of fundReports) {
      const team = teamOfDeal.get(f.dealId);
      if (team && f.kind === 'funds' && f.month.startsWith(prefix)) of(team).funds += f.amount;
    }
    const pace = y === year ? elapsed : 1;
    const county = { signedCount: 0, agreed: 0, funds: 0, started: 0, producing: 0 };
    for (const team of DEFAULT_TEAMS) {
      const t = done.get(team) ?? { count: 1, agreed: 50_000_000, funds: 10_000_000 };
      const factor = (0.9 + x.next() * 0.5) / pace;
      const row = {
        signedCount: Math.max(1, Math.round(t.count * factor)),
        agreed: roundTo(t.agreed * factor, 10_000_000),
        funds: roundTo(t.funds * factor, 1_000_000),
        started: Math.max(1, Math.round(t.count * factor * 0.4)),
        producing: Math.max(1, Math.round(t.count * factor * 0.2)),
      };
      for (const k of Object.keys(county) as (keyof typeof county)[]) county[k] += row[k];
      targets.push({ ...xbase(`${y}-01-05`), year: y, team, ...row });
    }
    targets.push({ ...xbase(`${y}-01-05`), year: y, team: '', ...county });
  }

  return { events, deals, contacts, companies, followUps, targets, fundReports, problems };
}
