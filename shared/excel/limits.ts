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
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxRows: 100_000,
  maxColumns: 256,
  maxZipEntries: 5_000,
  maxUnzippedBytes: 400 * 1024 * 1024,
  timeLimitMs: 60_000,
};

export const mb = (bytes: number): string => `${Math.round(bytes / 1048576)} MB`;
