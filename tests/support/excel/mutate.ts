/**
 * Corrupted variants of real workbooks for the import mutation test: byte
 * edits, zip-directory edits, edits of a sheet's XML before re-zipping, and
 * CSV edits. Each mutation is plain data (so fast-check prints it with the
 * seed) plus `applyMutation`, which turns a seed file into the bytes to read.
 */
import fc from 'fast-check';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { encodeGb18030, xlsxBytes } from './build';
import { MESSY_DEALS, MESSY_MERGES } from './messy';

export interface SeedFile {
  name: string;
  bytes: Uint8Array;
}

/** Names that break code using plain objects as maps. */
export const PROTO_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

const CONTACTS = [
  ['姓名', '单位', '职务', '手机号', '__proto__', 'constructor'],
  ['李四', '成都某公司', '总经理', '13800138000', 'polluted', '1'],
  ['王五', '重庆某公司', '__proto__', '028-86661234', '{"polluted":1}', 'x'],
];

const DEALS_WITH_PROTO = [
  ['项目名称', '投资方', '投资额', '组团', '行业', '园区', '__proto__'],
  ['__proto__', 'constructor', '100', '__proto__', 'constructor', 'toString', 'polluted'],
  ['项目二', '某公司', '2亿', 'hasOwnProperty', 'valueOf', '__proto__', ''],
];

/** Workbooks built here, so the test runs anywhere. */
export function builtSeeds(): SeedFile[] {
  const wb = { 签约项目: { rows: MESSY_DEALS, merges: MESSY_MERGES, dateCells: ['F5'] } };
  const csv = DEALS_WITH_PROTO.map((r) => r.join(',')).join('\r\n');
  const seeds: SeedFile[] = [
    { name: 'messy.xlsx', bytes: xlsxBytes(wb) },
    {
      name: 'proto.xlsx',
      bytes: xlsxBytes({ __proto__: { rows: DEALS_WITH_PROTO }, 联系人: { rows: CONTACTS } }),
    },
    { name: 'messy.xls', bytes: xlsxBytes(wb, 'biff8') },
    { name: 'messy.ods', bytes: xlsxBytes({ constructor: { rows: MESSY_DEALS } }, 'ods') },
    { name: 'proto.csv', bytes: new TextEncoder().encode(csv) },
    { name: 'contacts.csv', bytes: encodeGb18030(CONTACTS.map((r) => r.join(',')).join('\n')) },
  ];
  return seeds;
}

export const isZipSeed = (s: SeedFile): boolean => s.bytes[0] === 0x50 && s.bytes[1] === 0x4b;
export const isCsvSeed = (s: SeedFile): boolean => s.name.endsWith('.csv');

// ---- byte-level ----

export type ByteOp =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'truncate'; keep: number }
  | { op: 'insert'; at: number; bytes: number[]; repeat: number }
  | { op: 'delete'; at: number; len: number }
  | { op: 'duplicate'; from: number; len: number; to: number }
  | { op: 'overwrite'; at: number; bytes: number[] };

export const pos = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
export const someBytes = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 16 });

export const byteOp: fc.Arbitrary<ByteOp> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: pos, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant('truncate' as const), keep: pos }),
  fc.record({
    op: fc.constant('insert' as const),
    at: pos,
    bytes: someBytes,
    repeat: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 4096 })),
  }),
  fc.record({ op: fc.constant('delete' as const), at: pos, len: fc.integer({ min: 1, max: 2048 }) }),
  fc.record({
    op: fc.constant('duplicate' as const),
    from: pos,
    len: fc.integer({ min: 1, max: 4096 }),
    to: pos,
  }),
  fc.record({ op: fc.constant('overwrite' as const), at: pos, bytes: someBytes }),
);

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let p = 0;
  for (const part of parts) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}

