/**
 * Dates (SPEC §2) are ISO `YYYY-MM-DD` strings. Calendar arithmetic uses UTC
 * so that it never depends on the machine's time zone; "today" and JS Date
 * input use local date parts, as the user sees them.
 */
import { err, ok, type Result } from './result';
import { toHalfWidth } from './text';

const DAY_MS = 86_400_000;
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;
/** Excel serial of 9999-12-31, the last day Excel knows. */
export const MAX_EXCEL_SERIAL = 2_958_465;
/** Excel's 1900-02-29, a day that never was (kept for Lotus 1-2-3 compatibility). */
export const EXCEL_FAKE_LEAP_DAY = 60;

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad4 = (n: number): string => String(n).padStart(4, '0');

function isoOf(year: number, month: number, day: number): string {
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Days in `month` (1–12) of `year`, by the Gregorian rule, without building a
 * Date: the gate checks several dates in every record it passes. Years 0–99
 * count as 1900–1999, as they did when this asked Date.UTC.
 */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return MONTH_DAYS[month - 1]!;
  const y = year >= 0 && year <= 99 ? 1900 + year : year;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}

function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Days from 1970-01-01 to a day of the proleptic Gregorian calendar (the
 * calendar Date uses), by whole-number arithmetic (H. Hinnant's
 * days_from_civil).
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/** The digit at `i` of `s`, or NaN for any other character. */
function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
}

/**
 * The day number of `YYYY-MM-DD` with a year from 100 on, read from its
 * characters; NaN for anything else (other shapes, impossible days, years
 * 0–99, which keep their own rule below). The overview and the lights turn
 * hundreds of thousands of dates into days over a 50,000-deal ledger: reading
 * ten characters costs less than looking the string up.
 */
function quickDay(iso: string): number {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return NaN;
  const year = digitAt(iso, 0) * 1000 + digitAt(iso, 1) * 100 + digitAt(iso, 2) * 10 + digitAt(iso, 3);
  const month = digitAt(iso, 5) * 10 + digitAt(iso, 6);
  const day = digitAt(iso, 8) * 10 + digitAt(iso, 9);
  if (!(year >= 100) || !isRealDate(year, month, day)) return NaN;
  return daysFromCivil(year, month, day);
}

/**
 * Parsed dates the quick reading leaves out (years 0–99, and strings that
 * are no date, which are asked about again and again too), remembered.
 */
const utcMsCache = new Map<string, number>();

/** Milliseconds at UTC midnight of an ISO date, or NaN. */
function utcMs(iso: string): number {
  return dayOf(iso) * DAY_MS;
}

/** Days since 1970-01-01 of an ISO date, or NaN. */
function dayOf(iso: string): number {
  if (typeof iso === 'string') {
    const quick = quickDay(iso);
    if (!Number.isNaN(quick)) return quick;
  }
  return Math.round(parsedUtcMs(iso) / DAY_MS);
}

function parsedUtcMs(iso: string): number {
  const known = utcMsCache.get(iso);
  if (known !== undefined) return known;
  let ms = NaN;
  if (isIsoDate(iso)) {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    const date = new Date(0);
    date.setUTCFullYear(y, m - 1, d);
    ms = date.getTime();
  }
  if (utcMsCache.size > 50_000) utcMsCache.clear();
  if (typeof iso === 'string') utcMsCache.set(iso, ms);
  return ms;
}

function isoFromUtcMs(ms: number): string {
  const d = new Date(ms);
  return isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** True for a real calendar date written exactly `YYYY-MM-DD`. */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  return isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

// Serial 1 is 1900-01-01. Excel counts the fake 1900-02-29 as serial 60, so
// from serial 61 (1900-03-01) on, days are counted from 1899-12-30.
const EPOCH_BEFORE_FAKE = Date.UTC(1899, 11, 31);
const EPOCH_AFTER_FAKE = Date.UTC(1899, 11, 30);

/**
 * The date of an Excel serial (1900 date system); the fraction (time of day)
 * is ignored. Null outside 1..2958465 and for serial 60, Excel's
 * non-existent 1900-02-29.
 */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial)) return null;
  const day = Math.floor(serial);
  if (day < 1 || day > MAX_EXCEL_SERIAL || day === EXCEL_FAKE_LEAP_DAY) return null;
  const epoch = day < EXCEL_FAKE_LEAP_DAY ? EPOCH_BEFORE_FAKE : EPOCH_AFTER_FAKE;
  return isoFromUtcMs(epoch + day * DAY_MS);
}

/** The Excel serial (1900 date system) of an ISO date; NaN if `iso` is not one. */
export function isoToExcelSerial(iso: string): number {
  const ms = utcMs(iso);
  if (Number.isNaN(ms)) return NaN;
  const fromLateEpoch = Math.round((ms - EPOCH_AFTER_FAKE) / DAY_MS);
  return fromLateEpoch < 61 ? Math.round((ms - EPOCH_BEFORE_FAKE) / DAY_MS) : fromLateEpoch;
}

