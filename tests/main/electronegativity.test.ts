import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  attachSeverities,
  evaluate,
  parseAllowList,
  parseCsv,
  parseSarif,
} from '../../scripts/electronegativity-report.mjs';

const root = join(__dirname, '..', '..');

/** Trimmed from a real electronegativity 1.10.3 run over tests/fixtures/insecure-app. */
const SARIF = JSON.stringify({
  $schema: 'http://json.schemastore.org/sarif-2.1.0',
  version: '2.1.0',
  runs: [
    {
      tool: { driver: { name: 'Electronegativity', version: '1.10.3', rules: [] } },
      results: [
        {
          ruleId: 'CSP_GLOBAL_CHECK',
          level: 'warning',
          message: { text: 'No CSP has been detected in the target application' },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: 'file:///' },
                region: { startLine: 1, startColumn: 1, charLength: 0 },
              },
            },
          ],
        },
        {
          ruleId: 'SANDBOX_JS_CHECK',
          level: 'warning',
          message: { text: 'Use sandbox for untrusted origins' },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: 'main.js' },
                region: { startLine: 7, startColumn: 46, charLength: 83 },
              },
            },
          ],
        },
        {
          ruleId: 'ELECTRON_VERSION_JSON_CHECK',
          level: 'note',
          message: { text: 'Gets the electron version used by inspecting the package.json file.' },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: 'package.json' },
                region: { startLine: 1, startColumn: 1, charLength: 1 },
              },
            },
          ],
        },
      ],
      invocations: [{ workingDirectory: { uri: 'file:////x' }, executionSuccessful: true }],
    },
  ],
});

const HEADER = 'issue, severity, confidence, filename, location, sample, description, url';
const CSV_ROWS = [
  'CSP_GLOBAL_CHECK,"MEDIUM","CERTAIN","N/A","0:0",N/A,"No CSP has been detected in the target application",https://github.com/doyensec/electronegativity/wiki/CSP_GLOBAL_CHECK',
  'SANDBOX_JS_CHECK,"MEDIUM","FIRM","main.js","7:45","webPreferences: { nodeIntegration: true, sandbox: false, contextIsolation: ""x"" },","Use sandbox for untrusted origins",https://github.com/doyensec/electronegativity/wiki/SANDBOX_JS_CHECK',
  'ELECTRON_VERSION_JSON_CHECK,"INFORMATIONAL","CERTAIN","package.json","1:0","{","Gets the electron version used by inspecting the package.json file.",https://github.com/doyensec/electronegativity/wiki/ELECTRON_VERSION_JSON_CHECK',
];
const CSV = [HEADER, ...CSV_ROWS, ''].join('\n');

