/**
 * SPEC §4 "Every fact in a row arrives", through the import's own path
 * (readWorkbook → previewSheet → plan): status and stage from the row, two-row
 * headers read as parent and child, places, contacts, note lines.
 */
import { describe, expect, it } from 'vitest';
import { findMatches, planRows, writeRows } from '../../../shared/excel/duplicates';
import { advance, parseCompanyStatus, parseDealStage } from '../../../shared/excel/facts';
import { splitContact, splitPlace } from '../../../shared/excel/places';
import { previewSheet } from '../../../shared/excel/preview';
import { unknownEvents } from '../../../shared/excel/rows';
import { matchHeader, type ImportKind } from '../../../shared/excel/synonyms';
import { readWorkbook } from '../../../shared/excel/workbook';
import { encodeGb18030, xlsxBytes, type Aoa } from '../../support/excel/build';
import { DEAL_MERGES, DEALS, REGISTRATIONS, U1 } from '../../support/excel/ledgers';
import { CONVERT_SETTINGS } from '../../support/excel/mutate';

const TODAY = '2017-11-05';

function preview(bytes: Uint8Array, name: string, kind?: ImportKind) {
  const wb = readWorkbook(bytes, name);
  if (!wb.ok) throw new Error(wb.error);
  const p = previewSheet(wb.value.sheets[0]!.rows, kind, {
    settings: CONVERT_SETTINGS,
    events: [],
    deals: [],
    today: TODAY,
  });
  if (!p.ok) throw new Error(p.error);
  return p.value;
}

const fieldsOf = (p: ReturnType<typeof preview>) =>
  Object.fromEntries(p.mapping.filter((m) => m.field).map((m) => [m.header, m.field]));

const csv = (rows: Aoa) => encodeGb18030(rows.map((r) => r.join(',')).join('\r\n'));

