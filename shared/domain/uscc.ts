/**
 * 统一社会信用代码 (Unified Social Credit Identifier), GB 32100-2015:
 * 18 characters from a 31-character alphabet (no I, O, S, V, Z), the last
 * being a check character over the first 17.
 */
import { err, ok, type Result } from './result';
import { toHalfWidth } from './text';

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Upper-cases, drops all whitespace (also the full-width space), full-width letters and digits to half-width. */
export function normalizeUscc(input: string): string {
  return toHalfWidth(input).replace(/\s+/g, '').toUpperCase();
}

/** The check character for 17 characters of the alphabet, or null if `first17` is not that. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17.charAt(i));
    if (v < 0) return null;
    sum += v * (WEIGHTS[i] ?? 0);
  }
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/** Normalises and checks a USCC; the value is the normalised code. */
export function validateUscc(input: string): Result<string> {
  const code = normalizeUscc(input);
  const chars = Array.from(code);
  if (chars.length !== 18) return err(`统一社会信用代码应为18位（现为${chars.length}位）`);
  // The 18th character is judged by the check below, so a wrong one there
  // reports what it should be rather than merely that it is invalid.
  const bad = chars.slice(0, 17).find((c) => !USCC_ALPHABET.includes(c));
  if (bad !== undefined) return err(`统一社会信用代码含无效字符：${bad}`);
  const expected = usccCheckChar(code.slice(0, 17));
  if (expected !== code.charAt(17)) return err(`统一社会信用代码校验位错误：第18位应为${expected ?? '?'}`);
  return ok(code);
}
