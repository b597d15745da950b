import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { checkZip, sniffContainer } from '../../../shared/excel/container';
import { decodeText } from '../../../shared/excel/decode';
import { findMatches, planRows, writeInput } from '../../../shared/excel/duplicates';
import { detectLayout, guessKind } from '../../../shared/excel/header';
import { DEFAULT_LIMITS } from '../../../shared/excel/limits';
import { applyRemembered, autoMapping, duplicateFields, headerSetKey } from '../../../shared/excel/mapping';
import { convertRow, extractRows, unknownListValues, type ConvertContext } from '../../../shared/excel/rows';
import { matchHeader } from '../../../shared/excel/synonyms';
import { buildTemplate, templateHeaders } from '../../../shared/excel/template';
import { readWorkbook, type Cell } from '../../../shared/excel/workbook';
import { encodeGb18030, xlsxBytes } from '../../support/excel/build';
import { MESSY_DEALS, MESSY_MERGES } from '../../support/excel/messy';

const settings = {
  teams: DEFAULT_SETTINGS.teams,
  industries: DEFAULT_SETTINGS.industries,
  parks: DEFAULT_SETTINGS.parks,
};

function ctxFor(
  mapping: ReturnType<typeof autoMapping>,
  extra: Partial<ConvertContext> = {},
): ConvertContext {
  const units: ConvertContext['units'] = {};
  for (const m of mapping) if (m.field) units[m.field] = m.unit;
  return { settings, events: [], deals: [], units, ...extra };
}

function readSheet(bytes: Uint8Array, name = 'x.xlsx'): Cell[][] {
  const r = readWorkbook(bytes, name);
  if (!r.ok) throw new Error(r.error);
  return r.value.sheets[0]!.rows;
}

function messy() {
  const rows = readSheet(
    xlsxBytes({ 签约项目: { rows: MESSY_DEALS, merges: MESSY_MERGES, dateCells: ['F5'] } }),
  );
  const layout = detectLayout(rows, 'deal')!;
  const mapping = autoMapping(layout);
  const raw = extractRows(rows, layout, mapping);
  const converted = raw.map((r) => convertRow('deal', r, ctxFor(mapping)));
  return { rows, layout, mapping, raw, converted };
}

describe('header synonyms', () => {
  it.each([
    ['项目名称', 'name'],
    ['项目名', 'name'],
    ['名称', 'name'],
    ['协议投资额（万元）', 'agreedInvestment'],
    ['投资额', 'agreedInvestment'],
    ['总投资(亿元)', 'agreedInvestment'],
    ['协议引资', 'agreedInvestment'],
    ['一期投资额', 'firstPhaseInvestment'],
    ['投资主体', 'investor'],
    ['投资企业', 'investor'],
    ['签约日期', 'signedDate'],
    ['签约时间', 'signedDate'],
    ['*项目名称', 'name'],
    ['用地面积(亩)', 'landMu'],
    ['投资方来源地', 'origin'],
  ])('deal: %s → %s', (header, field) => expect(matchHeader('deal', header)).toBe(field));

  it('contacts and companies', () => {
    expect(matchHeader('contact', '手机号')).toBe('mobile');
    expect(matchHeader('contact', '联系电话')).toBe('mobile');
    expect(matchHeader('company', '联系电话')).toBe('phone');
    expect(matchHeader('company', '统一社会信用代码')).toBe('uscc');
    expect(matchHeader('company', '信用代码')).toBe('uscc');
    expect(matchHeader('company', '社会信用代码')).toBe('uscc');
    expect(matchHeader('event', '活动名称')).toBe('name');
    expect(matchHeader('deal', '乐至县2017年招商引资签约项目台账汇总表')).toBeNull();
    expect(matchHeader('deal', '序号')).toBeNull();
  });
});

