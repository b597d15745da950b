/**
 * Builds the renderer once and serves it from a fixed 127.0.0.1 port, so every
 * test profile sees the same origin (IndexedDB is per origin).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startStaticServer } from '../support/static-server';
import { E2E_PORT } from './port';

export default async function setup() {
  const root = resolve(import.meta.dirname, '../..');
  const outDir = resolve(root, 'out/renderer');
  if (!process.env.E2E_SKIP_BUILD || !existsSync(resolve(outDir, 'index.html'))) {
    execFileSync('npx', ['vite', 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
      // Vitest sets NODE_ENV=test and the build would keep it: test what ships.
      env: { ...process.env, NODE_ENV: 'production' },
    });
  }
  const server = await startStaticServer(outDir, E2E_PORT);
  return () => server.close();
}
