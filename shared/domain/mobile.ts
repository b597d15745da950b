/** 手机号 (SPEC §2.2): validated loosely, stored as the bare 11 digits. */
import { err, ok, type Result } from './result';
import { toHalfWidth } from './text';

/** Full-width digits to half-width; drops whitespace (also full-width) and dashes of any kind. */
export function normalizeMobile(input: string): string {
  return toHalfWidth(input).replace(/[\s\-\u2010-\u2015\u2212]+/g, '');
}

const MOBILE_RE = /^(?:\+?86)?(1[3-9]\d{9})$/;

/** Checks a mainland mobile number; the value is the 11-digit number without +86. */
export function validateMobile(input: string): Result<string> {
  const m = MOBILE_RE.exec(normalizeMobile(input));
  const number = m?.[1];
  if (number === undefined) return err(`手机号格式不正确：${input.trim()}`);
  return ok(number);
}