describe('a messy deal ledger', () => {
  it('finds the two-row merged header below the title and unit rows', () => {
    const { layout, mapping } = messy();
    expect(layout.headerRow).toBe(2);
    expect(layout.headerRows).toBe(2);
    expect(layout.dataStart).toBe(4);
    expect(layout.sheetUnit).toBe('wan');
    const byField = Object.fromEntries(mapping.filter((m) => m.field).map((m) => [m.field, m]));
    expect(byField.agreedInvestment).toMatchObject({
      index: 3,
      header: '投资额 / 协议',
      unit: 'wan',
      unitSource: 'sheet',
    });
    expect(byField.firstPhaseInvestment).toMatchObject({ index: 4, header: '投资额 / 一期' });
    expect(byField.name?.index).toBe(1);
    expect(byField.investor?.index).toBe(2);
    expect(byField.signedDate?.index).toBe(5);
    expect(byField.team?.index).toBe(6);
    expect(byField.industry?.index).toBe(7);
    expect(byField.notes?.index).toBe(8);
    expect(mapping.find((m) => m.index === 0)).toMatchObject({ header: '序号', field: null });
  });

  it('reads rows by Excel row number, passes blank rows and stops at 合计', () => {
    const { raw } = messy();
    expect(raw.map((r) => r.rowNumber)).toEqual([5, 6, 8, 9, 10, 11, 12, 13]);
  });

  it('converts text amounts with units, the sheet unit for plain numbers, and every date form', () => {
    const { converted } = messy();
    const at = (n: number) => converted.find((r) => r.rowNumber === n)!;
    expect(at(5).input).toMatchObject({
      name: '女鞋生产基地',
      agreedInvestment: 350_000_000,
      firstPhaseInvestment: 120_000_000,
      signedDate: '2017-10-12',
      team: '第一招商组团',
    });
    expect(at(6).input).toMatchObject({
      agreedInvestment: 850_000_000,
      firstPhaseInvestment: 30_000_000,
      signedDate: '2017-10-12',
    });
    expect(at(8).input).toMatchObject({ agreedInvestment: 120_000_000, signedDate: '2017-10-12' });
    expect(at(9).input).toMatchObject({ agreedInvestment: 50_000_000, signedDate: '2017-10-12' });
    expect(at(10).input).toMatchObject({ agreedInvestment: 8_000_000, signedDate: '2017-10-01' });
    expect(at(11).input).toMatchObject({ agreedInvestment: 200_000_000, signedDate: '2017-10-12' });
    for (const n of [5, 8, 9, 10, 11, 12])
      expect(at(n).problems.filter((p) => p.level === 'error')).toEqual([]);
  });

  it('reports errors and warnings apart, per field', () => {
    const { converted } = messy();
    const bad = converted.find((r) => r.rowNumber === 13)!;
    const errors = bad.problems.filter((p) => p.level === 'error');
    expect(errors.map((p) => p.field).sort()).toEqual(['agreedInvestment', 'name', 'signedDate']);
    expect(errors.find((p) => p.field === 'name')?.message).toBe('项目名称不能为空');
    expect(errors.find((p) => p.field === 'agreedInvestment')?.message).toContain('无法识别的金额');
    expect(errors.find((p) => p.field === 'signedDate')?.message).toContain('日期');
    const unknownTeam = converted.find((r) => r.rowNumber === 6)!.problems;
    expect(unknownTeam).toEqual([
      { field: 'team', level: 'warning', message: '招商组团「一组」不在设置的列表中，按原文导入' },
    ]);
  });

  it('lists unknown list values and applies the user’s mapping of them', () => {
    const { raw, mapping } = messy();
    const unknown = unknownListValues('deal', raw, settings);
    expect(unknown).toEqual([
      { field: 'team', label: '招商组团', listKey: 'teams', value: '一组', count: 1, rows: [6] },
    ]);
    const row = convertRow('deal', raw[1]!, ctxFor(mapping, { listMap: { team: { 一组: '第一招商组团' } } }));
    expect(row.input.team).toBe('第一招商组团');
    expect(row.problems).toEqual([]);
  });

  it('marks the repeated deal (signed again later) as the same deal, counted once', () => {
    const { converted } = messy();
    const matches = findMatches('deal', converted, []);
    expect(matches[6]).toEqual({ duplicateOf: 5 });
    const plan = planRows('deal', converted, matches, 'create', new Set());
    expect(plan.filter((p) => p.action === 'create').map((p) => p.rowNumber)).toEqual([5, 6, 8, 9, 10, 11]);
    expect(plan.find((p) => p.rowNumber === 12)?.note).toBe('重复（第 5 行）');
    expect(plan.find((p) => p.rowNumber === 13)?.note).toBe('有错误');
  });

  it('plans each mode against the database by natural key and by id', () => {
    const { converted } = messy();
    const existing = [
      { id: 'd1', name: '女鞋生产基地', investor: '成都大东鞋业有限公司' },
      { id: 'd2', name: '别的', investor: '某公司' },
    ];
    const matches = findMatches('deal', converted, existing);
    expect(matches[0]).toEqual({ match: { id: 'd1', name: '女鞋生产基地', by: 'key' } });
    const act = (mode: 'create' | 'upsert' | 'skip') =>
      planRows('deal', converted, matches, mode, new Set([8]))[0]!;
    expect(act('upsert')).toMatchObject({ action: 'update', targetId: 'd1' });
    expect(act('skip').action).toBe('skip');
    expect(act('create').action).toBe('create');
    expect(
      planRows('deal', converted, matches, 'create', new Set([8])).find((p) => p.rowNumber === 8)?.action,
    ).toBe('skip');
    const withId = convertRow(
      'deal',
      { rowNumber: 2, values: { id: 'd2', name: '改名', investor: '另一家' } },
      ctxFor([]),
    );
    expect(findMatches('deal', [withId], existing)[0]).toEqual({
      match: { id: 'd2', name: '别的', by: 'id' },
    });
  });

  it('remembers a mapping for the same header set only', () => {
    const { mapping } = messy();
    const key = headerSetKey(
      'deal',
      mapping.map((m) => m.header),
    );
    expect(key).toBe(
      headerSetKey(
        'deal',
        mapping.map((m) => m.header),
      ),
    );
    expect(key).not.toBe(
      headerSetKey(
        'contact',
        mapping.map((m) => m.header),
      ),
    );
    const edited = mapping.map((m) =>
      m.index === 8 ? { ...m, field: null } : m.index === 0 ? { ...m, field: 'leader' } : m,
    );
    const restored = applyRemembered(autoMapping(messy().layout), JSON.parse(JSON.stringify(edited)));
    expect(restored.find((m) => m.index === 8)?.field).toBeNull();
    expect(restored.find((m) => m.index === 0)?.field).toBe('leader');
    expect(applyRemembered(mapping, [{ index: 0 }])).toBe(mapping);
    expect(duplicateFields([...mapping, { ...mapping[1]!, index: 20 }])).toEqual(['name']);
  });

  it('reads a unit from the header itself before the sheet’s', () => {
    const rows = readSheet(
      xlsxBytes({ s: { rows: [['单位：万元'], ['项目名称', '投资方', '总投资（亿元）'], ['A', 'B', 1.5]] } }),
    );
    const layout = detectLayout(rows, 'deal')!;
    const mapping = autoMapping(layout);
    expect(mapping[2]).toMatchObject({ field: 'agreedInvestment', unit: 'yi', unitSource: 'header' });
    const row = convertRow('deal', extractRows(rows, layout, mapping)[0]!, ctxFor(mapping));
    expect(row.input.agreedInvestment).toBe(150_000_000);
  });

  it('guesses the kind from the headers and finds no header in a sheet without one', () => {
    expect(
      guessKind([
        ['姓名', '单位', '手机'],
        ['张三', 'x', '13800001234'],
      ]),
    ).toBe('contact');
    expect(guessKind([['企业名称', '统一社会信用代码', '入驻园区']])).toBe('company');
    expect(
      detectLayout(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        'deal',
      ),
    ).toBeNull();
  });
});