describe('electronegativity report parsing', () => {
  it('reads findings from SARIF, global ones without a file', () => {
    const findings = parseSarif(SARIF);
    expect(findings.map((f) => [f.check, f.file, f.line, f.column])).toEqual([
      ['CSP_GLOBAL_CHECK', '(global)', 1, 1],
      ['SANDBOX_JS_CHECK', 'main.js', 7, 46],
      ['ELECTRON_VERSION_JSON_CHECK', 'package.json', 1, 1],
    ]);
  });

  it.each([
    ['not JSON', '{'],
    ['no runs', '{}'],
    ['a run without results', '{"runs":[{}]}'],
    ['a result without ruleId', '{"runs":[{"results":[{}]}]}'],
    ['an unsuccessful run', '{"runs":[{"results":[],"invocations":[{"executionSuccessful":false}]}]}'],
  ])('refuses SARIF that is %s', (_name, text) => {
    expect(() => parseSarif(text)).toThrow();
  });

  it('reads severities from an intact CSV, quotes and commas included', () => {
    const csv = parseCsv(CSV);
    expect(csv.intact).toBe(true);
    expect(csv.rows.map((r) => [r.check, r.severity, r.file, r.line, r.column])).toEqual([
      ['CSP_GLOBAL_CHECK', 'MEDIUM', '(global)', 1, 1],
      ['SANDBOX_JS_CHECK', 'MEDIUM', 'main.js', 7, 46],
      ['ELECTRON_VERSION_JSON_CHECK', 'INFORMATIONAL', 'package.json', 1, 1],
    ]);
    const joined = attachSeverities(parseSarif(SARIF), csv);
    expect(joined.complete).toBe(true);
    expect(joined.findings.map((f) => f.severity)).toEqual(['MEDIUM', 'MEDIUM', 'INFORMATIONAL']);
  });

  it('notices the CSV the tool mangles when its header write races the rows', () => {
    // Seen in practice: the header overwrote the start of the first row.
    const overwritten = `${HEADER}\nted in the target application",https://github.com/x\n${CSV_ROWS.slice(1).join('\n')}\n`;
    const headerOnly = `${HEADER}\n`;
    const rowsOnly = `${CSV_ROWS.join('\n')}\n`;
    for (const text of [overwritten, headerOnly, rowsOnly]) {
      const joined = attachSeverities(parseSarif(SARIF), parseCsv(text));
      expect(joined.complete).toBe(false);
    }
    // A finding the CSV lost has no severity and blocks.
    const lost = attachSeverities(parseSarif(SARIF), parseCsv(headerOnly));
    expect(lost.findings.every((f) => f.severity === 'UNKNOWN')).toBe(true);
    expect(evaluate(lost.findings, []).blocking).toHaveLength(3);
  });

  it('blocks findings above informational unless the allow-list gives a reason', () => {
    const { findings } = attachSeverities(parseSarif(SARIF), parseCsv(CSV));
    const allow = parseAllowList(
      JSON.stringify([
        { check: 'CSP_GLOBAL_CHECK', file: '(global)', reason: 'the CSP is sent as a response header' },
      ]),
    );
    const result = evaluate(findings, allow);
    expect(result.blocking.map((f) => f.check)).toEqual(['SANDBOX_JS_CHECK']);
    expect(result.allowed.map((f) => f.check)).toEqual(['CSP_GLOBAL_CHECK']);
    expect(result.informational.map((f) => f.check)).toEqual(['ELECTRON_VERSION_JSON_CHECK']);
    // The same check in another file is not excused.
    const elsewhere = parseAllowList(
      JSON.stringify([
        { check: 'SANDBOX_JS_CHECK', file: 'other.js', reason: 'only other.js is reviewed for this' },
      ]),
    );
    expect(evaluate(findings, elsewhere).blocking.map((f) => f.check)).toContain('SANDBOX_JS_CHECK');
  });

  it.each([
    ['no reason', [{ check: 'CSP_GLOBAL_CHECK', file: '(global)' }]],
    ['a token reason', [{ check: 'CSP_GLOBAL_CHECK', file: '(global)', reason: 'ok' }]],
    ['no file', [{ check: 'CSP_GLOBAL_CHECK', reason: 'the CSP is sent as a response header' }]],
    ['an unknown key', [{ check: 'X', file: 'a', reason: 'the CSP is sent as a response header', line: 3 }]],
    ['not an array', { check: 'X' }],
  ])('refuses an allow-list entry with %s', (_name, value) => {
    expect(() => parseAllowList(JSON.stringify(value))).toThrow();
  });

  it("the project's allow-list is valid", () => {
    const entries = parseAllowList(readFileSync(join(root, 'build', 'electronegativity-allow.json'), 'utf8'));
    expect(entries.length).toBeGreaterThan(0);
  });
});

describe('security lint on a deliberately insecure app', () => {
  it('fails on a window with nodeIntegration on, sandbox and contextIsolation off', async () => {
    const run = promisify(execFile);
    const outcome = await run(
      process.execPath,
      ['scripts/check-electronegativity.mjs', 'tests/fixtures/insecure-app'],
      {
        cwd: root,
      },
    ).then(
      (r) => ({ code: 0, output: r.stdout + r.stderr }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({
        code: e.code ?? -1,
        output: `${e.stdout ?? ''}${e.stderr ?? ''}`,
      }),
    );
    expect(outcome.code, outcome.output).toBe(1);
    expect(outcome.output).toMatch(/✗ CONTEXT_ISOLATION_JS_CHECK HIGH main\.js/);
    expect(outcome.output).toMatch(/✗ SANDBOX_JS_CHECK MEDIUM main\.js/);
    expect(outcome.output).toContain('security lint failed');
  }, 300_000);
});
