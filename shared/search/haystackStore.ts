/**
 * The search haystacks of one ledger. They are kept as a few long strings
 * (blocks of records joined by a separator) rather than one string per
 * record, because a keystroke is then a handful of indexOf calls per block
 * instead of 50,000 includes calls: under half the time over 50,000 deals.
 */

/** Between records in a block. Control characters are separators, so a query holding one finds nothing. */
const RECORD_SEPARATOR = '\u0000';
/** Recent answers kept to narrow from (`dd` searches only what `d` found) and to repeat (backspace). */
const RECENT = 8;

interface Block {
  /** Sealed form, what a search reads: the haystacks joined, and where each starts (plus one past the end). */
  text: string;
  starts: Int32Array;
  /** Open form while writes land, one haystack per record; sealed again by the next search. */
  open: string[] | null;
}

export class HaystackStore {
  private readonly slotOf = new Map<string, number>();
  /** Id per slot; undefined for a free slot, whose haystack is empty and matches nothing. */
  private ids: (string | undefined)[] = [];
  private blocks: Block[] = [];
  private free: number[] = [];
  private recent: { query: string; slots: number[] }[] = [];
  /**
   * Bumped whenever a slot gets a new record, which is when a list's rows must
   * be looked up again (a freed slot holds an empty haystack and matches nothing).
   */
  private layout = 0;
  private readonly rowSlots = new WeakMap<readonly { id: string }[], { layout: number; slots: Int32Array }>();

  /** Records per block: long enough that a scan of 50,000 records is about a hundred indexOf runs, short enough that re-joining one after a write is cheap. */
  constructor(private readonly blockSize = 512) {}

  get size(): number {
    return this.slotOf.size;
  }

  set(id: string, haystack: string): void {
    let slot = this.slotOf.get(id);
    if (slot === undefined) {
      slot = this.free.pop() ?? this.ids.length;
      this.layout++;
      this.slotOf.set(id, slot);
      this.ids[slot] = id;
    }
    this.write(slot, haystack);
  }

  delete(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    this.ids[slot] = undefined;
    this.write(slot, '');
    this.free.push(slot);
  }

  clear(): void {
    this.slotOf.clear();
    this.ids = [];
    this.blocks = [];
    this.free = [];
    this.recent = [];
  }

  /** Joins every block written to since the last search (a build seals as it goes, so the first keystroke does not). */
  seal(): void {
    for (const block of this.blocks) if (block.open) sealBlock(block);
  }

  /**
   * Ids of the records whose haystack contains `query` (already normalised),
   * in slot order; every id for an empty query.
   */
  find(query: string): string[] {
    const slots = this.matching(query);
    const out = new Array<string>(slots.length);
    for (let k = 0; k < slots.length; k++) out[k] = this.ids[slots[k]!]!;
    return out;
  }

  /**
   * Whether each of `rows` matches `query`: 1 at the position of a row that
   * does, 0 for the others and for rows not in the store. What a list needs
   * to keep its rows, without a Set of ids per keystroke: the rows' slots are
   * looked up once per rows array (again only after records come or go), so
   * a keystroke hashes no ids. `rows` must not change in place.
   */
  matchRows(query: string, rows: readonly { id: string }[]): Uint8Array {
    const hit = new Uint8Array(this.ids.length);
    for (const slot of this.matching(query)) hit[slot] = 1;
    const slots = this.slotsOfRows(rows);
    const out = new Uint8Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const slot = slots[i]!;
      if (slot >= 0) out[i] = hit[slot]!;
    }
    return out;
  }

  /** Looks the rows up ahead of the first keystroke (tens of milliseconds for 50,000 rows read afresh). */
  prepareRows(rows: readonly { id: string }[]): void {
    this.slotsOfRows(rows);
  }

  private slotsOfRows(rows: readonly { id: string }[]): Int32Array {
    const known = this.rowSlots.get(rows);
    if (known?.layout === this.layout) return known.slots;
    const slots = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) slots[i] = this.slotOf.get(rows[i]!.id) ?? -1;
    this.rowSlots.set(rows, { layout: this.layout, slots });
    return slots;
  }

  private matching(query: string): number[] {
    if (!query) {
      const all: number[] = [];
      for (let slot = 0; slot < this.ids.length; slot++) if (this.ids[slot] !== undefined) all.push(slot);
      return all;
    }
    if (hasControlCharacter(query)) return [];
    let from: { query: string; slots: number[] } | undefined;
    for (const r of this.recent) {
      if (r.query === query) {
        from = r;
        break;
      }
      // Whatever contains the query contains every part of it, so an earlier answer for a part bounds this one.
      if (query.includes(r.query) && (!from || r.slots.length < from.slots.length)) from = r;
    }
    this.seal();
    // Checking a candidate alone costs a few times what the scan spends on a record: narrow only from a small answer.
    const slots =
      from?.query === query
        ? from.slots
        : from && from.slots.length * 4 < this.ids.length
          ? this.narrow(from.slots, query)
          : this.scan(query);
    this.recent = [{ query, slots }, ...this.recent.filter((r) => r.query !== query)].slice(0, RECENT);
    return slots;
  }

  private write(slot: number, haystack: string) {
    this.recent = [];
    const index = slot % this.blockSize;
    const b = (slot - index) / this.blockSize;
    const block = (this.blocks[b] ??= { text: '', starts: new Int32Array(1), open: [] });
    block.open ??= unsealBlock(block);
    block.open[index] = haystack;
    // A block filled by appends (the build, an import) is sealed at once, while its strings are fresh in memory.
    if (index === this.blockSize - 1 && slot === this.ids.length - 1) sealBlock(block);
  }

  private scan(query: string): number[] {
    const out: number[] = [];
    for (let b = 0; b < this.blocks.length; b++) {
      const { text, starts } = this.blocks[b]!;
      const base = b * this.blockSize;
      let i = 0;
      for (let at = text.indexOf(query); at >= 0; at = text.indexOf(query, starts[i])) {
        while (starts[i + 1]! <= at) i++;
        out.push(base + i);
        i++;
      }
    }
    return out;
  }

  private narrow(candidates: number[], query: string): number[] {
    const out: number[] = [];
    for (const slot of candidates) {
      const index = slot % this.blockSize;
      const { text, starts } = this.blocks[(slot - index) / this.blockSize]!;
      if (text.slice(starts[index], starts[index + 1]! - 1).includes(query)) out.push(slot);
    }
    return out;
  }
}

function sealBlock(block: Block) {
  const open = block.open!;
  const starts = new Int32Array(open.length + 1);
  let at = 0;
  for (let i = 0; i < open.length; i++) {
    starts[i] = at;
    at += open[i]!.length + 1;
  }
  starts[open.length] = at;
  block.text = open.join(RECORD_SEPARATOR);
  block.starts = starts;
  block.open = null;
}

function unsealBlock(block: Block): string[] {
  const { text, starts } = block;
  const open: string[] = [];
  for (let i = 0; i + 1 < starts.length; i++) open.push(text.slice(starts[i], starts[i + 1]! - 1));
  return open;
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20) return true;
  return false;
}
