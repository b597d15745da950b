import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayNumber,
  daysBetween,
  excelSerialToIso,
  isIsoDate,
  isoToExcelSerial,
  parseDate,
  todayIso,
} from '../../shared/domain/dates';

describe('isIsoDate', () => {
  it('agrees with the calendar of Date.UTC for every day 1..31 of every month, 0000–2400', () => {
    const years = [
      0, 4, 99, 100, 400, 1600, 1899, 1900, 1999, 2000, 2024, 2026, 2027, 2028, 2100, 2199, 2400,
    ];
    let real = 0;
    for (const year of years)
      for (let month = 1; month <= 12; month++)
        for (let day = 1; day <= 31; day++) {
          const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const expected = new Date(Date.UTC(year, month, 0)).getUTCDate() >= day;
          expect(isIsoDate(iso), iso).toBe(expected);
          if (expected) real++;
        }
    // 365 days in each common year, 366 in each leap one (0000–0099 count as 1900–1999).
    expect(real).toBe(years.length * 365 + [1600, 2000, 2024, 2028, 2400, 4, 400].length);
    expect(isIsoDate('2026-00-10')).toBe(false);
    expect(isIsoDate('2026-13-10')).toBe(false);
    expect(isIsoDate('2026-02-00')).toBe(false);
  });
});

describe('excelSerialToIso', () => {
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [43020, '2017-10-12'],
    [45351, '2024-02-29'],
    [45658, '2025-01-01'],
    [109574, '2199-12-31'],
    [2958465, '9999-12-31'],
  ])('%d → %s', (serial, iso) => {
    expect(excelSerialToIso(serial)).toBe(iso);
  });

  it('ignores the time of day', () => {
    expect(excelSerialToIso(43020.99999)).toBe('2017-10-12');
    expect(excelSerialToIso(43020.5)).toBe('2017-10-12');
  });

  it("is null for Excel's fake 1900-02-29 and outside 1..2958465", () => {
    expect(excelSerialToIso(60)).toBeNull();
    expect(excelSerialToIso(60.5)).toBeNull();
    expect(excelSerialToIso(0)).toBeNull();
    expect(excelSerialToIso(0.5)).toBeNull();
    expect(excelSerialToIso(-1)).toBeNull();
    expect(excelSerialToIso(2958466)).toBeNull();
    expect(excelSerialToIso(Number.NaN)).toBeNull();
  });
});

describe('isoToExcelSerial', () => {
  it.each([
    ['1900-01-01', 1],
    ['1900-02-28', 59],
    ['1900-03-01', 61],
    ['2017-10-12', 43020],
    ['2024-02-29', 45351],
    ['9999-12-31', 2958465],
  ])('%s → %d', (iso, serial) => {
    expect(isoToExcelSerial(iso)).toBe(serial);
  });

  it('round-trips with excelSerialToIso', () => {
    for (const serial of [1, 59, 61, 366, 43020, 45658, 73050]) {
      expect(isoToExcelSerial(excelSerialToIso(serial) ?? '')).toBe(serial);
    }
  });

  it('is NaN for an invalid date', () => {
    expect(isoToExcelSerial('2017-02-30')).toBeNaN();
    expect(isoToExcelSerial('2017/10/12')).toBeNaN();
  });
});

describe('parseDate: empty', () => {
  it.each([null, undefined, '', '   ', '\u3000'])('%j → null', (input) => {
    expect(parseDate(input)).toEqual({ ok: true, value: null });
  });
});