export function applyByteOp(b: Uint8Array, m: ByteOp): Uint8Array {
  const at = (f: number) => Math.floor(f * b.length);
  switch (m.op) {
    case 'flip': {
      const out = b.slice();
      if (out.length) out[at(m.at)]! ^= 1 << m.bit;
      return out;
    }
    case 'truncate':
      return b.slice(0, at(m.keep));
    case 'insert': {
      const run = new Uint8Array(m.bytes.length * m.repeat);
      for (let i = 0; i < m.repeat; i++) run.set(m.bytes, i * m.bytes.length);
      return concat(b.subarray(0, at(m.at)), run, b.subarray(at(m.at)));
    }
    case 'delete':
      return concat(b.subarray(0, at(m.at)), b.subarray(at(m.at) + m.len));
    case 'duplicate': {
      const chunk = b.slice(at(m.from), at(m.from) + m.len);
      return concat(b.subarray(0, at(m.to)), chunk, b.subarray(at(m.to)));
    }
    case 'overwrite': {
      const out = b.slice();
      out.set(m.bytes.slice(0, Math.max(0, out.length - at(m.at))), at(m.at));
      return out;
    }
  }
}

// ---- CSV ----

export type CsvOp =
  | { op: 'bytes'; at: number; bytes: number[] }
  | { op: 'quote'; at: number; text: string }
  | { op: 'bom'; bom: 'utf8' | 'utf16le' | 'utf16be' | 'double' }
  | { op: 'longLine'; chars: number; ch: string }
  | { op: 'manyRows'; rows: number }
  | { op: 'html'; text: string }
  | { op: 'protoCell'; name: string; at: number };

export const csvOp: fc.Arbitrary<CsvOp> = fc.oneof(
  fc.record({ op: fc.constant('bytes' as const), at: pos, bytes: someBytes }),
  fc.record({
    op: fc.constant('quote' as const),
    at: pos,
    text: fc.constantFrom('"', '""', '"\n', ',"', '"a"b"', '\r', '\n\n\n', '=cmd|"/c calc"!A1', '\t'),
  }),
  fc.record({
    op: fc.constant('bom' as const),
    bom: fc.constantFrom('utf8', 'utf16le', 'utf16be', 'double') as fc.Arbitrary<
      'utf8' | 'utf16le' | 'utf16be' | 'double'
    >,
  }),
  fc.record({
    op: fc.constant('longLine' as const),
    chars: fc.integer({ min: 1000, max: 200_000 }),
    ch: fc.constantFrom('a', ',', '"', '中', ';', '\t'),
  }),
  fc.record({ op: fc.constant('manyRows' as const), rows: fc.integer({ min: 100, max: 8_000 }) }),
  fc.record({
    op: fc.constant('html' as const),
    text: fc.constantFrom(
      '<table><tr><td>项目名称<td>投资方',
      '<html><body>' + '<table>'.repeat(2000),
      '<?xml version="1.0"?><Workbook>',
      '<!DOCTYPE html><p>x',
    ),
  }),
  fc.record({ op: fc.constant('protoCell' as const), name: fc.constantFrom(...PROTO_NAMES), at: pos }),
);

export function applyCsvOp(b: Uint8Array, m: CsvOp): Uint8Array {
  const at = (f: number) => Math.floor(f * b.length);
  const enc = (s: string) => new TextEncoder().encode(s);
  switch (m.op) {
    case 'bytes':
      return concat(b.subarray(0, at(m.at)), new Uint8Array(m.bytes), b.subarray(at(m.at)));
    case 'quote':
    case 'protoCell': {
      const text = m.op === 'quote' ? m.text : `,${m.name},`;
      return concat(b.subarray(0, at(m.at)), enc(text), b.subarray(at(m.at)));
    }
    case 'bom': {
      const boms = {
        utf8: [0xef, 0xbb, 0xbf],
        utf16le: [0xff, 0xfe],
        utf16be: [0xfe, 0xff],
        double: [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf],
      };
      return concat(new Uint8Array(boms[m.bom]), b);
    }
    case 'longLine':
      return concat(b, enc('\n' + m.ch.repeat(m.chars) + '\n'));
    case 'manyRows':
      return concat(b, enc('\n' + 'x,某公司\n'.repeat(m.rows)));
    case 'html':
      return concat(enc(m.text), b);
  }
}

export const CONVERT_SETTINGS = {
  teams: DEFAULT_SETTINGS.teams,
  industries: DEFAULT_SETTINGS.industries,
  parks: DEFAULT_SETTINGS.parks,
};