describe('contacts and companies: mobiles and USCC', () => {
  const contactRows: Cell[][] = [
    ['客商名录'],
    ['姓名', '单位', '联系电话', '邮箱'],
    ['张三', '成都大东鞋业有限公司', '138 0000 1234', 'zs@example.com'],
    ['李四', '重庆渝运物流', '028-88886666', ''],
    ['王五', '温州鞋材', '12345', 'not-an-email'],
    ['张三', '成都大东鞋业有限公司', '+86 138-0000-1234', ''],
  ];

  it('normalises mobiles, moves landlines to 电话, flags bad ones, and dedupes by mobile', () => {
    const layout = detectLayout(contactRows, 'contact')!;
    const mapping = autoMapping(layout);
    const rows = extractRows(contactRows, layout, mapping).map((r) =>
      convertRow('contact', r, ctxFor(mapping)),
    );
    expect(rows[0]!.input).toMatchObject({ name: '张三', mobile: '13800001234' });
    expect(rows[1]!.input).toMatchObject({ phone: '028-88886666' });
    expect(rows[1]!.problems).toEqual([
      { field: 'mobile', level: 'warning', message: '「028-88886666」不是手机号，已作为电话导入' },
    ]);
    expect(rows[2]!.problems.map((p) => [p.field, p.level])).toEqual([
      ['mobile', 'error'],
      ['email', 'error'],
    ]);
    expect(findMatches('contact', rows, [])[3]).toEqual({ duplicateOf: 3 });
    const db = [
      { id: 'c1', name: '张三丰', mobile: '13800001234' },
      { id: 'c2', name: '李四', company: '重庆渝运物流' },
    ];
    const m = findMatches('contact', rows, db);
    expect(m[0]!.match?.id).toBe('c1');
    expect(m[1]!.match?.id).toBe('c2');
    const plan = planRows('contact', rows, m, 'create', new Set());
    expect(plan[0]).toMatchObject({ action: 'skip', note: '已有记录，仅新建模式不能重复' });
    expect(plan[1]!.action).toBe('create');
  });

  it('checks USCC and dedupes companies by USCC, else name', () => {
    const rows: Cell[][] = [
      ['企业名称', '统一社会信用代码', '入驻园区', '计划用工'],
      ['乐至大东鞋业有限公司', '91310110666007217t', '万贯鞋业产业园', '200人'],
      ['乐至某鞋材厂', '91350100M000100Y4Z', '万贯园', 50],
      ['乐至某鞋机厂', '', '县经济开发区', ''],
    ];
    const layout = detectLayout(rows, 'company')!;
    const mapping = autoMapping(layout);
    const out = extractRows(rows, layout, mapping).map((r) => convertRow('company', r, ctxFor(mapping)));
    expect(out[0]!.input).toMatchObject({
      uscc: '91310110666007217T',
      park: '万贯鞋业产业园',
      plannedJobs: 200,
    });
    expect(out[1]!.problems).toContainEqual({
      field: 'uscc',
      level: 'error',
      message: '统一社会信用代码校验位错误：第18位应为3',
    });
    expect(
      unknownListValues('company', extractRows(rows, layout, mapping), settings).map((u) => u.value),
    ).toEqual(['万贯园']);
    const m = findMatches('company', out, [
      { id: 'x', name: '旧名', uscc: '91310110666007217T' },
      { id: 'y', name: '乐至某鞋机厂' },
    ]);
    expect(m.map((r) => r.match?.id)).toEqual(['x', undefined, 'y']);
  });
});

