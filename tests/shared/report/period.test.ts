import { describe, expect, it } from 'vitest';
import {
  periodHolding,
  monthPeriod,
  periodLabel,
  periodText,
  quarterPeriod,
  reportArea,
  reportFileName,
  reportTitle,
  yearPeriod,
  yearToMonthEnd,
} from '../../../shared/report/period';

describe('report periods', () => {
  it('builds months, quarters and years with their last days', () => {
    expect(monthPeriod(2017, 2)).toEqual({ from: '2017-02-01', to: '2017-02-28' });
    expect(monthPeriod(2016, 2)).toEqual({ from: '2016-02-01', to: '2016-02-29' });
    expect(monthPeriod(2017, 12)).toEqual({ from: '2017-12-01', to: '2017-12-31' });
    expect(quarterPeriod(2017, 3)).toEqual({ from: '2017-07-01', to: '2017-09-30' });
    expect(yearPeriod(2017)).toEqual({ from: '2017-01-01', to: '2017-12-31' });
    expect(yearToMonthEnd('2017-10-20')).toEqual({ from: '2017-01-01', to: '2017-10-31' });
  });

  it('reads like the reports', () => {
    expect(periodText({ from: '2017-01-01', to: '2017-10-31' })).toBe('2017年1月1日—2017年10月31日');
    expect(periodLabel({ from: '2017-01-01', to: '2017-10-31' })).toBe('2017年1-10月');
    expect(periodLabel(monthPeriod(2017, 10))).toBe('2017年10月');
    expect(periodLabel(quarterPeriod(2017, 3))).toBe('2017年第三季度');
    expect(periodLabel(yearPeriod(2017))).toBe('2017年');
    expect(periodLabel({ from: '2017-10-09', to: '2017-10-15' })).toBe('2017年10月9日-10月15日');
    expect(periodLabel({ from: '2016-11-01', to: '2017-02-28' })).toBe('2016年11月-2017年2月');
    expect(periodLabel({ from: '2016-12-25', to: '2017-01-05' })).toBe('2016年12月25日-2017年1月5日');
  });

  it('names the report and its file after the area', () => {
    expect(reportArea('乐至县投资促进局')).toBe('乐至县');
    expect(reportArea('资阳市招商局')).toBe('资阳市');
    expect(reportArea('投资促进局')).toBe('投资促进局');
    expect(reportTitle('乐至县投资促进局')).toBe('乐至县招商引资工作汇总表');
    expect(reportFileName('乐至县投资促进局', { from: '2017-01-01', to: '2017-10-31' })).toBe(
      '乐至县招商引资工作汇总表_2017年1-10月.xlsx',
    );
    expect(reportFileName('乐至县投资促进局', monthPeriod(2017, 10), '第一招商组团')).toBe(
      '乐至县招商引资工作汇总表_第一招商组团_2017年10月.xlsx',
    );
    expect(reportFileName('a/b:c', yearPeriod(2017))).toBe('a_b_c招商引资工作汇总表_2017年.xlsx');
  });
});

describe('the period holding a day (the overview’s 本月 / 本季度 / 本年)', () => {
  it.each([
    ['month', '2028-02-29', { from: '2028-02-01', to: '2028-02-29' }],
    ['month', '2027-02-15', { from: '2027-02-01', to: '2027-02-28' }],
    ['month', '2027-12-31', { from: '2027-12-01', to: '2027-12-31' }],
    ['quarter', '2026-10-15', { from: '2026-10-01', to: '2026-12-31' }],
    ['quarter', '2027-03-31', { from: '2027-01-01', to: '2027-03-31' }],
    ['quarter', '2027-04-01', { from: '2027-04-01', to: '2027-06-30' }],
    ['year', '2027-12-31', { from: '2027-01-01', to: '2027-12-31' }],
  ] as const)('%s of %s', (kind, today, period) => {
    expect(periodHolding(kind, today)).toEqual(period);
  });
});
