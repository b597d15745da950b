// Types for scripts/electronegativity-report.mjs, so the unit tests can import it.
export type Severity = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH';
export const SEVERITIES: readonly Severity[];
export const GLOBAL_FILE: '(global)';

export interface SarifFinding {
  check: string;
  file: string;
  line: number;
  column: number;
  level: string;
  message: string;
}
export interface CsvRow {
  check: string;
  severity: Severity;
  confidence: string;
  file: string;
  line: number;
  column: number;
}
export interface Finding extends SarifFinding {
  severity: Severity | 'UNKNOWN';
  confidence?: string;
}
export interface AllowEntry {
  check: string;
  file: string;
  reason: string;
}

export function parseSarif(text: string): SarifFinding[];
export function parseCsv(text: string): { rows: CsvRow[]; intact: boolean };
export function attachSeverities(
  findings: SarifFinding[],
  csv: { rows: CsvRow[]; intact: boolean },
): { findings: Finding[]; complete: boolean };
export function parseAllowList(text: string): AllowEntry[];
export function evaluate(
  findings: Finding[],
  allowList: AllowEntry[],
): {
  blocking: Finding[];
  allowed: (Finding & { reason: string })[];
  informational: Finding[];
  unused: AllowEntry[];
};
