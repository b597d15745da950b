/** Limits on what an import will read (SPEC §4): bad input is refused before it can hurt. */
export interface ImportLimits {
  /** Largest file accepted, checked before any parsing. */
  maxBytes: number;
  /** Most data rows in one sheet. */
  maxRows: number;
  /** Most columns read from one sheet; wider ranges are cut. */
  maxColumns: number;
  /** Most entries and total unpacked size of an .xlsx (zip) container. */
  maxZipEntries: number;
  maxUnzippedBytes: number;
  /** Milliseconds the parser may run before it is stopped. */
  timeLimitMs: number;
  /**
   * Read from the file's own XML before the full parse (container.ts):
   * most cells in all sheets, most merged ranges, the longest run of text
   * (Excel itself holds at most 32,767 characters in a cell; bytes, as
   * UTF-8 with XML escapes), and the largest shared-strings part.
   */
  maxCells: number;
  maxMergedRanges: number;
  maxTextBytes: number;
  maxSharedStringsBytes: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxRows: 100_000,
  maxColumns: 256,
  maxZipEntries: 5_000,
  maxUnzippedBytes: 400 * 1024 * 1024,
  timeLimitMs: 60_000,
  maxCells: 3_000_000,
  maxMergedRanges: 20_000,
  maxTextBytes: 256 * 1024,
  maxSharedStringsBytes: 64 * 1024 * 1024,
};

export const mb = (bytes: number): string => `${Math.round(bytes / 1048576)} MB`;