describe('text files', () => {
  const csv =
    '客商名录\r\n姓名,单位,手机,签约日期\r\n张三,成都大东鞋业有限公司,13800001234,201710\r\n李四,重庆渝运物流,13900001111,2017年10月12日\r\n';

  it('reads a GB18030 CSV and keeps codes and 201710 as text', () => {
    const bytes = encodeGb18030(csv);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(decodeText(bytes)).toEqual({ text: csv, encoding: 'gb18030' });
    const r = readWorkbook(bytes, '客商.csv');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.format).toBe('csv');
    expect(r.value.encoding).toBe('gb18030');
    expect(r.value.sheets[0]!.rows.slice(1)).toEqual([
      ['姓名', '单位', '手机', '签约日期'],
      ['张三', '成都大东鞋业有限公司', '13800001234', '201710'],
      ['李四', '重庆渝运物流', '13900001111', '2017年10月12日'],
    ]);
  });

  it('reads UTF-8 with and without a BOM', () => {
    const plain = new TextEncoder().encode(csv);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
    for (const bytes of [plain, bom]) {
      const r = readWorkbook(bytes, 'a.csv');
      expect(r.ok && r.value.sheets[0]!.rows[1]).toEqual(['姓名', '单位', '手机', '签约日期']);
      expect(r.ok && r.value.encoding).toBe('utf-8');
    }
  });
});

