/**
 * Looks at a file's bytes before SheetJS does: what container it is, whether
 * an .xlsx zip would unpack to something absurd (a zip bomb), and whether an
 * OLE file is an encrypted workbook. Reading only headers keeps this cheap.
 */
import * as XLSX from 'xlsx';
import { err, ok, type Result } from '../domain/result';
import { inflatedSize, StopInflate } from './inflate';
import type { ImportLimits } from './limits';
import { mb } from './limits';

export type Container = 'zip' | 'cfb' | 'biff' | 'text' | 'binary';

export function sniffContainer(bytes: Uint8Array): Container {
  const b = bytes;
  if (b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05) && (b[3] === 0x04 || b[3] === 0x06))
    return 'zip';
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return 'cfb';
  // Old Excel 2–4 files are bare BIFF records starting with a BOF record (0x0009/0x0209/0x0409/0x0809).
  if (b[0] === 0x09 && (b[1] === 0x00 || b[1] === 0x02 || b[1] === 0x04 || b[1] === 0x08)) return 'biff';
  const head = b.subarray(0, Math.min(b.length, 4096));
  let controls = 0;
  for (const x of head) if (x < 0x09) controls++;
  // UTF-16 text has many zero bytes; it is recognised by its BOM.
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return 'text';
  return controls === 0 ? 'text' : 'binary';
}

const u16 = (b: Uint8Array, i: number): number => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, i: number): number => (u16(b, i) | (u16(b, i + 2) << 16)) >>> 0;

export interface ZipSummary {
  entries: number;
  unzippedBytes: number;
  names: string[];
}

const CORRUPT = '文件已损坏，无法读取（压缩包结构不完整）。';

const TOO_BIG = (total: number, limits: ImportLimits): string =>
  `文件解压后过大（约 ${mb(total)}，上限 ${mb(limits.maxUnzippedBytes)}），可能是异常文件，已拒绝读取。`;

/**
 * Reads the zip's central directory: entry count and declared unpacked
 * sizes, then walks each deflated entry to learn its real size, since the
 * declared one may lie and a damaged stream can send SheetJS into an endless
 * loop. Refuses ZIP64 (no real workbook under 4 GB needs it) and anything
 * over the limits.
 */
export function checkZip(bytes: Uint8Array, limits: ImportLimits): Result<ZipSummary> {
  const min = Math.max(0, bytes.length - 65_557);
  let eocd = -1;
  // From the very end, as SheetJS searches, so both read the same directory.
  for (let i = bytes.length - 4; i >= min; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return err(CORRUPT);
  const count = u16(bytes, eocd + 10);
  const cdSize = u32(bytes, eocd + 12);
  const cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff)
    return err('文件结构异常（超大压缩包），无法导入。');
  if (count > limits.maxZipEntries)
    return err(`文件包含的部件过多（${count} 个），可能不是正常的 Excel 文件，已拒绝读取。`);
  if (cdOffset + cdSize > bytes.length) return err(CORRUPT);
  let p = cdOffset;
  let total = 0;
  const deflated: { start: number; length: number; name: string }[] = [];
  const stored: { start: number; length: number; name: string }[] = [];
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (u32(bytes, p) !== 0x02014b50) return err(CORRUPT);
    const local = u32(bytes, p + 42);
    if (u32(bytes, local) !== 0x04034b50) return err(CORRUPT);
    // SheetJS sizes its output buffer from the local header's figure, so both must be sane.
    const size = Math.max(u32(bytes, p + 24), u32(bytes, local + 22));
    if (size === 0xffffffff) return err('文件结构异常（超大压缩包），无法导入。');
    total += size;
    // SheetJS goes by the local header's method, so a directory that disagrees is no excuse to skip the walk.
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen));
    if (names.length < 200) names.push(name);
    const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    const length = u32(bytes, p + 20);
    if (u16(bytes, p + 10) === 8 || u16(bytes, local + 8) === 8) {
      if (start + length > bytes.length) return err(CORRUPT);
      deflated.push({ start, length, name });
    } else if (u16(bytes, local + 8) === 0 && start + length <= bytes.length) {
      stored.push({ start, length, name });
    }
    p += 46 + nameLen + extraLen + commentLen;
    if (p > bytes.length) return err(CORRUPT);
  }
  if (total > limits.maxUnzippedBytes) return err(TOO_BIG(total, limits));
  let real = 0;
  const scan = new StructureScan(limits);
  for (const d of deflated) {
    const part = scannedPart(d.name);
    const sink = part ? (chunk: Uint8Array) => scan.feed(part, chunk) : undefined;
    if (part) scan.begin(part);
    const r = inflatedSize(bytes.subarray(d.start, d.start + d.length), limits.maxUnzippedBytes - real, sink);
    if (!r.ok) {
      if (r.reason === 'stopped') return err(scan.refusal!);
      return err(r.reason === 'corrupt' ? CORRUPT : TOO_BIG(limits.maxUnzippedBytes + 1, limits));
    }
    real += r.size;
  }
  for (const s of stored) {
    const part = scannedPart(s.name);
    if (!part) continue;
    scan.begin(part);
    try {
      scan.feed(part, bytes.subarray(s.start, s.start + s.length));
    } catch (e) {
      if (e instanceof StopInflate) return err(scan.refusal!);
      throw e;
    }
  }
  return ok({ entries: count, unzippedBytes: Math.max(total, real), names });
}

