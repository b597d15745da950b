/**
 * Looks at a file's bytes before SheetJS does: what container it is, whether
 * an .xlsx zip would unpack to something absurd (a zip bomb), and whether an
 * OLE file is an encrypted workbook. Reading only headers keeps this cheap.
 */
import * as XLSX from 'xlsx';
import { err, ok, type Result } from '../domain/result';
import { inflatedSize } from './inflate';
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
  const deflated: { start: number; length: number }[] = [];
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
    if (u16(bytes, p + 10) === 8 || u16(bytes, local + 8) === 8) {
      const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
      const length = u32(bytes, p + 20);
      if (start + length > bytes.length) return err(CORRUPT);
      deflated.push({ start, length });
    }
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    if (names.length < 200) names.push(new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen)));
    p += 46 + nameLen + extraLen + commentLen;
    if (p > bytes.length) return err(CORRUPT);
  }
  if (total > limits.maxUnzippedBytes) return err(TOO_BIG(total, limits));
  let real = 0;
  for (const d of deflated) {
    const r = inflatedSize(bytes.subarray(d.start, d.start + d.length), limits.maxUnzippedBytes - real);
    if (!r.ok) return err(r.reason === 'corrupt' ? CORRUPT : TOO_BIG(limits.maxUnzippedBytes + 1, limits));
    real += r.size;
  }
  return ok({ entries: count, unzippedBytes: Math.max(total, real), names });
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