describe('parseDate: strings', () => {
  it.each([
    ['2017-10-12', '2017-10-12'],
    ['2017-1-2', '2017-01-02'],
    ['2017/10/12', '2017-10-12'],
    ['2017/1/2', '2017-01-02'],
    ['2017.10.12', '2017-10-12'],
    ['2017年10月12日', '2017-10-12'],
    ['2017年1月2日', '2017-01-02'],
    ['2017年10月12号', '2017-10-12'],
    ['2017 年 10 月 12 日', '2017-10-12'],
    ['2017年10月', '2017-10-01'],
    ['2017-10', '2017-10-01'],
    ['2017/3', '2017-03-01'],
    ['201710', '2017-10-01'],
    ['20171012', '2017-10-12'],
    ['43020', '2017-10-12'],
    ['43020.75', '2017-10-12'],
    ['10000', '1927-05-18'],
    ['80000', '2119-01-11'],
    ['2017-10-12 08:30:00', '2017-10-12'],
    ['2017-10-12 8:30', '2017-10-12'],
    ['2017-10-12T08:30:00.000Z', '2017-10-12'],
    ['2017/10/12 08:30:00', '2017-10-12'],
    ['2017年10月12日 08:30', '2017-10-12'],
    ['２０１７－１０－１２', '2017-10-12'],
    ['２０１７年１０月１２日', '2017-10-12'],
    ['  2017-10-12  ', '2017-10-12'],
    ['2024-02-29', '2024-02-29'],
    ['1900-01-01', '1900-01-01'],
    ['2199-12-31', '2199-12-31'],
  ])('%j → %s', (input, iso) => {
    expect(parseDate(input)).toEqual({ ok: true, value: iso });
  });

  it.each([
    ['2017-02-30', '日期不存在：2017-02-30'],
    ['2017-2-29', '日期不存在：2017-02-29'],
    ['2100-02-29', '日期不存在：2100-02-29'],
    ['2017-13-01', '日期不存在：2017-13-01'],
    ['2017-00-10', '日期不存在：2017-00-10'],
    ['2017-04-31', '日期不存在：2017-04-31'],
    ['2017年2月30日', '日期不存在：2017-02-30'],
    ['20170230', '日期不存在：2017-02-30'],
    ['2017年13月', '日期不存在：2017-13'],
    ['201713', '日期不存在：2017-13'],
  ])('rejects impossible %j', (input, error) => {
    expect(parseDate(input)).toEqual({ ok: false, error });
  });

  it.each([
    ['1899-12-31', '日期年份应在1900–2199年之间：1899-12-31'],
    ['2200-01-01', '日期年份应在1900–2199年之间：2200-01-01'],
    ['0017-10-12', '日期年份应在1900–2199年之间：0017-10-12'],
    ['2300年5月', '日期年份应在1900–2199年之间：2300-05'],
  ])('rejects the year of %j', (input, error) => {
    expect(parseDate(input)).toEqual({ ok: false, error });
  });

  it.each([
    '明天',
    '17-10-12',
    '2017-10/12',
    '2017-10-12-1',
    '9999',
    '99999',
    '09999',
    '2017年',
    '10月12日',
    '1e5',
    '2017-10-12 下午',
  ])('rejects unrecognised %j', (input) => {
    expect(parseDate(input)).toEqual({ ok: false, error: `无法识别的日期：${input}` });
  });

  it('shows the input trimmed in the message', () => {
    expect(parseDate('  待定 ')).toEqual({ ok: false, error: '无法识别的日期：待定' });
  });
});

describe('parseDate: numbers are Excel serials', () => {
  it.each([
    [43020, '2017-10-12'],
    [43020.354166, '2017-10-12'],
    [1, '1900-01-01'],
    [61, '1900-03-01'],
    [109574, '2199-12-31'],
  ])('%d → %s', (serial, iso) => {
    expect(parseDate(serial)).toEqual({ ok: true, value: iso });
  });

  it('rejects serial 60, the fake 1900-02-29', () => {
    expect(parseDate(60)).toEqual({ ok: false, error: '日期不存在：1900-02-29' });
  });

  it('rejects serials outside the range or past 2199', () => {
    expect(parseDate(0)).toEqual({ ok: false, error: '无法识别的日期：0' });
    expect(parseDate(-5)).toEqual({ ok: false, error: '无法识别的日期：-5' });
    expect(parseDate(2958466)).toEqual({ ok: false, error: '无法识别的日期：2958466' });
    expect(parseDate(109575)).toEqual({ ok: false, error: '日期年份应在1900–2199年之间：2200-01-01' });
    expect(parseDate(Number.NaN)).toEqual({ ok: false, error: '无法识别的日期：NaN' });
  });
});