describe('company status from the row', () => {
  const p = preview(csv(REGISTRATIONS), '注册台账.csv');

  it('reads the GB18030 ledger as companies, under the note line, with its as-of date', () => {
    expect(p.kind).toBe('company');
    expect(p.layout.headerRow).toBe(3);
    expect(p.layout.notes).toEqual(['所属片组：鞋业片组 填报人：李四 填报时间：2017年10月31日']);
    expect(p.layout.asOf).toBe('2017-10-31');
    expect(fieldsOf(p)).toMatchObject({
      统一社会信用代码: 'uscc',
      注册时间: 'registeredDate',
      入驻时间: 'movedInDate',
      投产时间: 'producingDate',
      '注册资本（万元）': 'registeredCapital',
      法人代表: 'legalRep',
      联系人及电话: 'contactText',
      注册情况: 'statusText',
    });
  });

  it('a valid USCC and a registration date make 已注册, later dates take it further, each step dated', () => {
    const r = p.rows[0]!;
    expect(r.progress).toEqual({
      status: 'moved_in',
      steps: [
        { stage: 'registered', date: '2017-10-12' },
        { stage: 'moved_in', date: '2017-10-20' },
      ],
      reason: '已入驻：有信用代码和注册日期，有入驻日期',
    });
    expect(r.input).toMatchObject({ registeredCapital: 5_000_000, legalRep: '王五' });
  });

  it('what cannot be inferred stays at 已签约, and the preview says why', () => {
    const r = p.rows[1]!;
    expect(r.progress).toEqual({ status: 'signed', steps: [], reason: '已签约：没有信用代码和注册日期' });
    expect(r.problems.filter((x) => x.field === 'statusText')).toEqual([]);
  });

  it('a status column ahead of the dates is dated by the sheet as-of date, with a warning', () => {
    const r = p.rows[2]!;
    expect(r.progress?.status).toBe('moved_in');
    expect(r.progress?.steps).toEqual([
      { stage: 'registered', date: '2017-10-15' },
      { stage: 'moved_in', date: '2017-10-31' },
    ]);
    expect(r.problems.map((x) => x.message)).toContain(
      '状态列为「已入驻」但没有该步的日期：按表格截至日期 2017-10-31 记',
    );
  });

  it('a status column the facts do not support is checked and not believed', () => {
    const r = p.rows[3]!;
    expect(r.progress?.status).toBe('signed');
    expect(r.progress?.reason).toBe('已签约：没有注册日期');
    expect(r.problems.map((x) => x.message)).toContain(
      '状态列为「已注册」，但缺少注册日期：按「已签约」导入',
    );
  });

  it('places fill city and district; 联系人及电话 is split into name and mobile', () => {
    expect(p.rows[0]!.input).toMatchObject({
      originCity: '成都',
      originDistrict: '武侯区',
      contactPerson: '刘3',
      phone: '13859121859',
    });
    expect(p.rows[0]!.contact).toEqual({ name: '刘3', mobile: '13859121859' });
    expect(p.rows[1]!.input).toMatchObject({ originCity: '重庆', originDistrict: '璧山区' });
    expect(p.rows[3]!.input).toMatchObject({ originCity: '成都' });
    expect(p.rows[3]!.input.originDistrict).toBeUndefined();
  });

  it('the write carries the progress; 新建并更新 never moves a stored company backwards', () => {
    const matches = findMatches('company', p.rows, [
      { id: 'c1', name: '四川大东鞋业有限公司', uscc: U1, status: 'producing' },
    ]);
    const plan = planRows('company', p.rows, matches, 'upsert', new Set());
    expect(plan[0]).toMatchObject({ action: 'update', targetId: 'c1' });
    expect(plan[0]!.problems.map((x) => x.message)).toContain(
      '表中为「已入驻」，已有记录已是「已投产」：不会倒退，保持「已投产」',
    );
    const writes = writeRows(p.rows, plan);
    expect(writes[0]!.progress?.status).toBe('moved_in');
    expect(writes[0]!.contact).toEqual({ name: '刘3', mobile: '13859121859' });
    const moved = advance(
      { status: 'producing', history: [] },
      writes[0]!.progress!,
      ['signed', 'name_approved', 'registered', 'moved_in', 'producing'],
      '张三',
      '2017-11-05T02:00:00.000Z',
    );
    expect(moved).toBeNull();
  });

  it('reads status cells as people write them', () => {
    expect(parseCompanyStatus('是')).toBe('registered');
    expect(parseCompanyStatus('否')).toBe('signed');
    expect(parseCompanyStatus('未注册')).toBe('signed');
    expect(parseCompanyStatus('已领取营业执照')).toBe('registered');
    expect(parseCompanyStatus('已入驻投产')).toBe('producing');
    expect(parseCompanyStatus('名称核准')).toBe('name_approved');
    expect(parseCompanyStatus('已迁出')).toBe('withdrawn');
    expect(parseCompanyStatus('待定')).toBeNull();
    expect(parseDealStage('已开工建设')).toBe('started');
    expect(parseDealStage('未开工')).toBeNull();
    expect(parseDealStage('竣工投产')).toBe('producing');
    expect(parseDealStage('暂缓推进')).toBe('on_hold');
  });
});