/** Today's local date (or that of `now`). */
export function todayIso(now: Date = new Date()): string {
  return isoOf(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** The day number of an ISO date (days since 1970-01-01, UTC): NaN for an invalid date. */
export function dayNumber(iso: string): number {
  return dayOf(iso);
}

/** Whole days from `fromIso` to `toIso` (negative if `toIso` is earlier); NaN for an invalid date. */
export function daysBetween(fromIso: string, toIso: string): number {
  return dayOf(toIso) - dayOf(fromIso);
}

/** The ISO date `days` days after `iso` (before, if negative). Throws RangeError for an invalid date. */
export function addDays(iso: string, days: number): string {
  const ms = utcMs(iso);
  if (Number.isNaN(ms) || !Number.isInteger(days)) throw new RangeError(`无效的日期或天数：${iso}，${days}`);
  return isoFromUtcMs(ms + days * DAY_MS);
}

const unrecognised = (s: string): string => `无法识别的日期：${s}`;
const yearOutOfRange = (s: string): string => `日期年份应在${MIN_YEAR}–${MAX_YEAR}年之间：${s}`;

function fromParts(year: number, month: number, day: number, monthOnly = false): Result<string> {
  const shown = monthOnly ? `${pad4(year)}-${pad2(month)}` : isoOf(year, month, day);
  if (!isRealDate(year, month, day)) return err(`日期不存在：${shown}`);
  if (year < MIN_YEAR || year > MAX_YEAR) return err(yearOutOfRange(shown));
  return ok(isoOf(year, month, day));
}

function fromSerial(serial: number, shown: string): Result<string> {
  const day = Math.floor(serial);
  if (day === EXCEL_FAKE_LEAP_DAY) return err('日期不存在：1900-02-29');
  const iso = excelSerialToIso(serial);
  if (iso === null) return err(unrecognised(shown));
  const year = Number(iso.slice(0, 4));
  if (year > MAX_YEAR) return err(yearOutOfRange(iso));
  return ok(iso);
}

// A time after the date is allowed and ignored.
const CLOCK = String.raw`\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?`;
const YMD_RE = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T]${CLOCK})?$`);
const YM_RE = /^(\d{4})([-/.])(\d{1,2})$/;
// Spaces around 年/月/日 are removed before matching, so the clock may follow 日 directly.
const CN_RE = new RegExp(String.raw`^(\d{4})年(\d{1,2})月(?:(\d{1,2})[日号](?: ?${CLOCK})?)?$`);

/**
 * Reads a date from a form or a spreadsheet cell into ISO `YYYY-MM-DD`.
 *
 * - null, undefined, blank → null
 * - JS Date → its local date
 * - number → Excel serial (1900 system; the time fraction is ignored)
 * - string: `2017-10-12`, `2017-1-2`, `2017/10/12`, `2017.10.12`,
 *   `2017年10月12日` (or 号), a time after the date is ignored;
 *   `2017年10月`, `2017-10`, `201710` → the 1st of the month; `20171012`;
 *   a five-digit serial 10000–80000 such as `43020`; full-width digits.
 *
 * Impossible dates and years outside 1900–2199 are errors.
 */
export function parseDate(input: unknown): Result<string | null> {
  if (input === null || input === undefined) return ok(null);

  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) return err(unrecognised('Invalid Date'));
    return fromParts(input.getFullYear(), input.getMonth() + 1, input.getDate());
  }

  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return err(unrecognised(String(input)));
    return fromSerial(input, String(input));
  }

  if (typeof input !== 'string') return err(unrecognised(String(input)));

  const shown = input.trim();
  const s = toHalfWidth(input)
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/\s*([年月日号])\s*/g, '$1');
  if (s === '') return ok(null);

  let m = YMD_RE.exec(s);
  if (m) return fromParts(Number(m[1]), Number(m[3]), Number(m[4]));

  m = CN_RE.exec(s);
  if (m) {
    const monthOnly = m[3] === undefined;
    return fromParts(Number(m[1]), Number(m[2]), monthOnly ? 1 : Number(m[3]), monthOnly);
  }

  m = YM_RE.exec(s);
  if (m) return fromParts(Number(m[1]), Number(m[3]), 1, true);

  if (/^\d{8}$/.test(s))
    return fromParts(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)));
  if (/^\d{6}$/.test(s)) return fromParts(Number(s.slice(0, 4)), Number(s.slice(4, 6)), 1, true);

  if (/^\d{5}(?:\.\d+)?$/.test(s)) {
    const serial = Number(s);
    if (serial >= 10_000 && serial < 80_001) return fromSerial(serial, shown);
  }

  return err(unrecognised(shown));
}
