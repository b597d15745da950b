// Packages the app for Linux with `electron-builder --dir` against a stand-in
// Electron (there is no real binary offline), then checks what went into
// app.asar and that the fuses in build/electron-builder.yml were flipped.
//
//   npm run build && npm run test:package      (builds first if out/ is missing)
//
// The stand-in `electron` is a shell script that carries Electron's fuse
// sentinel and the Electron 45 default fuse wire, so electron-builder's fuse
// step runs for real and the result can be read back with @electron/fuses.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { listPackage } = require('@electron/asar');
const { getCurrentFuseWire, FuseV1Options } = require('@electron/fuses');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXECUTABLE = 'zhaoshang-ledger';
const REQUIRED_BUILD = [
  'out/main/index.js',
  'out/main/parseHost.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
];
const FORBIDDEN_MODULES = [
  'react',
  'react-dom',
  'antd',
  'dexie',
  'xlsx',
  'zod',
  'electron-store',
  'vite',
  'vitest',
  'typescript',
  'eslint',
  'electron',
  'electron-builder',
  'playwright-core',
  'echarts',
  'exceljs',
  'pinyin-pro',
  'dayjs',
  'zustand',
  'dexie-react-hooks',
  '@ant-design',
  'fast-check',
];
// Electron fuse wire v1, in FuseV1Options order; '1' enabled, '0' disabled.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ELECTRON_45_DEFAULT_WIRE = '10110001';
const EXPECTED_FUSES = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
};

const failures = [];
const fail = (message) => failures.push(message);

function run(command, args) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
      CSC_IDENTITY_AUTO_DISCOVERY: 'false',
    },
  });
  if (result.status !== 0) {
    console.error(`✗ ${command} ${args[0] ?? ''} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

// 1. The electron-vite build.
if (REQUIRED_BUILD.some((f) => !existsSync(join(root, f)))) {
  run('npx', ['electron-vite', 'build']);
}
for (const f of REQUIRED_BUILD) {
  if (!existsSync(join(root, f))) fail(`build output missing: ${f}`);
}
if (failures.length) finish();

// The CSP allows scripts from 'self' only, so the built page must load every
// script from a file of its own: no inline code, no handler attributes, no
// remote source.
const indexHtml = readFileSync(join(root, 'out/renderer/index.html'), 'utf8');
for (const [tag, attrs, body] of indexHtml.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
  const src = /\bsrc\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1];
  if (!src) fail(`out/renderer/index.html has an inline script: ${tag.slice(0, 80)}`);
  else if (/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(src))
    fail(`out/renderer/index.html loads a remote script: ${src}`);
  if (body.trim()) fail(`out/renderer/index.html has script text inside a tag: ${tag.slice(0, 80)}`);
}
if (/<[^>]+\son[a-z]+\s*=/i.test(indexHtml))
  fail('out/renderer/index.html has an inline event handler attribute');
if (/javascript:/i.test(indexHtml)) fail('out/renderer/index.html has a javascript: URL');
if (failures.length) finish();

// 2. A stand-in Electron distribution.
const tmp = mkdtempSync(join(tmpdir(), 'ledger-package-'));
const electronDist = join(tmp, 'electron-dist');
mkdirSync(join(electronDist, 'resources'), { recursive: true });
mkdirSync(join(electronDist, 'locales'), { recursive: true });
for (const locale of ['zh-CN', 'en-US', 'de'])
  writeFileSync(join(electronDist, 'locales', `${locale}.pak`), '');
writeFileSync(
  join(electronDist, 'electron'),
  `#!/bin/sh\necho "stand-in Electron used by scripts/check-package.mjs" >&2\nexit 1\n# ${SENTINEL}\u0001\u0008${ELECTRON_45_DEFAULT_WIRE}\n`,
  'latin1',
);
chmodSync(join(electronDist, 'electron'), 0o755);
writeFileSync(join(electronDist, 'version'), '45.5.0');
writeFileSync(join(electronDist, 'LICENSE'), 'stand-in');

// 3. Package both Linux architectures into the temp folder.
const output = join(tmp, 'release');
run('npx', [
  'electron-builder',
  '--dir',
  '--linux',
  '--x64',
  '--arm64',
  '--config',
  'build/electron-builder.yml',
  `-c.electronDist=${electronDist}`,
  `-c.directories.output=${output}`,
]);

// 4. Inspect each unpacked app.
for (const dir of ['linux-unpacked', 'linux-arm64-unpacked']) {
  const appDir = join(output, dir);
  const asarPath = join(appDir, 'resources', 'app.asar');
  if (!existsSync(asarPath)) {
    fail(`${dir}: resources/app.asar missing`);
    continue;
  }
  const entries = listPackage(asarPath, { isPack: false }).map((e) => e.replaceAll('\\', '/'));
  for (const f of [...REQUIRED_BUILD, 'package.json']) {
    if (!entries.includes(`/${f}`)) fail(`${dir}: app.asar lacks ${f}`);
  }
  for (const name of FORBIDDEN_MODULES) {
    if (entries.some((e) => e === `/node_modules/${name}` || e.startsWith(`/node_modules/${name}/`))) {
      fail(`${dir}: app.asar contains node_modules/${name}`);
    }
  }
  const unexpected = entries.filter((e) => !/^\/(out(\/|$)|package\.json$)/.test(e));
  if (unexpected.length)
    fail(`${dir}: app.asar holds files outside out/: ${unexpected.slice(0, 5).join(', ')}`);
  if (entries.some((e) => e.endsWith('.map'))) fail(`${dir}: app.asar contains source maps`);
  if (existsSync(join(appDir, 'resources', 'app'))) fail(`${dir}: unpacked resources/app folder present`);

  const executable = join(appDir, EXECUTABLE);
  if (!existsSync(executable)) {
    fail(`${dir}: executable ${EXECUTABLE} missing`);
    continue;
  }
  const wire = await getCurrentFuseWire(executable);
  for (const [name, enabled] of Object.entries(EXPECTED_FUSES)) {
    const state = wire[FuseV1Options[name]];
    const expected = enabled ? 49 : 48; // ASCII '1' / '0'
    if (state !== expected)
      fail(`${dir}: fuse ${name} is ${String.fromCharCode(state)}, expected ${enabled ? 1 : 0}`);
  }
  console.log(`${dir}: ${entries.length} entries in app.asar, fuses checked`);
}

if (!process.env.KEEP_PACKAGE_TMP) rmSync(tmp, { recursive: true, force: true });
else console.log(`kept ${tmp}`);
finish();

function finish() {
  if (failures.length) {
    for (const f of failures) console.error(`✗ ${f}`);
    console.error(`✗ package check failed (${failures.length} problem${failures.length > 1 ? 's' : ''})`);
    process.exit(1);
  }
  console.log(
    '✓ package check passed: no inline script in index.html; app.asar holds out/main, out/preload, out/renderer and no node_modules; fuses set',
  );
  process.exit(0);
}
