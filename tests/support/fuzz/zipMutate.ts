/**
 * Zip-level and XML-level corruption of .xlsx/.ods seeds, and a few real
 * files from the calamine corpus when it sits beside the checkout.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { builtSeeds, concat, pos, PROTO_NAMES, someBytes, type SeedFile } from '../excel/mutate';
import { unzip, zip, zipLayout, type ZipEntry } from './zip';

const CALAMINE = resolve(import.meta.dirname, '../../../../shared/corpus/calamine');
const CORPUS_PICKS = [
  'date.xlsx',
  'temperature.xlsx',
  'merge_cells.xlsx',
  'header-row.xlsx',
  'date.xls',
  'issue343.xls',
  'any_sheets.ods',
  'merged_cells.ods',
];

/** The built seeds plus the corpus picks that are present. */
export function seedFiles(): SeedFile[] {
  const seeds = builtSeeds();
  if (existsSync(CALAMINE)) {
    for (const f of CORPUS_PICKS) {
      const p = join(CALAMINE, f);
      if (existsSync(p)) seeds.push({ name: f, bytes: new Uint8Array(readFileSync(p)) });
    }
  }
  return seeds;
}

// ---- zip-level ----

export type ZipOp =
  | {
      op: 'cdField';
      entry: number;
      field: 'csize' | 'usize' | 'offset' | 'method' | 'nameLen' | 'flags';
      value: number;
    }
  | { op: 'eocdField'; field: 'count' | 'cdSize' | 'cdOffset'; value: number }
  | { op: 'corruptData'; entry: number; at: number; bytes: number[] }
  | { op: 'rename'; target: string; to: string }
  | { op: 'remove'; target: string }
  | { op: 'duplicateEntry'; target: string };

const KEY_ENTRIES = [
  'xl/workbook.xml',
  '[Content_Types].xml',
  'xl/worksheets/sheet1.xml',
  'xl/_rels/workbook.xml.rels',
  'xl/sharedStrings.xml',
  '_rels/.rels',
  'content.xml',
  'META-INF/manifest.xml',
  'mimetype',
];

const CD_FIELDS = {
  flags: [8, 2],
  method: [10, 2],
  csize: [20, 4],
  usize: [24, 4],
  nameLen: [28, 2],
  offset: [42, 4],
};
const EOCD_FIELDS = { count: [10, 2], cdSize: [12, 4], cdOffset: [16, 4] };

const fieldValue = fc.oneof(
  fc.constantFrom(0, 1, 8, 12, 99, 0xffff, 0xffffffff, 0x7fffffff),
  fc.nat({ max: 0xffffffff }),
  fc.nat({ max: 4096 }),
);

export const zipOp: fc.Arbitrary<ZipOp> = fc.oneof(
  fc.record({
    op: fc.constant('cdField' as const),
    entry: fc.nat({ max: 20 }),
    field: fc.constantFrom('csize', 'usize', 'offset', 'method', 'nameLen', 'flags') as fc.Arbitrary<
      'csize' | 'usize' | 'offset' | 'method' | 'nameLen' | 'flags'
    >,
    value: fieldValue,
  }),
  fc.record({
    op: fc.constant('eocdField' as const),
    field: fc.constantFrom('count', 'cdSize', 'cdOffset') as fc.Arbitrary<'count' | 'cdSize' | 'cdOffset'>,
    value: fieldValue,
  }),
  fc.record({
    op: fc.constant('corruptData' as const),
    entry: fc.nat({ max: 20 }),
    at: pos,
    bytes: someBytes,
  }),
  fc.record({
    op: fc.constant('rename' as const),
    target: fc.constantFrom(...KEY_ENTRIES),
    to: fc.constantFrom(
      'xl/workbook.bak',
      'XL/WORKBOOK.XML',
      '',
      '../evil.xml',
      '__proto__',
      'xl/worksheets/sheet2.xml',
    ),
  }),
  fc.record({ op: fc.constant('remove' as const), target: fc.constantFrom(...KEY_ENTRIES) }),
  fc.record({ op: fc.constant('duplicateEntry' as const), target: fc.constantFrom(...KEY_ENTRIES) }),
);

function setField(b: Uint8Array, at: number, size: number, value: number): void {
  if (at + size > b.length) return;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (size === 2) v.setUint16(at, value & 0xffff, true);
  else v.setUint32(at, value >>> 0, true);
}

