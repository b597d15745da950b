/**
 * Text clean-up shared by forms and imports. Spreadsheets pasted from Word or
 * WeChat bring full-width spaces, zero-width characters and stray line breaks.
 */

/** Full-width ASCII forms (U+FF01–U+FF5E) to half-width, ideographic space to a space. */
export function toHalfWidth(input: string): string {
  return input.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return code === 0x3000 ? ' ' : String.fromCharCode(code - 0xfee0);
  });
}

// Zero-width space/joiners, BOM, soft hyphen: invisible and never wanted.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// Control characters other than tab, line feed and carriage return.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export interface CleanTextOptions {
  /** Keep line breaks (notes, summaries): spaces are collapsed within each line, blank-line runs become one. */
  multiline?: boolean;
}

/**
 * Trims and tidies a free-text value. Whitespace runs (including the
 * full-width space U+3000 and non-breaking space) become one space; with
 * `multiline` line breaks are kept. Returns `undefined` when nothing is left.
 * The result is cut to `maxLength` characters (code points).
 */
export function cleanText(input: unknown, maxLength = 500, opts: CleanTextOptions = {}): string | undefined {
  let s: string;
  if (typeof input === 'string') s = input;
  else if (typeof input === 'number') {
    if (!Number.isFinite(input)) return undefined;
    s = String(input);
  } else if (typeof input === 'bigint' || typeof input === 'boolean') s = String(input);
  else return undefined;

  s = s.replace(INVISIBLE, '').replace(CONTROL, '');
  if (opts.multiline) {
    s = s
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((line) => line.replace(/[^\S\n]+/g, ' ').trim())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  } else {
    s = s.replace(/\s+/g, ' ').trim();
  }
  if (s === '') return undefined;
  const chars = Array.from(s);
  if (chars.length > maxLength) s = chars.slice(0, Math.max(0, maxLength)).join('').trimEnd();
  return s === '' ? undefined : s;
}

/**
 * True when a spreadsheet would read the text as a formula (CSV/Excel
 * injection): it starts with = + - @, a tab or a carriage return, or their
 * full-width forms ＝＋－＠.
 */
export function isFormulaLike(s: string): boolean {
  return /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(s);
}

/**
 * Chinese ordering (pinyin order for Han characters). One shared collator:
 * `localeCompare(b, 'zh-CN')` builds a new one per call, which made sorting
 * 50,000 rows take seconds.
 */
export const compareZh: (a: string, b: string) => number = new Intl.Collator('zh-CN').compare;
