/**
 * The three crafted workbooks of issue 13, generated here at full size, are
 * refused from their own XML before SheetJS parses them; the same shapes at
 * a small size are real workbooks that read normally.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as XLSX from 'xlsx';
import { readWorkbook } from '../../../shared/excel/workbook';
import { cellBomb, mergeBomb, stringBomb } from '../../support/fuzz/bombs';

const calls = vi.hoisted(() => ({ read: 0 }));
vi.mock('xlsx', async (original) => {
  const real = await original<typeof XLSX>();
  return {
    ...real,
    read: (...args: Parameters<typeof real.read>) => {
      calls.read++;
      return real.read(...args);
    },
  };
});

beforeEach(() => {
  calls.read = 0;
});

function refusedQuickly(bytes: Uint8Array, words: RegExp) {
  const started = performance.now();
  const heap = process.memoryUsage().heapUsed;
  const r = readWorkbook(bytes, 'bomb.xlsx');
  const ms = performance.now() - started;
  expect(r.ok).toBe(false);
  expect(r.ok ? '' : r.error).toMatch(words);
  expect(r.ok ? '' : r.error).toMatch(/已拒绝读取/);
  expect(calls.read).toBe(0);
  expect(ms).toBeLessThan(5_000);
  expect(process.memoryUsage().heapUsed - heap).toBeLessThan(200 * 1024 * 1024);
  console.log(`refused in ${Math.round(ms)} ms: ${r.ok ? '' : r.error}`);
  return ms;
}

describe('crafted workbooks refused before the full parse', () => {
  it('100,000 × 256 cells', async () => {
    const bytes = await cellBomb();
    expect(bytes.byteLength).toBeLessThan(2 * 1024 * 1024);
    refusedQuickly(bytes, /单元格过多（超过 3,000,000 个）/);
  }, 60_000);

  it('one string of 130 million characters', async () => {
    const bytes = await stringBomb();
    expect(bytes.byteLength).toBeLessThan(2 * 1024 * 1024);
    refusedQuickly(bytes, /超长的文字/);
  }, 60_000);

  it('200,000 merged ranges', async () => {
    const bytes = await mergeBomb();
    expect(bytes.byteLength).toBeLessThan(2 * 1024 * 1024);
    refusedQuickly(bytes, /合并单元格过多（超过 20,000 处）/);
  }, 60_000);

  it('the same shapes at a small size are real workbooks that read', async () => {
    const cells = readWorkbook(await cellBomb(50, 8), 'small.xlsx');
    expect(cells.ok && cells.value.sheets[0]!.rows).toHaveLength(50);
    expect(cells.ok && cells.value.sheets[0]!.rows[49]).toEqual(Array(8).fill(1));
    const text = readWorkbook(await stringBomb(2_000), 'small.xlsx');
    expect(text.ok && text.value.sheets[0]!.rows[0]![0]).toBe('a'.repeat(2_000));
    const merges = readWorkbook(await mergeBomb(100), 'small.xlsx');
    expect(merges.ok && merges.value.sheets[0]).toMatchObject({ rows: [['项目']] });
    expect(merges.ok && merges.value.sheets[0]!.error).toBeUndefined();
    expect(calls.read).toBe(3);
  });
});
