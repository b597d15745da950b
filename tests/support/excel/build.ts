/** Builders of the messy workbooks and files the import tests read. */
import * as XLSX from 'xlsx';

export type Aoa = unknown[][];

export function xlsxBytes(
  sheets: Record<string, { rows: Aoa; merges?: string[]; dateCells?: string[] }>,
  bookType: XLSX.BookType = 'xlsx',
): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const [name, s] of Object.entries(sheets)) {
    const ws = XLSX.utils.aoa_to_sheet(s.rows);
    if (s.merges) ws['!merges'] = s.merges.map((m) => XLSX.utils.decode_range(m));
    for (const ref of s.dateCells ?? []) {
      const cell = ws[ref] as XLSX.CellObject;
      cell.t = 'n';
      cell.z = 'yyyy"年"m"月"d"日"';
    }
    XLSX.utils.book_append_sheet(wb, ws, name);
  }
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType }) as ArrayBuffer);
}

let gbTable: Map<string, number[]> | undefined;

/** A small GB18030 encoder for the two-byte (GBK) range, built from Node's decoder. */
export function encodeGb18030(text: string): Uint8Array {
  if (!gbTable) {
    gbTable = new Map();
    const dec = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbTable.has(ch)) gbTable.set(ch, [lead, trail]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = gbTable.get(ch);
      if (!bytes) throw new Error(`not in GBK: ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}
