/**
 * Walks a deflate stream without keeping its output, to learn how much it
 * really unpacks to. A zip's declared sizes can lie, and SheetJS's inflater
 * neither stops at them nor at the end of the data (a damaged stream can make
 * it loop for ever), so an .xlsx is only handed over after every entry is
 * known to end inside its own bytes and within the size limit.
 */
export type InflateCheck = { ok: true; size: number } | { ok: false; reason: 'corrupt' | 'too-big' };

class Corrupt extends Error {}
class TooBig extends Error {}

interface Huffman {
  counts: Uint16Array;
  symbols: Uint16Array;
}

const LEN_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195,
  227, 258,
];
const LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
  6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA = [
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

function build(lengths: ArrayLike<number>, n: number): Huffman {
  const counts = new Uint16Array(16);
  for (let i = 0; i < n; i++) counts[lengths[i]!]!++;
  counts[0] = 0;
  let left = 1;
  for (let len = 1; len < 16; len++) {
    left = left * 2 - counts[len]!;
    if (left < 0) throw new Corrupt(); // over-subscribed
  }
  const offs = new Uint16Array(16);
  for (let len = 1; len < 15; len++) offs[len + 1] = offs[len]! + counts[len]!;
  const symbols = new Uint16Array(n);
  for (let i = 0; i < n; i++) if (lengths[i]) symbols[offs[lengths[i]!]!++] = i;
  return { counts, symbols };
}

let fixed: { lit: Huffman; dist: Huffman } | undefined;

function fixedTables(): { lit: Huffman; dist: Huffman } {
  if (!fixed) {
    const l = new Uint8Array(288);
    l.fill(8, 0, 144);
    l.fill(9, 144, 256);
    l.fill(7, 256, 280);
    l.fill(8, 280, 288);
    fixed = { lit: build(l, 288), dist: build(new Uint8Array(30).fill(5), 30) };
  }
  return fixed;
}

/** Thrown by a sink to stop the walk early (a limit it watches was passed). */
export class StopInflate extends Error {}

const WINDOW = 32_768;
const FLUSH_AT = 4 * WINDOW;

/**
 * Size of what `data` inflates to, or why it cannot be trusted. With a
 * `sink`, the output is also produced, in chunks, through a 32 KB window
 * (never the whole part in memory), so a part's XML can be scanned while
 * it is walked; a sink that throws StopInflate ends the walk with 'stopped'.
 */
export function inflatedSize(
  data: Uint8Array,
  cap: number,
  sink?: (chunk: Uint8Array) => void,
): InflateCheck | { ok: false; reason: 'stopped' } {
  let pos = 0;
  let bitBuf = 0;
  let bitCnt = 0;
  let size = 0;
  const out = sink ? new Uint8Array(FLUSH_AT + 258) : undefined;
  let w = 0;
  let from = 0;
  const flush = (all: boolean) => {
    if (!out || !sink) return;
    if (w > from) sink(out.subarray(from, w));
    from = w;
    if (!all && w >= FLUSH_AT) {
      out.copyWithin(0, w - WINDOW, w);
      w = WINDOW;
      from = w;
    }
  };
  const put = (byte: number) => {
    out![w++] = byte;
    if (w >= FLUSH_AT) flush(false);
  };
  const copy = (dist: number, len: number) => {
    for (let i = 0; i < len; i++) {
      out![w] = out![w - dist]!;
      w++;
    }
    if (w >= FLUSH_AT) flush(false);
  };
  const bits = (need: number): number => {
    let v = bitBuf;
    while (bitCnt < need) {
      if (pos >= data.length) throw new Corrupt();
      v |= data[pos++]! << bitCnt;
      bitCnt += 8;
    }
    bitBuf = v >>> need;
    bitCnt -= need;
    return v & ((1 << need) - 1);
  };
  const decode = (h: Huffman): number => {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len < 16; len++) {
      code |= bits(1);
      const count = h.counts[len]!;
      if (code - count < first) return h.symbols[index + (code - first)]!;
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    throw new Corrupt();
  };
  const grow = (n: number) => {
    size += n;
    if (size > cap) throw new TooBig();
  };
  const codes = (lit: Huffman, dist: Huffman) => {
    for (;;) {
      const sym = decode(lit);
      if (sym < 256) {
        grow(1);
        if (out) put(sym);
      } else if (sym === 256) return;
      else {
        const i = sym - 257;
        if (i >= 29) throw new Corrupt();
        const len = LEN_BASE[i]! + bits(LEN_EXTRA[i]!);
        const d = decode(dist);
        if (d >= 30) throw new Corrupt();
        const back = DIST_BASE[d]! + bits(DIST_EXTRA[d]!);
        if (back > size) throw new Corrupt();
        grow(len);
        if (out) copy(back, len);
      }
    }
  };
  try {
    let last = 0;
    do {
      last = bits(1);
      const type = bits(2);
      if (type === 0) {
        bitBuf = 0;
        bitCnt = 0;
        if (pos + 4 > data.length) throw new Corrupt();
        const len = data[pos]! | (data[pos + 1]! << 8);
        const nlen = data[pos + 2]! | (data[pos + 3]! << 8);
        if (len !== (~nlen & 0xffff)) throw new Corrupt();
        pos += 4;
        if (pos + len > data.length) throw new Corrupt();
        grow(len);
        if (out) for (let i = 0; i < len; i++) put(data[pos + i]!);
        pos += len;
      } else if (type === 1) {
        const f = fixedTables();
        codes(f.lit, f.dist);
      } else if (type === 2) {
        const nlen = bits(5) + 257;
        const ndist = bits(5) + 1;
        const ncode = bits(4) + 4;
        if (nlen > 286 || ndist > 30) throw new Corrupt();
        const cl = new Uint8Array(19);
        for (let i = 0; i < ncode; i++) cl[CL_ORDER[i]!] = bits(3);
        const clHuff = build(cl, 19);
        const lengths = new Uint8Array(nlen + ndist);
        for (let i = 0; i < nlen + ndist;) {
          const sym = decode(clHuff);
          if (sym < 16) lengths[i++] = sym;
          else {
            let value = 0;
            let repeat: number;
            if (sym === 16) {
              if (i === 0) throw new Corrupt();
              value = lengths[i - 1]!;
              repeat = 3 + bits(2);
            } else if (sym === 17) repeat = 3 + bits(3);
            else repeat = 11 + bits(7);
            if (i + repeat > nlen + ndist) throw new Corrupt();
            lengths.fill(value, i, i + repeat);
            i += repeat;
          }
        }
        if (lengths[256] === 0) throw new Corrupt();
        codes(build(lengths, nlen), build(lengths.subarray(nlen), ndist));
      } else throw new Corrupt();
    } while (!last);
    flush(true);
  } catch (e) {
    if (e instanceof StopInflate) return { ok: false, reason: 'stopped' };
    if (e instanceof TooBig) return { ok: false, reason: 'too-big' };
    if (e instanceof Corrupt) return { ok: false, reason: 'corrupt' };
    throw e;
  }
  return { ok: true, size };
}