describe('refusals: clear Chinese messages, nothing read', () => {
  it('refuses a file over the size limit before parsing', () => {
    const r = readWorkbook(new Uint8Array(2048), 'big.xlsx', {
      limits: { ...DEFAULT_LIMITS, maxBytes: 1024 },
    });
    expect(r).toEqual({ ok: false, error: expect.stringContaining('文件过大') });
  });

  it('refuses empty, unsupported and corrupt files', () => {
    expect(readWorkbook(new Uint8Array(0), 'a.xlsx')).toEqual({ ok: false, error: '文件是空的。' });
    expect(readWorkbook(new Uint8Array([0, 1, 2, 3, 0, 0]), 'a.pdf')).toEqual({
      ok: false,
      error: expect.stringContaining('不支持的文件格式'),
    });
    const good = xlsxBytes({ s: { rows: [['项目名称', '投资方']] } });
    const cut = good.slice(0, good.length - 200);
    expect(readWorkbook(cut, 'a.xlsx')).toEqual({ ok: false, error: expect.stringContaining('损坏') });
    expect(readWorkbook(new TextEncoder().encode('hello'), 'a.docx')).toEqual({
      ok: false,
      error: expect.stringContaining('不支持'),
    });
  });

  it('refuses a zip that declares a huge unpacked size (zip bomb) from its central directory', () => {
    const bytes = xlsxBytes({ s: { rows: [['项目名称', '投资方']] } });
    expect(sniffContainer(bytes)).toBe('zip');
    expect(checkZip(bytes, DEFAULT_LIMITS).ok).toBe(true);
    // Patch every central-directory entry's uncompressed size to 200 MB.
    const bomb = bytes.slice();
    for (let i = 0; i < bomb.length - 4; i++) {
      if (bomb[i] === 0x50 && bomb[i + 1] === 0x4b && bomb[i + 2] === 0x01 && bomb[i + 3] === 0x02) {
        new DataView(bomb.buffer).setUint32(i + 24, 200 * 1024 * 1024, true);
      }
    }
    const r = readWorkbook(bomb, 'bomb.xlsx');
    expect(r).toEqual({ ok: false, error: expect.stringContaining('解压后过大') });
  });

  it('refuses an encrypted workbook (OLE file with EncryptionInfo)', () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, 'EncryptionInfo', new Uint8Array(64));
    XLSX.CFB.utils.cfb_add(cfb, 'EncryptedPackage', new Uint8Array(4096));
    const bytes = new Uint8Array(XLSX.CFB.write(cfb, { type: 'array' }) as ArrayBuffer);
    const r = readWorkbook(bytes, '加密.xlsx');
    expect(r).toEqual({ ok: false, error: expect.stringContaining('密码') });
  });

  it('gives a sheet over the row limit its own error', () => {
    const rows = [['项目名称', '投资方'], ...Array.from({ length: 150 }, (_, i) => [`项目${i}`, '某公司'])];
    const r = readWorkbook(xlsxBytes({ 大表: { rows }, 小表: { rows: rows.slice(0, 3) } }), 'a.xlsx', {
      limits: { ...DEFAULT_LIMITS, maxRows: 100 },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.sheets[0]!.error).toContain('超过 100 行');
    expect(r.value.sheets[1]!.error).toBeUndefined();
    expect(r.value.sheets[1]!.rows).toHaveLength(3);
  });

  it('reads an old .xls (BIFF8) and Excel serial dates in it', () => {
    const bytes = xlsxBytes(
      {
        s: {
          rows: [
            ['活动名称', '开始日期', '城市'],
            ['西博会', 43020, '成都'],
          ],
          dateCells: ['B2'],
        },
      },
      'biff8',
    );
    const rows = readSheet(bytes, 'a.xls');
    expect(rows[1]).toEqual(['西博会', '2017-10-12', '成都']);
  });
});

