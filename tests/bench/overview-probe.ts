/**
 * The overview computation alone, in Node: overviewFromFacts (and the sliced
 * computation the page runs) over the sample generator's deals, their derived
 * rows rebuilt and passed through structuredClone as IndexedDB hands them
 * over. Prints the median and minimum of wall and CPU time per call; the
 * quietest measure of the computation on a shared machine.
 *
 *   npx tsx tests/bench/overview-probe.ts [deals=50000] [runs=15]
 */
import { rebuildFacts } from '../../shared/domain/derived';
import { overviewFromFacts, overviewFromFactsInSlices } from '../../shared/domain/overview';
import { generateSample } from '../../shared/sample/generate';
import { DEFAULT_SETTINGS } from '../../shared/settings';

const deals = Number(process.argv[2] ?? 50_000);
const runs = Number(process.argv[3] ?? 15);
// A fixed day: the figures do not depend on when the probe runs.
const today = '2026-12-01';
const thresholds = DEFAULT_SETTINGS.lightThresholds;
const sample = generateSample({ today, seed: 50_000, deals, contacts: 0, companies: Math.round(deals / 5) });
const { facts, events } = structuredClone({ facts: rebuildFacts(sample), events: sample.events });

const wall: number[] = [];
const cpu: number[] = [];
const sliced: number[] = [];
const longest: number[] = [];
for (let i = 0; i < runs; i++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  overviewFromFacts(facts, events, {}, today, thresholds);
  wall.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);

  let held = 0;
  let from = performance.now();
  const s0 = from;
  await overviewFromFactsInSlices(facts, events, {}, today, thresholds, async () => {
    held = Math.max(held, performance.now() - from);
    await new Promise<void>((resolve) => setImmediate(resolve));
    from = performance.now();
  });
  const end = performance.now();
  sliced.push(end - s0);
  longest.push(Math.max(held, end - from));
}

const show = (t: number[]) => {
  const s = [...t].sort((a, b) => a - b);
  return `median ${s[s.length >> 1]!.toFixed(1)} ms (min ${s[0]!.toFixed(1)})`;
};
console.log(`${deals} deals, ${runs} calls`);
console.log(`overviewFromFacts: wall ${show(wall)}, CPU ${show(cpu)}`);
console.log(`in slices: total ${show(sliced)}, longest slice ${show(longest)}`);
