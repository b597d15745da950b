// Draws build/icon.png (1024×1024, drawn on a 512 grid and supersampled so
// edges stay smooth; macOS wants 1024 and electron-builder derives the Windows
// .ico and Linux sizes from it): a red seal with a white double border and
// ledger lines. Plain Node (zlib) so it needs no image tooling; rerun after
// changing the drawing: `node build/make-icon.mjs`.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const RED = [200, 16, 46, 255];
const WHITE = [255, 255, 255, 255];
const CLEAR = [0, 0, 0, 0];

function insideRoundedSquare(x, y, inset, radius) {
  const lo = inset;
  const hi = SIZE - 1 - inset;
  if (x < lo || x > hi || y < lo || y > hi) return false;
  const cx = Math.min(Math.max(x, lo + radius), hi - radius);
  const cy = Math.min(Math.max(y, lo + radius), hi - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function pixel(x, y) {
  if (!insideRoundedSquare(x, y, 16, 64)) return CLEAR;
  // Outer white ring, then a thinner inner ring, like a carved seal.
  if (insideRoundedSquare(x, y, 44, 44) && !insideRoundedSquare(x, y, 62, 30)) return WHITE;
  if (insideRoundedSquare(x, y, 78, 20) && !insideRoundedSquare(x, y, 86, 14)) return WHITE;
  // Ledger: a title bar and four ruled lines with a margin column.
  const inBody = x >= 130 && x <= 382;
  if (inBody && y >= 130 && y <= 170) return WHITE;
  for (const top of [210, 260, 310, 360]) if (inBody && y >= top && y <= top + 14) return WHITE;
  if (x >= 130 && x <= 144 && y >= 170 && y <= 374) return WHITE;
  return RED;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const OUT = 1024;
const SAMPLES = 4; // per axis, per output pixel

function outputPixel(x, y) {
  let alpha = 0;
  const colour = [0, 0, 0];
  for (let i = 0; i < SAMPLES; i++) {
    for (let j = 0; j < SAMPLES; j++) {
      const p = pixel(
        ((x + (i + 0.5) / SAMPLES) * SIZE) / OUT - 0.5,
        ((y + (j + 0.5) / SAMPLES) * SIZE) / OUT - 0.5,
      );
      alpha += p[3];
      for (let c = 0; c < 3; c++) colour[c] += p[c] * p[3];
    }
  }
  if (alpha === 0) return CLEAR;
  return [...colour.map((c) => Math.round(c / alpha)), Math.round(alpha / (SAMPLES * SAMPLES))];
}

const raw = Buffer.alloc(OUT * (OUT * 4 + 1));
for (let y = 0; y < OUT; y++) {
  const row = y * (OUT * 4 + 1);
  raw[row] = 0; // filter: none
  for (let x = 0; x < OUT; x++) raw.set(outputPixel(x, y), row + 1 + x * 4);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(OUT, 0);
header.writeUInt32BE(OUT, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = join(dirname(fileURLToPath(import.meta.url)), 'icon.png');
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
