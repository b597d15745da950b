/**
 * Search keys for Chinese text: the text itself, its full pinyin and its
 * pinyin initials, so `大东`, `dadong` and `dd` all find 大东鞋业.
 */
import { pinyin, polyphonic } from 'pinyin-pro';

const HAN = /[\u3400-\u9fff]/;
const ALREADY_NORMAL = /^[\u3400-\u9fffa-z0-9]*$/;
const PINYIN_OPTIONS = { toneType: 'none', type: 'array', v: true } as const;

/** Lower-cased, full-width folded, whitespace removed: the form both sides of a match take. */
export function normalizeQuery(text: string): string {
  // Most field values (Chinese names, mobiles) are already in that form; the replaces below cost more than the test.
  if (ALREADY_NORMAL.test(text)) return text;
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase();
}

export interface PinyinKeys {
  full: string;
  initials: string;
}

const HAN_FIRST = 0x3400;
const HAN_LAST = 0x9fff;
const isHan = (code: number) => code >= HAN_FIRST && code <= HAN_LAST;

/**
 * Per Han character: its one tone-less reading, or '' when it has several or
 * pinyin-pro does not know it. Runs made only of single-reading characters
 * (most of them) need no call to pinyin-pro, whose per-call cost dominated
 * building the search index.
 */
const readings = new Array<string | undefined>(HAN_LAST - HAN_FIRST + 1);

function singleReading(code: number): string {
  let reading = readings[code - HAN_FIRST];
  if (reading === undefined) {
    const all = new Set(polyphonic(String.fromCharCode(code), PINYIN_OPTIONS)[0]);
    const [only] = all;
    reading = all.size === 1 && only !== undefined && /^[a-z]+$/.test(only) ? only : '';
    readings[code - HAN_FIRST] = reading;
  }
  return reading;
}

/**
 * A run holding a polyphone goes to pinyin-pro whole, so it reads it in
 * context (重庆 → chongqing). Such runs repeat (成都, 县长, common names), so
 * they are read once; the memo forgets everything when full, to keep a long
 * session's memory flat.
 */
const polyphoneRuns = new Map<string, string[]>();

function polyphoneRun(run: string): string[] {
  let syllables = polyphoneRuns.get(run);
  if (!syllables) {
    syllables = pinyin(run, PINYIN_OPTIONS);
    if (polyphoneRuns.size >= 50_000) polyphoneRuns.clear();
    polyphoneRuns.set(run, syllables);
  }
  return syllables;
}

/** Full pinyin and initials of `text`; characters other than Han are kept as they are. */
export function pinyinKeys(text: string): PinyinKeys {
  let full = '';
  let initials = '';
  const n = text.length;
  let i = 0;
  while (i < n) {
    let j = i + 1;
    if (isHan(text.charCodeAt(i))) {
      let plain = singleReading(text.charCodeAt(i)) !== '';
      for (; j < n && isHan(text.charCodeAt(j)); j++)
        if (plain && singleReading(text.charCodeAt(j)) === '') plain = false;
      if (plain) {
        for (let k = i; k < j; k++) {
          const reading = singleReading(text.charCodeAt(k));
          full += reading;
          initials += reading.charAt(0);
        }
      } else {
        for (const syllable of polyphoneRun(text.slice(i, j))) {
          full += syllable;
          initials += syllable[0] ?? '';
        }
      }
    } else {
      while (j < n && !isHan(text.charCodeAt(j))) j++;
      const other = normalizeQuery(text.slice(i, j));
      full += other;
      initials += other;
    }
    i = j;
  }
  return { full, initials };
}

/** Text, full pinyin and initials of one field value. */
function fieldKeys(value: string): string {
  const text = normalizeQuery(value);
  if (!HAN.test(value)) return text;
  const keys = pinyinKeys(value);
  return `${text}\u0001${keys.full}\u0001${keys.initials}`;
}

/**
 * One string to search per record: text, full pinyin and initials of each
 * field, separated so a match never spans two fields.
 */
export function searchHaystack(fields: readonly (string | undefined)[]): string {
  const parts: string[] = [];
  for (const f of fields) if (f) parts.push(fieldKeys(f));
  return parts.join('\u0001');
}

/** Whether a query (already normalised) occurs in a haystack. */
export function matches(haystack: string, query: string): boolean {
  return query === '' || haystack.includes(query);
}
