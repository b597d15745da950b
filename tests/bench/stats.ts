export interface Figure {
  median: number;
  min: number;
  max: number;
  p95: number;
  runs: number;
}

export function summarize(samples: readonly number[]): Figure {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
  return { median: at(0.5), min: s[0]!, max: s[s.length - 1]!, p95: at(0.95), runs: s.length };
}

/** What the bench page's overview() hands back: milliseconds per run of each step. */
export interface OverviewTimes {
  /** The overview computed as the page computes it. */
  compute: number[];
  /** The longest stretch of that computation between two pauses for the page. */
  longestSlice: number[];
  withReads: number[];
  bareReads: number[];
  summary: number[];
}