describe('parseDate: Date objects and other input', () => {
  it('takes the local date of a Date', () => {
    expect(parseDate(new Date(2017, 9, 12))).toEqual({ ok: true, value: '2017-10-12' });
    expect(parseDate(new Date(2017, 9, 12, 23, 59, 59))).toEqual({ ok: true, value: '2017-10-12' });
    expect(parseDate(new Date(2017, 9, 12, 0, 0, 1))).toEqual({ ok: true, value: '2017-10-12' });
  });
  it('rejects an invalid Date and years out of range', () => {
    expect(parseDate(new Date(Number.NaN))).toEqual({ ok: false, error: '无法识别的日期：Invalid Date' });
    expect(parseDate(new Date(2300, 0, 1))).toEqual({
      ok: false,
      error: '日期年份应在1900–2199年之间：2300-01-01',
    });
  });
  it('rejects other types', () => {
    expect(parseDate(true)).toEqual({ ok: false, error: '无法识别的日期：true' });
  });
});

describe('todayIso', () => {
  it('uses the local date', () => {
    expect(todayIso(new Date(2024, 0, 5, 0, 0, 0))).toBe('2024-01-05');
    expect(todayIso(new Date(2024, 11, 31, 23, 59, 59))).toBe('2024-12-31');
  });
  it('defaults to now', () => {
    expect(todayIso()).toBe(todayIso(new Date()));
    expect(isIsoDate(todayIso())).toBe(true);
  });
});

describe('daysBetween', () => {
  it('counts whole days, to minus from', () => {
    expect(daysBetween('2017-10-12', '2017-10-12')).toBe(0);
    expect(daysBetween('2017-10-12', '2017-10-13')).toBe(1);
    expect(daysBetween('2017-10-13', '2017-10-12')).toBe(-1);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2017-01-01', '2018-01-01')).toBe(365);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });
  it('is not thrown off by daylight-saving transitions', () => {
    expect(daysBetween('2024-03-09', '2024-03-11')).toBe(2);
    expect(daysBetween('2024-10-26', '2024-10-28')).toBe(2);
  });
  it('is NaN for an invalid date', () => {
    expect(daysBetween('2017-02-30', '2017-03-01')).toBeNaN();
  });
});

describe('addDays', () => {
  it('adds and subtracts days across months and years', () => {
    expect(addDays('2017-10-12', 0)).toBe('2017-10-12');
    expect(addDays('2017-10-12', 30)).toBe('2017-11-11');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2017-10-12', -365)).toBe('2016-10-12');
  });
  it('throws for an invalid date', () => {
    expect(() => addDays('2017-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2017-10-12', 1.5)).toThrow(RangeError);
  });
});

describe('isIsoDate', () => {
  it.each(['2017-10-12', '2024-02-29', '1900-01-01'])('accepts %j', (s) => {
    expect(isIsoDate(s)).toBe(true);
  });
  it.each([
    '2017-1-2',
    '2017/10/12',
    '2017-02-30',
    '2023-02-29',
    '2017-10-12T00:00:00Z',
    '',
    43020,
    null,
    undefined,
  ])('rejects %j', (s) => {
    expect(isIsoDate(s)).toBe(false);
  });
});

describe('dayNumber', () => {
  /** The day number Date gives for a real day, NaN for anything else. */
  const byDate = (iso: string) => {
    if (!isIsoDate(iso)) return NaN;
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    const date = new Date(0);
    date.setUTCFullYear(y, m - 1, d);
    return date.getTime() / 86_400_000;
  };

  it('is the day Date gives, for every day 0..32 of every month of years 0000–9999 sampled', () => {
    const years = [
      0, 4, 99, 100, 399, 400, 1600, 1899, 1900, 1970, 2000, 2024, 2027, 2028, 2100, 2199, 2400, 9999,
    ];
    for (const year of years)
      for (let month = 0; month <= 13; month++)
        for (let day = 0; day <= 32; day++) {
          const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          expect(dayNumber(iso), iso).toBe(byDate(iso));
        }
  });

  it('counts across 29 February and the turn of the year', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2028-03-01') - dayNumber('2028-02-28')).toBe(2);
    expect(dayNumber('2027-03-01') - dayNumber('2027-02-28')).toBe(1);
    expect(dayNumber('2028-01-01') - dayNumber('2027-12-31')).toBe(1);
    expect(daysBetween('2027-12-31', '2028-02-29')).toBe(60);
  });

  it('is NaN for what is not written YYYY-MM-DD', () => {
    for (const s of [
      '2017-1-02',
      ' 2017-01-02',
      '2017-01-02 ',
      '2017/01/02',
      '２０１７-01-02',
      '2017-01-0x',
      '',
      '2017-02-29',
      '+02017-01-0',
    ])
      expect(dayNumber(s), s).toBeNaN();
  });
});
