/**
 * What is refused before SheetJS sees a byte: files over the size limit,
 * zips with too many entries or too much to unpack (declared or real), and
 * zips whose deflate streams do not end inside their own bytes.
 */
import { deflateRawSync } from 'node:zlib';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as XLSX from 'xlsx';
import { checkZip } from '../../../shared/excel/container';
import { inflatedSize } from '../../../shared/excel/inflate';
import { DEFAULT_LIMITS } from '../../../shared/excel/limits';
import { readWorkbook } from '../../../shared/excel/workbook';
import { xlsxBytes } from '../../support/excel/build';
import { unzip, zip, zipLayout } from '../../support/fuzz/zip';

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

/** Deflated, as Excel writes it (SheetJS's own writer stores entries uncompressed). */
const good = () =>
  zip(
    unzip(
      xlsxBytes({
        s: {
          rows: [
            ['项目名称', '投资方'],
            ['女鞋生产基地', '某公司'],
          ],
        },
      }),
    ),
  );
const read = { not: () => expect(calls.read).toBe(0) };

beforeEach(() => {
  calls.read = 0;
});

describe('refused before parsing', () => {
  it('a readable workbook does reach SheetJS once', () => {
    expect(readWorkbook(good(), 'a.xlsx').ok).toBe(true);
    expect(calls.read).toBe(1);
  });

  it('a file over the size limit', () => {
    const r = readWorkbook(good(), 'a.xlsx', { limits: { ...DEFAULT_LIMITS, maxBytes: 1024 } });
    expect(r).toEqual({ ok: false, error: expect.stringContaining('文件过大') });
    read.not();
  });

  it('a zip with more entries than the limit', () => {
    const entries = Array.from({ length: 60 }, (_, i) => ({ name: `xl/x${i}.xml`, data: new Uint8Array(1) }));
    const r = readWorkbook(zip([...unzip(good()), ...entries]), 'a.xlsx', {
      limits: { ...DEFAULT_LIMITS, maxZipEntries: 50 },
    });
    expect(r).toEqual({ ok: false, error: expect.stringContaining('部件过多') });
    read.not();
  });

  it('a zip whose directory declares too much to unpack', () => {
    const entries = unzip(good()).map((e) => ({ ...e, declaredSize: 100 * 1024 * 1024 }));
    const r = readWorkbook(zip(entries), 'a.xlsx');
    expect(r).toEqual({ ok: false, error: expect.stringContaining('解压后过大') });
    read.not();
  });

  it('a zip whose directory understates what an entry really unpacks to', () => {
    const entries = unzip(good());
    const sheet = entries.find((e) => e.name.endsWith('sheet1.xml'))!;
    const padded = new TextEncoder().encode(
      new TextDecoder()
        .decode(sheet.data)
        .replace('<sheetData>', `<sheetData>${' '.repeat(3 * 1024 * 1024)}`),
    );
    const bomb = zip(
      entries.map((e) => (e === sheet ? { name: e.name, data: padded, declaredSize: 1000 } : e)),
    );
    const r = readWorkbook(bomb, 'a.xlsx', {
      limits: { ...DEFAULT_LIMITS, maxUnzippedBytes: 2 * 1024 * 1024 },
    });
    expect(r).toEqual({ ok: false, error: expect.stringContaining('解压后过大') });
    read.not();
  });

  // Found by the mutation test: SheetJS's inflater read past the end of a
  // damaged stream as zeros and never stopped.
  it('a zip with a damaged deflate stream, even when the directory calls it stored', () => {
    const bytes = good();
    const layout = zipLayout(bytes)!;
    const sheet = layout.entries.find((e) => e.name.endsWith('sheet1.xml'))!;
    const damaged = bytes.slice();
    damaged.set([130, 32, 25, 73, 81, 101, 7, 12, 154, 195, 210, 60], sheet.dataStart);
    expect(readWorkbook(damaged, 'a.xlsx')).toEqual({ ok: false, error: expect.stringContaining('损坏') });
    // The directory's method no longer says deflate; SheetJS goes by the local header anyway.
    new DataView(damaged.buffer).setUint16(sheet.cd + 10, 2514, true);
    expect(readWorkbook(damaged, 'a.xlsx')).toEqual({ ok: false, error: expect.stringContaining('损坏') });
    read.not();
  });

  it('a local header that declares a 4 GB entry', () => {
    const bytes = good();
    const first = zipLayout(bytes)!.entries[0]!;
    new DataView(bytes.buffer).setUint32(first.local + 22, 0xffffffff, true);
    expect(checkZip(bytes, DEFAULT_LIMITS)).toEqual({ ok: false, error: expect.stringContaining('异常') });
  });
});

describe('walking a deflate stream', () => {
  it('gives the real size of what zlib wrote, stored or compressed', () => {
    const text = new TextEncoder().encode('项目名称,投资方\n'.repeat(5000));
    expect(inflatedSize(new Uint8Array(deflateRawSync(text)), 1e9)).toEqual({ ok: true, size: text.length });
    expect(inflatedSize(new Uint8Array(deflateRawSync(text, { level: 0 })), 1e9)).toEqual({
      ok: true,
      size: text.length,
    });
    const random = new Uint8Array(70_000).map((_, i) => (i * 2_654_435_761) >>> 24);
    expect(inflatedSize(new Uint8Array(deflateRawSync(random)), 1e9)).toEqual({
      ok: true,
      size: random.length,
    });
  });

  it('stops at the cap and at the end of the data', () => {
    const zeros = new Uint8Array(deflateRawSync(new Uint8Array(10_000_000)));
    expect(inflatedSize(zeros, 1_000_000)).toEqual({ ok: false, reason: 'too-big' });
    expect(inflatedSize(zeros.subarray(0, zeros.length - 3), 1e9)).toEqual({ ok: false, reason: 'corrupt' });
    // A non-final empty stored block, then nothing: SheetJS loops on this.
    expect(inflatedSize(new Uint8Array([0x00, 0x00, 0x00, 0xff, 0xff]), 1e9)).toEqual({
      ok: false,
      reason: 'corrupt',
    });
  });
});