describe('deal stage from the row', () => {
  const p = preview(xlsxBytes({ 台账: { rows: DEALS, merges: DEAL_MERGES } }), '台账.xlsx');

  it('a two-row merged header maps investor, origin, agreed and first-phase investment in 亿元', () => {
    expect(p.layout.headerRows).toBe(2);
    expect(p.layout.asOf).toBe('2017-10-31');
    expect(fieldsOf(p)).toMatchObject({
      '投资方 / 名称': 'investor',
      '投资方 / 来源地': 'origin',
      '协议投资 / 总投资（亿元）': 'agreedInvestment',
      '协议投资 / 一期（亿元）': 'firstPhaseInvestment',
      签约活动: 'eventId',
      所属组团: 'team',
      项目阶段: 'stageText',
      开工时间: 'plannedStartDate',
      投产日期: 'producingDate',
      企业联系人: 'contactText',
    });
    expect(p.rows[0]!.input).toMatchObject({
      investor: '成都大东鞋业有限公司',
      origin: '成都',
      agreedInvestment: 350_000_000,
      firstPhaseInvestment: 120_000_000,
    });
  });

  it('开工时间 beside 已开工 is the actual start: the stage is 已开工 on that day, not a plan', () => {
    const r = p.rows[0]!;
    expect(r.progress).toEqual({
      status: 'started',
      steps: [{ stage: 'started', date: '2017-10-25' }],
      reason: '已开工：开工时间旁注明已开工',
    });
    expect(r.input.plannedStartDate).toBeUndefined();
    expect(r.contact).toEqual({ name: '张总', mobile: '13912345678' });
  });

  it('without a stage, a future 开工时间 stays a plan and the deal stays 已签约', () => {
    const r = p.rows[2]!;
    expect(r.input.plannedStartDate).toBe('2018-03-01');
    expect(r.progress).toEqual({
      status: 'signed',
      steps: [],
      reason: '已签约：有签约日期，没有开工、投产日期或阶段',
    });
  });

  it('a 投产日期 sets 已投产 even when the stage column says less, and says so', () => {
    const r = p.rows[3]!;
    expect(r.progress?.status).toBe('producing');
    expect(r.progress?.steps).toEqual([{ stage: 'producing', date: '2017-10-28' }]);
    expect(r.problems.map((x) => x.message)).toContain(
      '阶段列为「已签约」，与表中日期不符：按「已投产」导入',
    );
  });
});

describe('sibling columns and note lines', () => {
  it('开工时间 beside a 进展情况 of 已开工建设 is the actual start; beside 未开工 it stays a plan', () => {
    const rows: Aoa = [
      ['所属片组：鞋业片组    填报人：王五    填报时间：2017年10月31日'],
      ['项目名称', '投资方', '签约时间', '开工时间', '进展情况'],
      ['女鞋基地', '大东鞋业', '2017-10-12', '2017-10-25', '已开工建设，完成投资1.2亿元'],
      ['鞋材园', '温州鞋材', '2017-10-12', '2017-12-01', '未开工，正在办理施工许可'],
    ];
    const p = preview(xlsxBytes({ S: { rows } }), 's.xlsx', 'deal');
    expect(p.layout.headerRow).toBe(1);
    expect(p.layout.notes).toEqual(['所属片组：鞋业片组    填报人：王五    填报时间：2017年10月31日']);
    expect(p.layout.asOf).toBe('2017-10-31');
    expect(p.rows[0]!.progress).toMatchObject({
      status: 'started',
      steps: [{ stage: 'started', date: '2017-10-25' }],
    });
    expect(p.rows[0]!.input.plannedStartDate).toBeUndefined();
    expect(p.rows[0]!.input.notes).toBe('已开工建设，完成投资1.2亿元');
    expect(p.rows[1]!.progress?.status).toBe('signed');
    expect(p.rows[1]!.input.plannedStartDate).toBe('2017-12-01');
  });

  it('a step dated after today is not counted, and the preview says so', () => {
    const rows: Aoa = [
      ['企业名称', '统一社会信用代码', '注册日期', '入驻时间'],
      ['大东鞋业', U1, '2017-10-12', '2017-12-20'],
    ];
    const p = preview(xlsxBytes({ S: { rows } }), 's.xlsx', 'company');
    expect(p.rows[0]!.progress?.status).toBe('registered');
    expect(p.rows[0]!.problems.map((x) => x.message)).toContain('已入驻日期 2017-12-20 晚于今天，未计入进度');
  });

  it('a stored company in a side state (已退出) is left there, with a warning', () => {
    const p = preview(csv(REGISTRATIONS), '注册台账.csv');
    const matches = findMatches('company', p.rows, [
      { id: 'c1', name: '四川大东鞋业有限公司', uscc: U1, status: 'withdrawn' },
    ]);
    const plan = planRows('company', p.rows, matches, 'upsert', new Set());
    expect(plan[0]!.problems.map((x) => x.message)).toContain('已有记录为「已退出」：导入不改变其状态');
    expect(plan[0]!.note).toBe('更新「四川大东鞋业有限公司」');
  });
});

