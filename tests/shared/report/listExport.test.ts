import { describe, expect, it } from 'vitest';
import { CONTACT_FIELDS, DEAL_FIELDS } from '../../../shared/domain/fields';
import {
  csvField,
  listFileName,
  listToCsv,
  listToCsvText,
  listToXlsx,
  type ListExport,
} from '../../../shared/report/listExport';
import { summaryReportBytes } from '../../../shared/report/summaryWriter';
import { dumpXlsx, libreOfficeCsv, parseCsv, SheetView, writeTemp } from '../../support/spreadsheet';
import { contacts, deals, events, input, PERIOD, settings, TODAY } from './fixture';

const refs = {
  events: new Map(events.map((e) => [e.id, e.name])),
  deals: new Map(deals.map((d) => [d.id, d.name])),
};
const field = (key: string) => DEAL_FIELDS.find((f) => f.key === key)!;
const visible = [
  'name',
  'investor',
  'industry',
  'eventId',
  'signedDate',
  'agreedInvestment',
  'stage',
  'landMu',
].map(field);
const shown = deals.filter((d) => !d.deletedAt && d.industry === '鞋业');

function spec(rows = shown as unknown as Record<string, unknown>[]): ListExport {
  return { title: '签约项目', fields: visible, rows, unit: 'wan', refs, note: '行业：鞋业', today: TODAY };
}

describe('list export', () => {
  it('writes the visible columns and the rows shown, in order, as typed cells', async () => {
    const sheets = dumpXlsx(writeTemp(await listToXlsx(spec()), 'list.xlsx'));
    expect(sheets.map((s) => s.name)).toEqual(['签约项目']);
    const v = new SheetView(sheets[0]!);
    expect(v.value(1, 1)).toBe('签约项目');
    expect(String(v.value(2, 1))).toContain('共2条');
    expect(String(v.value(2, 1))).toContain('单位：万元');
    expect(String(v.value(2, 1))).toContain('行业：鞋业');
    expect(v.row(3, 9)).toEqual([
      '序号',
      '项目名称',
      '投资方',
      '行业',
      '签约活动',
      '签约日期',
      '协议投资额（万元）',
      '阶段',
      '用地面积(亩)',
    ]);
    for (let c = 1; c <= 9; c++) expect(v.cell(3, c)?.[4]).toBe(true);
    expect(v.sheet.freeze).toBe('A4');
    expect(v.row(4, 9)).toEqual([
      1,
      '大东鞋业女鞋生产基地',
      '成都大东鞋业有限公司',
      '鞋业',
      '第十六届中国西部国际博览会',
      '2017-10-12',
      350000,
      '已签约',
      320,
    ]);
    expect(v.cell(4, 6)?.[2]).toBe('d');
    expect(v.cell(4, 7)?.[5]).toBe('#,##0.00');
    expect(v.value(5, 2)).toBe('童鞋研发生产项目');
    expect(v.value(5, 8)).toBe('已开工');
  });

  it('writes CSV as UTF-8 with BOM, CRLF and RFC 4180 quoting', () => {
    const bytes = listToCsv(spec());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')[0]).toBe(
      '项目名称,投资方,行业,签约活动,签约日期,协议投资额（万元）,阶段,用地面积(亩)',
    );
    expect(text.split('\r\n')[1]).toBe(
      '大东鞋业女鞋生产基地,成都大东鞋业有限公司,鞋业,第十六届中国西部国际博览会,2017-10-12,350000,已签约,320',
    );
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    const rows = parseCsv(listToCsvText(spec([{ name: '甲,乙 "丙"\r\n丁', investor: 'x' }])).slice(1));
    expect(rows[1]![0]).toBe('甲,乙 "丙"\r\n丁');
  });

  it('names files after the list and the day', () => {
    expect(listFileName('签约项目', TODAY, 'csv')).toBe('签约项目_20171031.csv');
    expect(listFileName('企业注册', TODAY, 'xlsx')).toBe('企业注册_20171031.xlsx');
  });
});

describe('formula injection', () => {
  const NASTY = ['=HYPERLINK("http://x","y")', '+1', '-1', '@SUM(A1)', '＝1', '\tTAB', '＋2', '－3', '＠x'];

  function nastyInput() {
    const base = input();
    const d0 = base.deals[0]!;
    const k0 = contacts[0]!;
    return {
      ...base,
      deals: [
        {
          ...d0,
          name: NASTY[0]!,
          investor: NASTY[1]!,
          leader: NASTY[2]!,
          unit: NASTY[3]!,
          notes: NASTY[4]!,
          owner: NASTY[5]!,
        },
        ...base.deals.slice(1),
      ],
      contacts: [
        {
          ...k0,
          name: NASTY[4]!,
          company: NASTY[0]!,
          title: NASTY[3]!,
          wechat: NASTY[6]!,
          notes: NASTY[7]!,
          tags: [NASTY[8]!],
        },
      ],
    };
  }

  it('never writes user text as a formula or a hyperlink in .xlsx', async () => {
    const data = nastyInput();
    const report = dumpXlsx(
      writeTemp(await summaryReportBytes(data, settings, { period: PERIOD, today: TODAY }), 'r.xlsx'),
    );
    const list = dumpXlsx(
      writeTemp(
        await listToXlsx({
          ...spec(data.deals as unknown as Record<string, unknown>[]),
          fields: DEAL_FIELDS,
        }),
        'l.xlsx',
      ),
    );
    const contactList = dumpXlsx(
      writeTemp(
        await listToXlsx({
          ...spec(data.contacts as unknown as Record<string, unknown>[]),
          title: '客商',
          fields: CONTACT_FIELDS,
        }),
        'c.xlsx',
      ),
    );
    const all = [...report, ...list, ...contactList];
    for (const s of all) {
      expect(
        s.cells.filter((c) => c[2] === 'f'),
        s.name,
      ).toEqual([]);
      expect(s.hyperlinks).toBe(0);
    }
    const texts = all.flatMap((s) => s.cells.filter((c) => c[2] === 's').map((c) => c[3]));
    for (const n of NASTY.slice(0, 7)) expect(texts, n).toContain(n);
    expect(texts).toContain(NASTY[8]);
  });

  it('keeps them text when LibreOffice opens the workbook', async () => {
    const data = nastyInput();
    const path = writeTemp(
      await listToXlsx({ ...spec(data.deals as unknown as Record<string, unknown>[]), fields: DEAL_FIELDS }),
      'l.xlsx',
    );
    const csv = libreOfficeCsv(path).get('签约项目')!;
    const row = csv.find((r) => r.includes(NASTY[0]!))!;
    expect(row).toEqual(expect.arrayContaining(NASTY.slice(0, 5)));
  }, 120_000);

  it("prefixes every such CSV value with '", () => {
    const data = nastyInput();
    const deal = parseCsv(
      listToCsvText({
        ...spec(data.deals as unknown as Record<string, unknown>[]),
        fields: DEAL_FIELDS,
      }).slice(1),
    );
    const contact = parseCsv(
      listToCsvText({
        ...spec(data.contacts as unknown as Record<string, unknown>[]),
        fields: CONTACT_FIELDS,
      }).slice(1),
    );
    const values = [...deal, ...contact].flat();
    for (const n of NASTY) expect(values, n).toContain(`'${n}`);
    for (const v of values) expect(/^[=+\-@\t\r＝＋－＠]/.test(v), v).toBe(false);
    // Our own numbers are never prefixed.
    expect(deal[2]).toContain('200000');
  });
});