export function applyZipOp(b: Uint8Array, m: ZipOp): Uint8Array {
  const layout = zipLayout(b);
  if (!layout || layout.entries.length === 0) return b;
  const out = b.slice();
  switch (m.op) {
    case 'cdField': {
      const e = layout.entries[m.entry % layout.entries.length]!;
      const [off, size] = CD_FIELDS[m.field];
      setField(out, e.cd + off!, size!, m.value);
      return out;
    }
    case 'eocdField': {
      const [off, size] = EOCD_FIELDS[m.field];
      setField(out, layout.eocd + off!, size!, m.value);
      return out;
    }
    case 'corruptData': {
      const e = layout.entries[m.entry % layout.entries.length]!;
      const at = e.dataStart + Math.floor(m.at * e.compressedSize);
      for (let i = 0; i < m.bytes.length && at + i < e.dataStart + e.compressedSize; i++)
        out[at + i] = m.bytes[i]!;
      return out;
    }
    default: {
      let entries: ZipEntry[];
      try {
        entries = unzip(b);
      } catch {
        return b; // an earlier edit broke the entries beyond re-zipping; the broken file is the case
      }
      const hit = entries.findIndex((e) => e.name === m.target);
      const i = hit >= 0 ? hit : 0;
      if (m.op === 'remove') entries.splice(i, 1);
      else if (m.op === 'rename') entries[i] = { ...entries[i]!, name: m.to };
      else entries.push({ ...entries[i]! });
      return zip(entries);
    }
  }
}

// ---- XML-level, inside the zip ----

export type XmlOp =
  | { op: 'hugeNumber'; value: string }
  | { op: 'dimension'; ref: string }
  | { op: 'nesting'; depth: number; at: number }
  | { op: 'badUtf8'; at: number; bytes: number[] }
  | { op: 'entities'; levels: number }
  | { op: 'externalEntity' }
  | { op: 'protoName'; name: string }
  | { op: 'insert'; at: number; text: string }
  | { op: 'merges'; count: number; ref: string };

const XML_SNIPPETS = [
  '<',
  '>',
  '&',
  '&amp',
  '"',
  ']]>',
  '<![CDATA[',
  '</sheetData>',
  '<sheetData>',
  '<row r="0">',
  '<row r="1048577"><c r="A1048577"><v>1</v></c></row>',
  '<c r="A1" t="s"><v>999999</v></c>',
  '<c r="ZZZZZ1"><v>1</v></c>',
  '<c r="A1" t="e"><v>#N/A</v></c>',
  '<c r="A1" t="d"><v>not a date</v></c>',
  '<c r="A2" s="99999"><v>43020</v></c>',
  '<c r="A1"><f>HYPERLINK("http://x")</f></c>',
  '<x:y xmlns:x="&#0;"/>',
  '&#x0;&#xD800;&#99999999;',
  '<?xml version="1.0"?>',
  '\u0000',
];

export const xmlOp: fc.Arbitrary<XmlOp> = fc.oneof(
  fc.record({
    op: fc.constant('hugeNumber' as const),
    value: fc.constantFrom(
      '1e308',
      '1e400',
      '-1e400',
      'NaN',
      'Infinity',
      '99999999999999999999999999',
      '0x10',
      '1e-400',
      '',
    ),
  }),
  fc.record({
    op: fc.constant('dimension' as const),
    ref: fc.constantFrom('A1:XFD1048576', 'A1:A1048576', 'XFD1', 'A0:B0', 'ZZZZZZ1:A1', '', 'A1:IV100000'),
  }),
  fc.record({ op: fc.constant('nesting' as const), depth: fc.integer({ min: 100, max: 20_000 }), at: pos }),
  fc.record({
    op: fc.constant('badUtf8' as const),
    at: pos,
    bytes: fc.array(fc.constantFrom(0xff, 0xfe, 0xc0, 0x80, 0xed, 0xa0, 0xf8), {
      minLength: 1,
      maxLength: 8,
    }),
  }),
  fc.record({ op: fc.constant('entities' as const), levels: fc.integer({ min: 1, max: 10 }) }),
  fc.record({ op: fc.constant('externalEntity' as const) }),
  fc.record({ op: fc.constant('protoName' as const), name: fc.constantFrom(...PROTO_NAMES) }),
  fc.record({
    op: fc.constant('insert' as const),
    at: pos,
    text: fc.oneof(fc.constantFrom(...XML_SNIPPETS), fc.string({ maxLength: 20 })),
  }),
  fc.record({
    op: fc.constant('merges' as const),
    count: fc.integer({ min: 1, max: 3000 }),
    ref: fc.constantFrom('A1:T1000', 'A1:XFD1048576', 'B2:A1', 'A1:A1', 'A1:IV80'),
  }),
);