describe('签约活动 cells that name no event', () => {
  it('无, / and 非活动签约 are neither offered for creation nor warned about', () => {
    const rows: Aoa = [
      ['项目名称', '投资方', '签约时间', '签约活动'],
      ['女鞋基地', '大东鞋业', '2017-10-12', '无'],
      ['鞋材园', '温州鞋材', '2017-10-13', '/'],
      ['物流园', '渝运物流', '2017-10-14', '非活动签约'],
      ['汽配园', '川汽零部件', '2017-10-15', '第十六届西博会'],
    ];
    const p = preview(xlsxBytes({ S: { rows } }), 's.xlsx', 'deal');
    expect(unknownEvents('deal', p.rows, []).map((u) => u.value)).toEqual(['第十六届西博会']);
    expect(p.rows.slice(0, 3).flatMap((r) => r.problems)).toEqual([]);
    expect(p.rows.slice(0, 3).map((r) => r.input.eventId)).toEqual([undefined, undefined, undefined]);
  });
});

describe('two-row headers as parent and child', () => {
  const shapes: [string, Aoa, string[], Record<string, string>][] = [
    [
      '投资方 over 名称 and 来源地',
      [
        ['项目名称', '投资方', '', '签约日期'],
        ['', '名称', '来源地', ''],
        ['女鞋基地', '大东鞋业', '成都', '2017-10-12'],
      ],
      ['A1:A2', 'B1:C1', 'D1:D2'],
      { '投资方 / 名称': 'investor', '投资方 / 来源地': 'origin' },
    ],
    [
      '投资额 over 协议 and 一期',
      [
        ['项目名称', '投资方', '投资额', ''],
        ['', '', '协议', '一期'],
        ['女鞋基地', '大东鞋业', 35000, 12000],
      ],
      ['A1:A2', 'B1:B2', 'C1:D1'],
      { '投资额 / 协议': 'agreedInvestment', '投资额 / 一期': 'firstPhaseInvestment' },
    ],
    [
      '时间节点 over 签约时间 and 开工时间 (the child names the field)',
      [
        ['项目名称', '投资方', '时间节点', ''],
        ['', '', '签约时间', '开工时间'],
        ['女鞋基地', '大东鞋业', '2017-10-12', '2018-03-01'],
      ],
      ['A1:A2', 'B1:B2', 'C1:D1'],
      { '时间节点 / 签约时间': 'signedDate', '时间节点 / 开工时间': 'plannedStartDate' },
    ],
    [
      '用地 over 面积（亩） (the child alone names nothing; the parent does)',
      [
        ['项目名称', '投资方', '用地', '包案领导'],
        ['', '', '面积（亩）', ''],
        ['女鞋基地', '大东鞋业', 120, '王县长'],
      ],
      ['A1:A2', 'B1:B2', 'D1:D2'],
      { '用地 / 面积（亩）': 'landMu', 包案领导: 'leader' },
    ],
  ];

  it.each(shapes)('%s', (_, rows, merges, expected) => {
    const p = preview(xlsxBytes({ S: { rows, merges } }), 's.xlsx', 'deal');
    expect(p.layout.headerRows).toBe(2);
    expect(fieldsOf(p)).toMatchObject(expected);
  });

  it('company: 注册情况 over 信用代码 and 注册日期, 入驻情况 over 园区 and 入驻时间', () => {
    const rows: Aoa = [
      ['企业名称', '注册情况', '', '入驻情况', ''],
      ['', '统一社会信用代码', '注册日期', '园区', '入驻时间'],
      ['大东鞋业', U1, '2017-10-12', '乐至鞋业园', '2017-10-20'],
    ];
    const p = preview(xlsxBytes({ S: { rows, merges: ['A1:A2', 'B1:C1', 'D1:E1'] } }), 's.xlsx', 'company');
    expect(fieldsOf(p)).toMatchObject({
      '注册情况 / 统一社会信用代码': 'uscc',
      '注册情况 / 注册日期': 'registeredDate',
      '入驻情况 / 园区': 'park',
      '入驻情况 / 入驻时间': 'movedInDate',
    });
    expect(p.rows[0]!.progress?.status).toBe('moved_in');
  });

  it('a second column naming a field already held is left unmapped, and says so', () => {
    const rows: Aoa = [
      ['项目名称', '投资方', '协议投资额（万元）', '计划总投资'],
      ['女鞋基地', '大东鞋业', 35000, 36000],
    ];
    const p = preview(xlsxBytes({ S: { rows } }), 's.xlsx', 'deal');
    const second = p.mapping.find((m) => m.header === '计划总投资')!;
    expect(second.field).toBeNull();
    expect(second.note).toBe('表头像「协议投资额」，但该字段已由「协议投资额（万元）」列对应，请确认');
  });

  it('short synonyms such as 名称 name a field only when they are the whole header', () => {
    expect(matchHeader('deal', '名称')).toBe('name');
    expect(matchHeader('deal', '企业名称')).toBe('investor');
    expect(matchHeader('company', '名称')).toBe('name');
    expect(matchHeader('deal', '活动名称')).toBe('eventId');
    expect(matchHeader('deal', '投资方名称')).toBe('investor');
  });

  it.each([
    ['company', '注册时间', 'registeredDate'],
    ['company', '登记日期', 'registeredDate'],
    ['company', '领照日期', 'registeredDate'],
    ['company', '入驻时间', 'movedInDate'],
    ['company', '投产时间', 'producingDate'],
    ['company', '注册资本（万元）', 'registeredCapital'],
    ['company', '法人代表', 'legalRep'],
    ['company', '联系人及电话', 'contactText'],
    ['company', '状态', 'statusText'],
    ['deal', '投资主体', 'investor'],
    ['deal', '计划总投资', 'agreedInvestment'],
    ['deal', '签约时间', 'signedDate'],
    ['deal', '所属组团', 'team'],
    ['deal', '责任单位', 'unit'],
    ['deal', '进展情况', 'notes'],
    ['deal', '开工时间', 'plannedStartDate'],
    ['deal', '开工日期', 'startedDate'],
    ['deal', '项目内容', 'notes'],
    ['deal', '需用土地', 'landMu'],
    ['deal', '跟进人', 'owner'],
    ['deal', '阶段', 'stageText'],
  ] as const)('%s header %s → %s', (kind, header, field) => {
    expect(matchHeader(kind, header)).toBe(field);
  });
});

describe('places and contacts in one cell', () => {
  it.each([
    ['成都武侯区', { city: '成都', district: '武侯区' }],
    ['重庆市璧山区', { city: '重庆', district: '璧山区' }],
    ['四川省成都市武侯区', { city: '成都', district: '武侯区' }],
    ['福建泉州晋江市', { city: '泉州', district: '晋江市' }],
    ['温州市鹿城区', { city: '温州', district: '鹿城区' }],
    ['成都', null],
    ['武侯区', null],
    ['长三角', null],
  ])('%s', (text, expected) => {
    expect(splitPlace(text)).toEqual(expected);
  });

  it.each([
    ['刘3 13859121859', { name: '刘3', mobile: '13859121859' }],
    ['张三/138-0000-0000', { name: '张三', mobile: '13800000000' }],
    ['13912345678 李四', { name: '李四', mobile: '13912345678' }],
    ['王五 电话：0832-5221234', { name: '王五', phone: '0832-5221234' }],
    ['赵六', { name: '赵六' }],
  ])('%s', (text, expected) => {
    expect(splitContact(text)).toEqual(expected);
  });
});
