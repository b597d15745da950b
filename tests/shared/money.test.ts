import { describe, expect, it } from 'vitest';
import { formatAmount, parseAmount, toUnit, UNIT_LABELS, unitFromHeader } from '../../shared/domain/money';

describe('parseAmount: empty input', () => {
  it.each([null, undefined, '', '   ', '\u3000\t'])('%j → null', (input) => {
    expect(parseAmount(input)).toEqual({ ok: true, value: null });
  });
});

describe('parseAmount: strings with their own unit', () => {
  it.each([
    ['85.4亿', 8_540_000_000],
    ['85.4亿元', 8_540_000_000],
    ['3000万', 30_000_000],
    ['3000万元', 30_000_000],
    ['1.2亿元', 120_000_000],
    ['3,000.5万元', 30_005_000],
    [' 120 万 ', 1_200_000],
    ['500元', 500],
    ['0.5亿', 50_000_000],
    ['0.1万', 1_000],
    ['1.23456789亿', 123_456_789],
    ['1.2345678亿', 123_456_780],
    ['0.07亿元', 7_000_000],
    ['2.3万', 23_000],
    ['１２０万元', 1_200_000],
    ['８５．４亿', 8_540_000_000],
    ['.5万', 5_000],
    ['￥5,000元', 5_000],
    ['+200万', 2_000_000],
    ['0', 0],
    ['-0', 0],
  ])('%j → %d 元', (input, expected) => {
    expect(parseAmount(input)).toEqual({ ok: true, value: expected });
  });

  it('the unit in the text wins over the default unit', () => {
    expect(parseAmount('500元', 'wan')).toEqual({ ok: true, value: 500 });
    expect(parseAmount('2亿', 'wan')).toEqual({ ok: true, value: 200_000_000 });
  });
});

