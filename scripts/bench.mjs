#!/usr/bin/env node
// `npm run bench`: runs tests/bench/run.ts through Vite's module runner (it is TypeScript).
// Exits non-zero only when the benchmark could not run, never on a slow figure.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = resolve(fileURLToPath(import.meta.url), '../..');
try {
  const { module } = await runnerImport(resolve(root, 'tests/bench/run.ts'), {
    configFile: false,
    root,
    logLevel: 'warn',
  });
  await module.main(process.argv.slice(2));
  process.exit(0);
} catch (error) {
  console.error('基准测试无法运行：', error);
  process.exit(1);
}