describe('templates', () => {
  it.each(['deal', 'contact', 'company', 'event'] as const)(
    'the %s template imports its own example row without errors',
    (kind) => {
      const rows = readSheet(buildTemplate(kind));
      expect(rows[0]).toEqual(templateHeaders(kind));
      const layout = detectLayout(rows, kind)!;
      const mapping = autoMapping(layout);
      expect(mapping.every((m) => m.field !== null)).toBe(true);
      const [row] = extractRows(rows, layout, mapping).map((r) => convertRow(kind, r, ctxFor(mapping)));
      expect(row!.problems.filter((p) => p.level === 'error')).toEqual([]);
      if (kind === 'deal') expect(row!.input.agreedInvestment).toBe(350_000_000);
    },
  );
});

describe('the end of the table and repeated signings', () => {
  const head = ['项目名称', '投资方', '签约日期'];

  it('stops at a 填表人 line and at a lone note after a blank tail', () => {
    const a: Cell[][] = [
      head,
      ['甲项目', '甲公司', '2017-10-12'],
      [],
      ['乙项目', '乙公司', '2017-10-13'],
      ['填表人：张三', '审核：李四'],
    ];
    const b: Cell[][] = [head, ['甲项目', '甲公司', '2017-10-12'], [], [], ['以上数据截至2017年10月底']];
    for (const rows of [a, b]) {
      const layout = detectLayout(rows, 'deal')!;
      const names = extractRows(rows, layout, autoMapping(layout)).map((r) => r.values.name);
      expect(names).toEqual(rows === a ? ['甲项目', '乙项目'] : ['甲项目']);
    }
  });

  it('counts a deal signed again once, at its earliest signing', () => {
    const rows: Cell[][] = [
      head,
      ['甲项目', '甲公司', '2017-11-20'],
      ['乙项目', '乙公司', '2017-10-01'],
      ['甲 项目', '甲公司', '2017-10-12'],
    ];
    const layout = detectLayout(rows, 'deal')!;
    const mapping = autoMapping(layout);
    const converted = extractRows(rows, layout, mapping).map((r) => convertRow('deal', r, ctxFor(mapping)));
    expect(findMatches('deal', converted, [])).toEqual([{ duplicateOf: 4 }, {}, {}]);
  });

  it('an update from a later re-signing keeps the first signing date and event', () => {
    const row = convertRow(
      'deal',
      {
        rowNumber: 2,
        values: { name: '甲项目', investor: '甲公司', signedDate: '2017-11-20', agreedInvestment: 2 },
      },
      ctxFor([]),
    );
    const existing = [{ id: 'd1', name: '甲项目', investor: '甲公司', signedDate: '2017-06-01' }];
    const m = findMatches('deal', [row], existing);
    expect(m[0]!.match).toEqual({ id: 'd1', name: '甲项目', by: 'key', signedDate: '2017-06-01' });
    const [p] = planRows('deal', [row], m, 'upsert', new Set());
    expect(p).toMatchObject({ action: 'update', keepFields: ['signedDate', 'eventId'] });
    expect(p!.problems).toContainEqual({
      level: 'warning',
      message: '已于 2017-06-01 签约：再次签约不改变首次签约日期和活动',
    });
    expect(writeInput(row, p!)).toEqual({
      name: '甲项目',
      investor: '甲公司',
      agreedInvestment: 20_000,
    });
  });
});

describe('cells named like Object.prototype members', () => {
  // Found by the mutation test: with any decision made for a column, a cell
  // reading 「toString」 was looked up on Object.prototype and refused.
  it('are plain list values, imported as written', () => {
    const r = convertRow(
      'deal',
      { rowNumber: 2, values: { name: '项目', investor: '某公司', team: 'toString', industry: '__proto__' } },
      ctxFor([], { listMap: { team: { 某组: '第一招商组团' }, industry: {} } }),
    );
    expect(r.problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(r.input).toMatchObject({ team: 'toString', industry: '__proto__' });
  });
});
