#!/usr/bin/env node
/**
 * Everything CI runs, in order: typecheck of every tsconfig, lint with zero
 * warnings, the formatting check, unit tests (on the real clock, then again
 * under libfaketime just before midnight on 31 December and on 29 February),
 * the build, the packaging check, the electronegativity security lint, and
 * the end-to-end tests in Chromium. Ends with one
 * "N passed, N failed" line over all suites.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const reportDir = join('tests', '.artifacts', 'reports');
rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });

let passed = 0;
let failed = 0;
const summary = [];

function run(name, cmd, args, vitestReport) {
  const started = Date.now();
  console.log(`\n━━ ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (vitestReport) {
    let p = 0;
    let f = 1; // a run that left no report counts as one failure
    try {
      const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
      p = report.numPassedTests;
      f = report.numFailedTests;
    } catch {
      // keep the one failure
    }
    // A suite that failed to load, or a runner that crashed, still fails the run.
    if (r.status !== 0 && f === 0) f = 1;
    passed += p;
    failed += f;
    summary.push(`${name}: ${p} passed, ${f} failed (${seconds}s)`);
  } else {
    if (r.status === 0) passed += 1;
    else failed += 1;
    summary.push(`${name}: ${r.status === 0 ? 'ok' : 'FAILED'} (${seconds}s)`);
  }
}

const npx = 'npx';
run('typecheck (node side)', npx, ['tsc', '-p', 'tsconfig.node.json']);
run('typecheck (renderer side)', npx, ['tsc', '-p', 'tsconfig.web.json']);
run('typecheck (server)', npx, ['tsc', '-p', 'tsconfig.server.json']);
run('lint', npx, ['eslint', '.', '--max-warnings', '0']);
run('formatting (prettier --check)', npx, ['prettier', '--check', '.']);
const vitestArgs = (report, ...more) => [
  'vitest',
  'run',
  ...more,
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
];
const unitReport = join(reportDir, 'unit.json');
run('unit tests', npx, vitestArgs(unitReport), unitReport);
// The same unit tests on dates that break date arithmetic: the last seconds of a
// year (the run crosses midnight into a new year) and a leap day. libfaketime
// moves the clock of the whole process tree; it starts there and then flows.
const hasFaketime = spawnSync('faketime', ['-f', '+0', 'true']).status === 0;
for (const at of ['2027-12-31 23:59:30', '2028-02-29 09:00:00']) {
  const name = `unit tests at ${at}`;
  if (!hasFaketime) {
    console.log(`\n━━ ${name}: faketime is not installed (apt-get install faketime)`);
    failed += 1;
    summary.push(`${name}: FAILED (faketime is not installed)`);
    continue;
  }
  const report = join(reportDir, `unit-${at.slice(0, 10)}.json`);
  run(name, 'faketime', [at, npx, ...vitestArgs(report)], report);
}
const serverReport = join(reportDir, 'server.json');
run(
  'server tests (PGlite and PostgreSQL)',
  npx,
  vitestArgs(serverReport, '--config', 'vitest.server.config.ts'),
  serverReport,
);
run('build (electron-vite)', npx, ['electron-vite', 'build']);
run('packaging check', 'node', ['scripts/check-package.mjs']);
run('security lint (electronegativity)', 'node', ['scripts/check-electronegativity.mjs']);
const e2eReport = join(reportDir, 'e2e.json');
run('end-to-end tests (Chromium)', npx, vitestArgs(e2eReport, '--config', 'vitest.e2e.config.ts'), e2eReport);

console.log('\n━━ summary');
for (const line of summary) console.log(`  ${line}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