const SHEET_XML = /(?:^|\/)(?:sheet\d*\.xml|content\.xml)$/i;

function mutateXml(xml: string, m: XmlOp, name: string): string {
  const at = (f: number) => Math.floor(f * xml.length);
  switch (m.op) {
    case 'hugeNumber':
      return xml
        .replace(/<v>[^<]*<\/v>/, `<v>${m.value}</v>`)
        .replace(/office:value="[^"]*"/, `office:value="${m.value}"`);
    case 'dimension':
      return xml
        .replace(/<dimension ref="[^"]*"/, `<dimension ref="${m.ref}"`)
        .replace(/ r="A1"/, ` r="${m.ref.split(':').pop()}"`);
    case 'nesting': {
      const open = '<a>'.repeat(m.depth);
      const close = '</a>'.repeat(m.depth);
      const i = xml.indexOf('<sheetData>');
      const p = i >= 0 ? i + '<sheetData>'.length : at(m.at);
      return xml.slice(0, p) + open + close + xml.slice(p);
    }
    case 'entities': {
      let dtd = '<!DOCTYPE x [<!ENTITY l0 "lol">';
      for (let i = 1; i <= m.levels; i++) dtd += `<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`;
      dtd += ']>';
      const body = xml.replace(/^<\?xml[^>]*\?>/, '');
      return (
        dtd +
        body
          .replace(/<t([^>]*)>[^<]*<\/t>/, `<t$1>&l${m.levels};</t>`)
          .replace(/<v>[^<]*<\/v>/, `<v>&l${m.levels};</v>`)
      );
    }
    case 'externalEntity':
      return (
        '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' +
        xml.replace(/<t([^>]*)>[^<]*<\/t>/, '<t$1>&e;</t>')
      );
    case 'protoName':
      return xml
        .replace(/<sheet name="[^"]*"/g, `<sheet name="${m.name}"`)
        .replace(/<t([^>]*)>[^<]*<\/t>/g, (s, attrs: string) =>
          name.includes('sharedStrings') ? `<t${attrs}>${m.name}</t>` : s,
        )
        .replace(/table:name="[^"]*"/, `table:name="${m.name}"`)
        .replace(/<text:p>[^<]*<\/text:p>/, `<text:p>${m.name}</text:p>`);
    case 'insert':
      return xml.slice(0, at(m.at)) + m.text + xml.slice(at(m.at));
    case 'merges': {
      const merges = `<mergeCells count="${m.count}">${`<mergeCell ref="${m.ref}"/>`.repeat(m.count)}</mergeCells>`;
      return xml.includes('</sheetData>') ? xml.replace('</sheetData>', `</sheetData>${merges}`) : xml;
    }
    case 'badUtf8':
      return xml;
  }
}

export function applyXmlOp(b: Uint8Array, m: XmlOp, targetPick: number): Uint8Array {
  const entries = unzip(b);
  const wanted =
    m.op === 'protoName'
      ? entries.filter((e) => /workbook\.xml$|sharedStrings\.xml$|content\.xml$/.test(e.name))
      : entries.filter((e) => SHEET_XML.test(e.name) || /sharedStrings\.xml$/.test(e.name));
  const targets = wanted.length ? wanted : entries;
  const chosen = m.op === 'protoName' ? targets : [targets[targetPick % targets.length]!];
  const next = entries.map((e) => {
    if (!chosen.includes(e)) return e;
    if (m.op === 'badUtf8') {
      const i = Math.floor(m.at * e.data.length);
      return {
        name: e.name,
        data: concat(e.data.subarray(0, i), new Uint8Array(m.bytes), e.data.subarray(i)),
      };
    }
    const xml = new TextDecoder().decode(e.data);
    return { name: e.name, data: new TextEncoder().encode(mutateXml(xml, m, e.name)) };
  });
  return zip(next);
}
