import { describe, expect, it } from 'vitest';
import { readFundSheet, readTargetSheet } from '../../shared/excel/progressSheets';

describe('the targets sheet offices receive', () => {
  it('reads teams × figures with the units the headers name, the county as 全县 or 合计', () => {
    const r = readTargetSheet([
      ['2026年度招商引资目标任务分解表', null, null, null, null],
      ['单位', '签约项目（个）', '协议引资（亿元）', '到位资金（万元）', '新开工项目', '投产项目'],
      ['全县', 30, 85.4, 200000, 12, 8],
      ['第一招商组团', '5', '10', '3,000', 2, null],
      [null, null, null, null, null, null],
      ['第二招商组团', 4, '', '5000万', 1, 1],
    ]);
    expect(r).toEqual({
      ok: true,
      rows: [
        {
          team: '',
          values: { signedCount: 30, agreed: 8_540_000_000, funds: 2_000_000_000, started: 12, producing: 8 },
        },
        {
          team: '第一招商组团',
          values: { signedCount: 5, agreed: 1_000_000_000, funds: 30_000_000, started: 2 },
        },
        { team: '第二招商组团', values: { signedCount: 4, funds: 50_000_000, started: 1, producing: 1 } },
      ],
    });
  });

  it('refuses the whole sheet on a bad cell, naming the row, and a sheet without the header', () => {
    const bad = readTargetSheet([
      ['组团', '签约项目', '协议引资（亿元）'],
      ['第一招商组团', 'five', '10'],
    ]);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/第2行 第一招商组团：应为整数：five/);
    const none = readTargetSheet([['姓名', '手机']]);
    expect(!none.ok && none.message).toMatch(/没有找到目标任务表头/);
  });
});

describe('the funds sheet (项目名称, 月份, 到位资金 / 完成投资)', () => {
  it('reads months in their many spellings and amounts in 万元 unless the header says otherwise', () => {
    const r = readFundSheet([
      ['项目名称', '月份', '到位资金（万元）', '完成投资（亿元）'],
      ['大东鞋业女鞋生产基地', '2026年3月', 3000, 0.25],
      ['恒达汽车零部件项目', 46143, '1,500', null],
      ['锦华鞋材配套项目', '2026-05', null, null],
    ]);
    expect(r).toEqual({
      ok: true,
      rows: [
        { row: 2, name: '大东鞋业女鞋生产基地', month: '2026-03', funds: 30_000_000, invested: 25_000_000 },
        { row: 3, name: '恒达汽车零部件项目', month: '2026-05', funds: 15_000_000 },
      ],
    });
  });

  it('refuses a month it cannot read', () => {
    const r = readFundSheet([
      ['项目名称', '月份', '到位资金'],
      ['大东鞋业女鞋生产基地', '三月份', 3000],
    ]);
    expect(!r.ok && r.message).toMatch(/第2行 大东鞋业女鞋生产基地：月份无法识别（三月份）/);
  });
});
