/**
 * Real spreadsheets collected with their licences from other libraries' test
 * suites (tests/fixtures/corpus/<source>/LICENSE*): calamine (MIT), SheetJS
 * test_files (Apache-2.0), xlrd (BSD), tealeg/xlsx (BSD), excelize (BSD).
 * Each previews or is refused in Chinese within 10 s and 1 GB of heap.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { previewSheet } from '../../../shared/excel/preview';
import { readWorkbook } from '../../../shared/excel/workbook';
import { DEFAULT_SETTINGS } from '../../../shared/settings';

const ROOT = resolve(import.meta.dirname, '../../fixtures/corpus');
const files = readdirSync(ROOT)
  .sort()
  .flatMap((source) =>
    readdirSync(join(ROOT, source))
      .filter((f) => !/^LICENSE|\.md$/i.test(f))
      .sort()
      .map((f) => join(source, f)),
  );
const CHINESE = /[\u4e00-\u9fff]/;
const counts = { previewed: 0, refused: 0 };

afterAll(() => {
  console.log(
    `corpus: ${files.length} files, ${counts.previewed} previewed, ${counts.refused} refused in Chinese`,
  );
});

describe('collected spreadsheet corpus', () => {
  it('holds at least 300 files, each source with its licence', () => {
    expect(files.length).toBeGreaterThanOrEqual(300);
    for (const source of readdirSync(ROOT)) {
      expect(readdirSync(join(ROOT, source)).some((f) => /^LICENSE/i.test(f))).toBe(true);
    }
  });

  it.each(files)('%s previews or is refused in Chinese', { timeout: 10_000 }, (file) => {
    const started = performance.now();
    const r = readWorkbook(new Uint8Array(readFileSync(join(ROOT, file))), file);
    if (!r.ok) {
      expect(r.error).toMatch(CHINESE);
      counts.refused++;
    } else {
      for (const sheet of r.value.sheets) {
        if (sheet.error) {
          expect(sheet.error).toMatch(CHINESE);
          continue;
        }
        const p = previewSheet(sheet.rows, undefined, { settings: DEFAULT_SETTINGS, events: [], deals: [] });
        if (!p.ok) expect(p.error).toMatch(CHINESE);
      }
      counts.previewed++;
    }
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(process.memoryUsage().heapUsed).toBeLessThan(1024 * 1024 * 1024);
  });
});