type Part = 'sheet' | 'strings';

/** The parts whose XML the full parse would blow up: worksheets and the shared strings. */
function scannedPart(name: string): Part | undefined {
  if (/^xl\/worksheets\/[^/]+\.xml$/i.test(name)) return 'sheet';
  if (/^xl\/sharedStrings\.xml$/i.test(name)) return 'strings';
  return undefined;
}

const enum S {
  Text,
  Name,
  InTag,
}

/**
 * Counts, from the raw XML bytes as they are unpacked, what makes the full
 * parse expensive: cells (<c>), merged ranges (<mergeCell>), the longest
 * run of text between tags, and the size of the shared strings. Throws
 * StopInflate, with `refusal` set to the Chinese message, as soon as one
 * passes its limit, so a bomb is refused after reading only what proves it.
 */
export class StructureScan {
  cells = 0;
  merges = 0;
  longestText = 0;
  refusal: string | undefined;
  private strings = 0;
  private state = S.Text;
  private run = 0;
  private name = '';

  constructor(private readonly limits: ImportLimits) {}

  begin(_part: Part): void {
    this.state = S.Text;
    this.run = 0;
    this.name = '';
  }

  private refuse(message: string): never {
    this.refusal = message;
    throw new StopInflate();
  }

  feed(part: Part, chunk: Uint8Array): void {
    const L = this.limits;
    if (part === 'strings') {
      this.strings += chunk.length;
      if (this.strings > L.maxSharedStringsBytes)
        this.refuse(
          `文件中的文字内容过多（共享字符串超过 ${mb(L.maxSharedStringsBytes)}），可能是异常文件，已拒绝读取。`,
        );
    }
    let { state, run, name } = this;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (state === S.Text) {
        if (b === 0x3c) {
          state = S.Name;
          name = '';
          if (run > this.longestText) this.longestText = run;
          run = 0;
        } else if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && ++run > L.maxTextBytes) {
          // Whitespace between tags is layout, not text: only the size limit counts it.
          this.refuse(
            `文件中有一段超长的文字（超过 ${Math.floor(L.maxTextBytes / 1024)} KB，Excel 单元格最多 32767 个字），可能是异常文件，已拒绝读取。`,
          );
        }
      } else if (state === S.Name) {
        // Tag names end at a space, '>' or '/'; a prefix such as x: is dropped.
        if (b === 0x20 || b === 0x3e || b === 0x2f || b === 0x09 || b === 0x0a || b === 0x0d) {
          if (name === 'c' && part === 'sheet') {
            if (++this.cells > L.maxCells)
              this.refuse(
                `工作表的单元格过多（超过 ${L.maxCells.toLocaleString('en-US')} 个），可能是异常文件，已拒绝读取。请删去多余的行列或拆分后再导入。`,
              );
          } else if (name === 'mergeCell' && part === 'sheet') {
            if (++this.merges > L.maxMergedRanges)
              this.refuse(
                `工作表的合并单元格过多（超过 ${L.maxMergedRanges.toLocaleString('en-US')} 处），可能是异常文件，已拒绝读取。请取消不需要的合并后再导入。`,
              );
          }
          state = b === 0x3e ? S.Text : S.InTag;
        } else if (b === 0x3a) name = '';
        else if (name.length < 12) name += String.fromCharCode(b);
      } else if (b === 0x3e) state = S.Text;
    }
    this.state = state;
    this.run = run;
    this.name = name;
  }
}

/** Encrypted .xlsx/.xlsb are OLE files holding EncryptionInfo and EncryptedPackage streams. */
export function isEncryptedCfb(bytes: Uint8Array): boolean {
  try {
    const cfb = XLSX.CFB.read(bytes, { type: 'array' });
    return cfb.FullPaths.some((p: string) => /\/(EncryptionInfo|EncryptedPackage)$/i.test(p));
  } catch {
    return false;
  }
}

/** The BIFF record stream of a .xls: the file itself (Excel 2–4), or the Workbook/Book stream of its container. */
function biffStream(bytes: Uint8Array, container: 'cfb' | 'biff'): Uint8Array | undefined {
  if (container === 'biff') return bytes;
  try {
    const cfb = XLSX.CFB.read(bytes, { type: 'array' });
    const entry = XLSX.CFB.find(cfb, 'Workbook') ?? XLSX.CFB.find(cfb, 'Book');
    const content = entry?.content;
    return content ? new Uint8Array(content as ArrayLike<number>) : undefined;
  } catch {
    return undefined; // SheetJS reports a broken container itself
  }
}

/**
 * Whether a .xls's records are whole: each record's header and body fit in
 * the stream, or the stream is cut only after its final EOF record (writers
 * pad with zeros). SheetJS reads a record cut off by the end of a truncated
 * file with a length it cannot have, and loops on it until the process runs
 * out of memory; that file is refused here before it is read.
 */
export function biffRecordsWhole(bytes: Uint8Array, container: 'cfb' | 'biff'): boolean {
  const s = biffStream(bytes, container);
  if (!s) return true;
  let p = 0;
  let last = -1;
  while (p < s.length) {
    if (p + 4 > s.length) break;
    const type = u16(s, p);
    const len = u16(s, p + 2);
    if (p + 4 + len > s.length) break;
    if (type !== 0 || len !== 0) last = type;
    p += 4 + len;
  }
  return p === s.length || last === 0x000a;
}
