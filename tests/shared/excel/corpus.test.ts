/**
 * Real spreadsheets from another library's test suite (calamine, MIT): every
 * one must either preview or be refused with a Chinese message, none may
 * crash or hang. The folder sits beside the checkout (../shared/corpus).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { previewSheet } from '../../../shared/excel/preview';
import { readWorkbook } from '../../../shared/excel/workbook';

const DIR = resolve(import.meta.dirname, '../../../../shared/corpus/calamine');
const files = existsSync(DIR)
  ? readdirSync(DIR)
      .filter((f) => !/\.md$|^LICENSE/i.test(f))
      .sort()
  : [];
const CHINESE = /[\u4e00-\u9fff]/;

describe.skipIf(files.length === 0)('calamine corpus', () => {
  it.each(files)('%s previews or is refused clearly', { timeout: 10_000 }, (file) => {
    const r = readWorkbook(new Uint8Array(readFileSync(join(DIR, file))), file);
    if (!r.ok) {
      expect(r.error).toMatch(CHINESE);
      return;
    }
    expect(r.value.sheets.length).toBeGreaterThan(0);
    for (const sheet of r.value.sheets) {
      if (sheet.error) {
        expect(sheet.error).toMatch(CHINESE);
        continue;
      }
      const p = previewSheet(sheet.rows, undefined, { settings: DEFAULT_SETTINGS, events: [], deals: [] });
      if (!p.ok) expect(p.error).toMatch(CHINESE);
      else expect(Array.isArray(p.value.rows)).toBe(true);
    }
  });
});

if (files.length === 0) {
  describe('calamine corpus', () => {
    it.skip(`skipped: folder ${DIR} is absent`, () => {});
  });
}
