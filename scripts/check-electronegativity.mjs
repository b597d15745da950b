// Security lint: runs electronegativity over the shell's sources and the
// built main, preload and renderer page, and fails on any finding above
// INFORMATIONAL that build/electronegativity-allow.json does not excuse with
// a reason. The tool itself always exits 0, so its output files are parsed.
//
//   node scripts/check-electronegativity.mjs            the app (electron/, out/, package.json)
//   node scripts/check-electronegativity.mjs <folder>   any folder, e.g. tests/fixtures/insecure-app
//
// SARIF lists the findings; CSV adds their severity (see
// scripts/electronegativity-report.mjs for why both are needed).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  attachSeverities,
  evaluate,
  parseAllowList,
  parseCsv,
  parseSarif,
} from './electronegativity-report.mjs';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const CSV_ATTEMPTS = 4;
const RUN_TIMEOUT_MS = 180_000;

let allowPath = join(root, 'build', 'electronegativity-allow.json');
let folderArg;
for (const args = process.argv.slice(2); args.length;) {
  const arg = args.shift();
  if (arg === '--allow') allowPath = resolve(args.shift() ?? '');
  else folderArg = arg;
}

const tmp = mkdtempSync(join(tmpdir(), 'ledger-electronegativity-'));
let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(`✗ security lint could not run: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(exitCode);

/** Copies what ships into one folder so reported paths read as project paths. */
function stageApp() {
  const scan = join(tmp, 'scan');
  mkdirSync(scan);
  const parts = ['electron', 'package.json', 'out/main', 'out/preload', 'out/renderer/index.html'];
  for (const part of parts) {
    const from = join(root, part);
    if (existsSync(from)) cpSync(from, join(scan, part), { recursive: true });
    else if (part.startsWith('out/')) console.log(`  (${part} not built; scanning sources only for it)`);
  }
  return scan;
}

function runTool(input, output) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      [cli, '-i', input, '-x', EXCLUDED_CHECKS.join(','), '-r', '-v', 'false', '-o', output],
      // A fixed locale keeps the tool's messages (and its translation fetch) predictable.
      {
        cwd: input,
        env: { ...process.env, LANG: 'en-US', FORCE_COLOR: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    const timer = setTimeout(() => child.kill(), RUN_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`electronegativity exited with ${code}\n${log}`));
      else if (!existsSync(output)) reject(new Error(`electronegativity wrote no ${output}\n${log}`));
      else resolvePromise(readFileSync(output, 'utf8'));
    });
  });
}

async function main() {
  const allowList = parseAllowList(readFileSync(allowPath, 'utf8'));
  const input = folderArg ? resolve(folderArg) : stageApp();
  if (!existsSync(input)) throw new Error(`no such folder: ${input}`);
  console.log(
    `electronegativity over ${folderArg ?? 'electron/, out/main, out/preload, out/renderer/index.html, package.json'}`,
  );

  let csvRun = 0;
  const csvPath = () => join(tmp, `report-${++csvRun}.csv`);
  const [sarifText, firstCsv] = await Promise.all([
    runTool(input, join(tmp, 'report.sarif')),
    runTool(input, csvPath()),
  ]);
  const sarif = parseSarif(sarifText);
  let joined = attachSeverities(sarif, parseCsv(firstCsv));
  while (!joined.complete && csvRun < CSV_ATTEMPTS) {
    console.log('  CSV report was incomplete (a known race in the tool); running it again');
    joined = attachSeverities(sarif, parseCsv(await runTool(input, csvPath())));
  }
  if (!joined.complete)
    console.log('  CSV never matched SARIF: findings without a severity count as blocking');

  const { blocking, allowed, informational, unused } = evaluate(joined.findings, allowList);
  const where = (f) => (f.file === '(global)' ? '(global)' : `${f.file}:${f.line}:${f.column}`);
  for (const f of informational) console.log(`  · ${f.check} INFORMATIONAL ${where(f)}`);
  for (const f of allowed) console.log(`  ✓ ${f.check} ${f.severity} ${where(f)} — allowed: ${f.reason}`);
  for (const e of unused) console.log(`  ! allow-list entry matched nothing: ${e.check} ${e.file}`);
  for (const f of blocking) console.log(`  ✗ ${f.check} ${f.severity} ${where(f)} — ${f.message}`);
  console.log(
    `${sarif.length} findings: ${blocking.length} blocking, ${allowed.length} allowed, ${informational.length} informational`,
  );
  if (blocking.length) {
    console.error(`✗ security lint failed: fix the findings above or add them to ${allowPath} with a reason`);
    return 1;
  }
  console.log('✓ security lint passed');
  return 0;
}
