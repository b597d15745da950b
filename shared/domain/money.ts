/**
 * Amounts (SPEC §2): stored as integer 元, shown in 万元 or 亿元. Parsing is
 * exact decimal arithmetic on the digits (BigInt), so `85.4亿` is exactly
 * 8 540 000 000 元 and never 8 539 999 999.
 */
import { err, ok, type Result } from './result';
import { toHalfWidth } from './text';

export type Unit = 'yuan' | 'wan' | 'yi';

export const UNIT_LABELS = { yuan: '元', wan: '万元', yi: '亿元' } as const satisfies Record<Unit, string>;

/** Power of ten from the unit to 元. */
const UNIT_EXP: Record<Unit, number> = { yuan: 0, wan: 4, yi: 8 };

const SUFFIX_UNIT: Record<string, Unit> = { 元: 'yuan', 万: 'wan', 万元: 'wan', 亿: 'yi', 亿元: 'yi' };

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

const NEGATIVE = '金额不能为负数';
const unrecognised = (s: string): string => `无法识别的金额：${s}`;
const tooLarge = (s: string): string => `金额超出可处理范围：${s}`;

/** intDigits.fracDigits × 10^exp, rounded half up to an integer. */
function scaleDecimal(intDigits: string, fracDigits: string, exp: number): bigint {
  const digits = BigInt((intDigits + fracDigits).replace(/^0+(?=\d)/, '') || '0');
  const shift = exp - fracDigits.length;
  if (shift >= 0) return digits * 10n ** BigInt(shift);
  const divisor = 10n ** BigInt(-shift);
  const q = digits / divisor;
  const r = digits % divisor;
  return r * 2n >= divisor ? q + 1n : q;
}

/** Plain decimal digits of a finite non-negative number, expanding exponent notation. */
function numberDigits(n: number): { int: string; frac: string } {
  const [mantissa = '0', expPart] = String(n).split('e');
  const [int = '0', frac = ''] = mantissa.split('.');
  const e = expPart === undefined ? 0 : Number(expPart);
  const all = int + frac;
  const point = int.length + e;
  if (point <= 0) return { int: '0', frac: '0'.repeat(-point) + all };
  if (point >= all.length) return { int: all + '0'.repeat(point - all.length), frac: '' };
  return { int: all.slice(0, point), frac: all.slice(point) };
}

function finish(value: bigint, shown: string): Result<number | null> {
  if (value > MAX) return err(tooLarge(shown));
  return ok(Number(value));
}

// Optional sign, integer part with or without thousands separators, optional
// fraction, optional unit. Thousands groups must be exactly three digits.
const AMOUNT_RE = /^([+-]?)[¥￥]?(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?(万元|万|亿元|亿|元)?$/;

/**
 * Parses an amount to integer 元. A number is taken to be in `defaultUnit`; a
 * string may carry its own unit (`85.4亿`, `3000万元`, `500元`), otherwise it
 * is in `defaultUnit` too. Accepts thousands separators (also the full-width
 * comma), full-width digits and spaces. Empty input is `null`. Fractions of a
 * 元 round half up.
 */
export function parseAmount(input: unknown, defaultUnit: Unit = 'yuan'): Result<number | null> {
  if (input === null || input === undefined) return ok(null);

  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return err(unrecognised(String(input)));
    if (input < 0) return err(NEGATIVE);
    const { int, frac } = numberDigits(input);
    return finish(scaleDecimal(int, frac, UNIT_EXP[defaultUnit]), String(input));
  }

  if (typeof input !== 'string') return err(unrecognised(String(input)));

  const shown = input.trim();
  const s = toHalfWidth(input).replace(/\s+/g, '');
  if (s === '') return ok(null);

  const m = AMOUNT_RE.exec(s);
  if (!m) return err(unrecognised(shown));
  const [, sign = '', intPart, fracPart, suffix] = m;
  if (intPart === undefined && fracPart === undefined) return err(unrecognised(shown));

  const unit = suffix === undefined ? defaultUnit : (SUFFIX_UNIT[suffix] ?? defaultUnit);
  const value = scaleDecimal((intPart ?? '0').replace(/,/g, ''), fracPart ?? '', UNIT_EXP[unit]);
  if (sign === '-' && value > 0n) return err(NEGATIVE);
  return finish(value, shown);
}

/** 元 to 万元 or 亿元, e.g. `toUnit(8540000000, 'yi')` → 85.4. */
export function toUnit(yuan: number, unit: 'wan' | 'yi'): number {
  return yuan / 10 ** UNIT_EXP[unit];
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export interface FormatAmountOptions {
  /** Append 万元 / 亿元 (default true). */
  withUnit?: boolean;
  /** Most decimals shown (default 2); trailing zeros are trimmed. */
  decimals?: number;
}

/**
 * Shows an amount in 万元 or 亿元 with thousands separators, rounded half up
 * to `decimals` places with trailing zeros trimmed:
 * `formatAmount(8540000000, 'yi')` → `85.4亿元`,
 * `formatAmount(30000000, 'wan', { withUnit: false })` → `3,000`.
 * Empty string for null/undefined (and NaN).
 */
export function formatAmount(
  yuan: number | null | undefined,
  unit: 'wan' | 'yi',
  opts: FormatAmountOptions = {},
): string {
  if (yuan === null || yuan === undefined || !Number.isFinite(yuan)) return '';
  const withUnit = opts.withUnit ?? true;
  const decimals = Math.min(8, Math.max(0, Math.trunc(opts.decimals ?? 2)));

  const negative = yuan < 0;
  const whole = BigInt(Math.round(Math.abs(yuan)));
  // whole / 10^exp rounded half up to `decimals` places, as an integer count of 10^-decimals.
  const shift = UNIT_EXP[unit] - decimals;
  let scaled: bigint;
  if (shift <= 0) scaled = whole * 10n ** BigInt(-shift);
  else {
    const divisor = 10n ** BigInt(shift);
    scaled = whole / divisor + ((whole % divisor) * 2n >= divisor ? 1n : 0n);
  }

  const text = scaled.toString().padStart(decimals + 1, '0');
  const intDigits = text.slice(0, text.length - decimals);
  const fracDigits = text.slice(text.length - decimals).replace(/0+$/, '');
  let out = groupThousands(intDigits) + (fracDigits ? `.${fracDigits}` : '');
  if (negative && scaled > 0n) out = `-${out}`;
  return withUnit ? out + UNIT_LABELS[unit] : out;
}

/**
 * The unit named in a spreadsheet header: `协议投资额（万元）`,
 * `投资额(亿元)`, `金额 单位：万元`, `注册资本（元）`. Null when the header
 * names none. `（万元/亩）` is a rate, not a unit, and is not matched.
 */
export function unitFromHeader(header: string): Unit | null {
  const s = toHalfWidth(header);
  const m =
    /\(\s*(?:单位\s*[:：]?\s*)?(万元|亿元|元|万|亿)\s*\)/.exec(s) ??
    /单位\s*[:：]\s*(万元|亿元|元|万|亿)/.exec(s);
  const suffix = m?.[1];
  return suffix === undefined ? null : (SUFFIX_UNIT[suffix] ?? null);
}
