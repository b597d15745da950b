#!/usr/bin/env node
/**
 * `npm start`: builds and launches the desktop app. Where the Electron binary
 * could not be downloaded (no internet at install time), says so and serves
 * the browser edition instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
if (electronBinary()) {
  const build = spawnSync(npx, ['electron-vite', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const child = spawn(npx, ['electron-vite', 'preview', '--skipBuild'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    '未找到 Electron 程序（安装时无法下载，例如没有网络），改为在浏览器中提供同一应用：http://127.0.0.1:5178/',
  );
  const child = spawn(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), 'serve-web.mjs')], {
    stdio: 'inherit',
  });
  child.on('exit', (code) => process.exit(code ?? 0));
}