describe('parseAmount: plain numbers and digit strings use the default unit', () => {
  it.each([
    ['5,000', 'yuan', 5_000],
    ['5，000', 'yuan', 5_000],
    ['５０００', 'yuan', 5_000],
    ['1,234,567', 'yuan', 1_234_567],
    ['5000', 'wan', 50_000_000],
    ['85.4', 'yi', 8_540_000_000],
    ['12.5', 'yuan', 13],
  ] as const)('%j in %s → %d 元', (input, unit, expected) => {
    expect(parseAmount(input, unit)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [5000, 'yuan', 5_000],
    [3000, 'wan', 30_000_000],
    [85.4, 'yi', 8_540_000_000],
    [0.1, 'wan', 1_000],
    [1.23456789, 'yi', 123_456_789],
    [0.29, 'yi', 29_000_000],
    [1e-7, 'yi', 10],
    [0, 'yi', 0],
  ] as const)('number %d in %s → %d 元', (input, unit, expected) => {
    expect(parseAmount(input, unit)).toEqual({ ok: true, value: expected });
  });

  it('defaults to 元', () => {
    expect(parseAmount(3000)).toEqual({ ok: true, value: 3000 });
    expect(parseAmount('3000')).toEqual({ ok: true, value: 3000 });
  });
});

describe('parseAmount: rounding of fractions of a 元 (half up)', () => {
  it.each([
    ['0.5', 1],
    ['0.49', 0],
    ['2.5元', 3],
    ['1.00005万', 10_001],
    ['1.00004万', 10_000],
    ['0.000000005亿', 1],
    ['0.000000004亿', 0],
  ])('%j → %d', (input, expected) => {
    expect(parseAmount(input)).toEqual({ ok: true, value: expected });
  });
  it('rounds numbers too', () => {
    expect(parseAmount(12.5)).toEqual({ ok: true, value: 13 });
    expect(parseAmount(12.4999)).toEqual({ ok: true, value: 12 });
  });
});

describe('parseAmount: errors', () => {
  it('rejects negative amounts', () => {
    expect(parseAmount('-5')).toEqual({ ok: false, error: '金额不能为负数' });
    expect(parseAmount('－3000万')).toEqual({ ok: false, error: '金额不能为负数' });
    expect(parseAmount(-1, 'wan')).toEqual({ ok: false, error: '金额不能为负数' });
  });

  it.each([
    'abc',
    '1e3',
    '约3000万',
    '3000美元',
    '5,00',
    '1,2345',
    '5.',
    '.',
    '万',
    '1.2.3',
    '3000万万',
    '1-2',
    '12 34x',
  ])('rejects %j as unrecognised', (input) => {
    expect(parseAmount(input)).toEqual({ ok: false, error: `无法识别的金额：${input.trim()}` });
  });

  it('shows the input as typed (trimmed) in the message', () => {
    expect(parseAmount('  三千万 ')).toEqual({ ok: false, error: '无法识别的金额：三千万' });
  });

  it('rejects non-finite numbers and other types', () => {
    expect(parseAmount(Number.NaN)).toEqual({ ok: false, error: '无法识别的金额：NaN' });
    expect(parseAmount(Number.POSITIVE_INFINITY)).toEqual({ ok: false, error: '无法识别的金额：Infinity' });
    expect(parseAmount(true)).toEqual({ ok: false, error: '无法识别的金额：true' });
  });

  it('accepts exactly Number.MAX_SAFE_INTEGER and rejects one more', () => {
    expect(parseAmount('9007199254740991')).toEqual({ ok: true, value: 9_007_199_254_740_991 });
    expect(parseAmount('9007199254740992')).toEqual({
      ok: false,
      error: '金额超出可处理范围：9007199254740992',
    });
    expect(parseAmount('90071992.54740991亿')).toEqual({ ok: true, value: 9_007_199_254_740_991 });
    expect(parseAmount('90071992.54740992亿')).toEqual({
      ok: false,
      error: '金额超出可处理范围：90071992.54740992亿',
    });
    expect(parseAmount(1e21)).toEqual({ ok: false, error: '金额超出可处理范围：1e+21' });
    expect(parseAmount(1e9, 'yi')).toEqual({ ok: false, error: '金额超出可处理范围：1000000000' });
  });
});

describe('toUnit', () => {
  it('converts 元 to 亿元 and 万元', () => {
    expect(toUnit(8_540_000_000, 'yi')).toBe(85.4);
    expect(toUnit(30_000_000, 'wan')).toBe(3000);
    expect(toUnit(12_345, 'wan')).toBe(1.2345);
    expect(toUnit(0, 'yi')).toBe(0);
  });
});

describe('formatAmount', () => {
  it('shows 亿元 and 万元 with grouping and trimmed decimals', () => {
    expect(formatAmount(8_540_000_000, 'yi')).toBe('85.4亿元');
    expect(formatAmount(30_000_000, 'wan')).toBe('3,000万元');
    expect(formatAmount(30_000_000, 'wan', { withUnit: false })).toBe('3,000');
    expect(formatAmount(123_456_789_000_000, 'yi')).toBe('1,234,567.89亿元');
    expect(formatAmount(8_540_000_000, 'wan')).toBe('854,000万元');
    expect(formatAmount(0, 'wan')).toBe('0万元');
  });

  it('rounds half up to the number of decimals', () => {
    expect(formatAmount(12_345, 'wan')).toBe('1.23万元');
    expect(formatAmount(12_350, 'wan')).toBe('1.24万元');
    expect(formatAmount(12_349, 'wan')).toBe('1.23万元');
    expect(formatAmount(123_456_789, 'yi')).toBe('1.23亿元');
    expect(formatAmount(99_999_999_999, 'wan', { withUnit: false })).toBe('10,000,000');
    expect(formatAmount(5_000, 'yi')).toBe('0亿元');
  });

  it('honours decimals', () => {
    expect(formatAmount(123_456_789, 'yi', { decimals: 4 })).toBe('1.2346亿元');
    expect(formatAmount(123_456_789, 'yi', { decimals: 8 })).toBe('1.23456789亿元');
    expect(formatAmount(15_000, 'wan', { decimals: 0 })).toBe('2万元');
    expect(formatAmount(14_999, 'wan', { decimals: 0, withUnit: false })).toBe('1');
    expect(formatAmount(1_200_000_000, 'yi', { decimals: 4 })).toBe('12亿元');
  });

  it('is empty for null, undefined and NaN', () => {
    expect(formatAmount(null, 'wan')).toBe('');
    expect(formatAmount(undefined, 'yi')).toBe('');
    expect(formatAmount(Number.NaN, 'yi')).toBe('');
  });

  it('keeps a sign on negative values', () => {
    expect(formatAmount(-30_000_000, 'wan')).toBe('-3,000万元');
  });

  it('round-trips with parseAmount', () => {
    const parsed = parseAmount(formatAmount(8_540_000_000, 'yi'));
    expect(parsed).toEqual({ ok: true, value: 8_540_000_000 });
  });
});

describe('UNIT_LABELS', () => {
  it('names each unit', () => {
    expect(UNIT_LABELS).toEqual({ yuan: '元', wan: '万元', yi: '亿元' });
  });
});

describe('unitFromHeader', () => {
  it.each([
    ['协议投资额（万元）', 'wan'],
    ['协议投资额(亿元)', 'yi'],
    ['一期投资 ( 万元 )', 'wan'],
    ['注册资本（元）', 'yuan'],
    ['金额（单位：万元）', 'wan'],
    ['入库金额 单位：亿元', 'yi'],
    ['入库金额单位:万元', 'wan'],
    ['投资额（万）', 'wan'],
    ['总投资（亿）', 'yi'],
  ] as const)('%j → %s', (header, unit) => {
    expect(unitFromHeader(header)).toBe(unit);
  });

  it.each(['协议投资额', '责任单位', '亩均投资（万元/亩）', '境外投资（万美元）', '项目名称（全称）', ''])(
    '%j → null',
    (header) => {
      expect(unitFromHeader(header)).toBeNull();
    },
  );
});
