/**
 * The crafted hostile workbooks of issue 13, generated at test time (never
 * committed): small .xlsx files whose parse would take gigabytes or minutes.
 * Each part is deflated as a stream, so even the 360 MB sheet XML of the cell
 * bomb is never held in memory; `scale` makes the same shape small, to show
 * the generator writes real workbooks that SheetJS reads.
 */
import { createDeflateRaw } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crcUpdate(crc: number, data: Uint8Array): number {
  let c = crc ^ 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface Part {
  name: string;
  body: Uint8Array;
  crc: number;
  size: number;
}

/** Deflates `head`, `repeat` copies of `unit`, then `tail`, streaming. */
async function deflatePart(
  name: string,
  head: string,
  unit: string,
  repeat: number,
  tail: string,
): Promise<Part> {
  const enc = new TextEncoder();
  const d = createDeflateRaw({ level: 6 });
  const chunks: Buffer[] = [];
  d.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    d.on('end', resolve);
    d.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  const write = async (bytes: Uint8Array) => {
    crc = crcUpdate(crc, bytes);
    size += bytes.length;
    if (!d.write(bytes)) await new Promise((r) => d.once('drain', r));
  };
  await write(enc.encode(head));
  // Units grouped into blocks of about 1 MB; the CRC runs once per distinct block.
  const per = Math.max(1, Math.floor((1 << 20) / Math.max(1, unit.length)));
  const block = enc.encode(unit.repeat(Math.min(per, repeat)));
  let left = repeat;
  while (left >= per && per <= repeat) {
    crc = crcUpdate(crc, block);
    size += block.length;
    if (!d.write(block)) await new Promise((r) => d.once('drain', r));
    left -= per;
  }
  if (left > 0) await write(enc.encode(unit.repeat(left)));
  await write(enc.encode(tail));
  d.end();
  await done;
  return { name, body: new Uint8Array(Buffer.concat(chunks)), crc, size };
}

function storedPart(name: string, text: string): Part {
  const body = new TextEncoder().encode(text);
  return { name, body, crc: crcUpdate(0, body), size: body.length };
}

function zipParts(parts: Part[], deflated: Set<string>): Uint8Array {
  const enc = new TextEncoder();
  const out: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = enc.encode(p.name);
    const method = deflated.has(p.name) ? 8 : 0;
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, method, true);
    lv.setUint32(14, p.crc, true);
    lv.setUint32(18, p.body.length, true);
    lv.setUint32(22, p.size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const cd = new Uint8Array(46 + name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, method, true);
    cv.setUint32(16, p.crc, true);
    cv.setUint32(20, p.body.length, true);
    cv.setUint32(24, p.size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    cd.set(name, 46);
    out.push(local, p.body);
    central.push(cd);
    offset += local.length + p.body.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, parts.length, true);
  ev.setUint16(10, parts.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = [...out, ...central, eocd];
  const bytes = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of all) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';

async function workbook(sheet: Part, strings?: Part): Promise<Uint8Array> {
  const ct =
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
    (strings
      ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
      : '') +
    '</Types>';
  const rels =
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
  const wb =
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>';
  const wbRels =
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
    (strings
      ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
      : '') +
    '</Relationships>';
  const parts = [
    storedPart('[Content_Types].xml', ct),
    storedPart('_rels/.rels', rels),
    storedPart('xl/workbook.xml', wb),
    storedPart('xl/_rels/workbook.xml.rels', wbRels),
    sheet,
    ...(strings ? [strings] : []),
  ];
  return zipParts(parts, new Set([sheet.name, ...(strings ? [strings.name] : [])]));
}

/** rows × cols numeric cells (issue 13: 100,000 × 256 in 870 KB took 3.3 GB). */
export async function cellBomb(rows = 100_000, cols = 256): Promise<Uint8Array> {
  const row = `<row>${'<c><v>1</v></c>'.repeat(cols)}</row>`;
  const sheet = await deflatePart(
    'xl/worksheets/sheet1.xml',
    `${SHEET_HEAD}<sheetData>`,
    row,
    rows,
    '</sheetData></worksheet>',
  );
  return workbook(sheet);
}

/** One shared string of `length` characters (issue 13: 130 million ran the heap out). */
export async function stringBomb(length = 130_000_000): Promise<Uint8Array> {
  const strings = await deflatePart(
    'xl/sharedStrings.xml',
    '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>',
    'a',
    length,
    '</t></si></sst>',
  );
  const sheet = await deflatePart(
    'xl/worksheets/sheet1.xml',
    `${SHEET_HEAD}<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>`,
    '',
    0,
    '</sheetData></worksheet>',
  );
  return workbook(sheet, strings);
}

/** `count` merged 1×2 ranges down column A:B (issue 13: 200,000 took 32 s in sheetToGrid). */
export async function mergeBomb(count = 200_000): Promise<Uint8Array> {
  const refs = Array.from({ length: count }, (_, i) => `<mergeCell ref="A${i + 1}:B${i + 1}"/>`).join('');
  const sheet = await deflatePart(
    'xl/worksheets/sheet1.xml',
    `${SHEET_HEAD}<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>项目</t></is></c></row></sheetData><mergeCells count="${count}">`,
    refs,
    1,
    '</mergeCells></worksheet>',
  );
  return workbook(sheet);
}
