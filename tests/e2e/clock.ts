/**
 * The calendar the end-to-end suite runs on. Every page starts its clock here
 * (Playwright's `clock.install`), so periods, file names and "days overdue"
 * never depend on the day the suite happens to run. The clock then flows at
 * real speed from this start, continuing across browser restarts, so records
 * written later still carry later timestamps. `E2E_NOW` (local time) moves it,
 * e.g. `E2E_NOW=2028-02-29T23:59:30 npm run test:e2e`.
 */
const START = new Date(process.env.E2E_NOW ?? '2026-10-15T10:00:00');
if (Number.isNaN(START.getTime())) throw new Error(`E2E_NOW is not a date-time: ${process.env.E2E_NOW}`);
const base = performance.now();

/** The suite's "now": the fixed start plus the real time elapsed since the suite began. */
export function e2eNow(): Date {
  return new Date(START.getTime() + (performance.now() - base));
}

const p = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;

/** Local calendar date the suite starts on. */
export const E2E_TODAY = iso(START);

/** Local calendar date `days` from the suite's today. */
export function isoDaysFrom(days: number): string {
  const d = new Date(START);
  d.setDate(d.getDate() + days);
  return iso(d);
}
