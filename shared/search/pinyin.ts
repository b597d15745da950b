/**
 * Search keys for Chinese text: the text itself, its full pinyin and its
 * pinyin initials, so `大东`, `dadong` and `dd` all find 大东鞋业.
 */
import { pinyin } from 'pinyin-pro';

const HAN = /[\u3400-\u9fff]/;
const HAN_RUNS = /[\u3400-\u9fff]+|[^\u3400-\u9fff]+/g;

/** Lower-cased, full-width folded, whitespace removed: the form both sides of a match take. */
export function normalizeQuery(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase();
}

export interface PinyinKeys {
  full: string;
  initials: string;
}

/** Full pinyin and initials of `text`; characters other than Han are kept as they are. */
export function pinyinKeys(text: string): PinyinKeys {
  let full = '';
  let initials = '';
  // Han runs go to pinyin-pro whole, so it can read polyphones in context (重庆 → chongqing).
  for (const run of text.match(HAN_RUNS) ?? []) {
    if (HAN.test(run[0]!)) {
      for (const syllable of pinyin(run, { toneType: 'none', type: 'array', v: true })) {
        full += syllable;
        initials += syllable[0] ?? '';
      }
    } else {
      const plain = normalizeQuery(run);
      full += plain;
      initials += plain;
    }
  }
  return { full, initials };
}

/**
 * One string to search per record: text, full pinyin and initials of each
 * field, separated so a match never spans two fields.
 */
export function searchHaystack(fields: readonly (string | undefined)[]): string {
  const parts: string[] = [];
  for (const f of fields) {
    if (!f) continue;
    const text = normalizeQuery(f);
    parts.push(text);
    if (HAN.test(f)) {
      const keys = pinyinKeys(f);
      parts.push(keys.full, keys.initials);
    }
  }
  return parts.join('\u0001');
}

/** Whether a query (already normalised) occurs in a haystack. */
export function matches(haystack: string, query: string): boolean {
  return query === '' || haystack.includes(query);
}
