#!/usr/bin/env node
/**
 * `npm run web`: builds the renderer for production and serves it on
 * http://127.0.0.1:5178/ (the browser edition). `npm run dev:web` serves the
 * sources with hot reload instead, on React's slower development build.
 */
import { spawn, spawnSync } from 'node:child_process';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
// A parent tool may have set NODE_ENV=development, and Vite's build keeps it.
const env = { ...process.env, NODE_ENV: 'production' };
const build = spawnSync(npx, ['vite', 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn'], {
  stdio: 'inherit',
  env,
});
if (build.status !== 0) process.exit(build.status ?? 1);
const child = spawn(npx, ['vite', 'preview', '--config', 'vite.web.config.ts'], { stdio: 'inherit', env });
child.on('exit', (code) => process.exit(code ?? 0));
