/**
 * Serves the built browser edition (`out/renderer`) under the server's own
 * origin, for leaders without the app. Only files inside the folder are
 * served; an unknown path that is not under /api/ gets index.html (the app's
 * own routes).
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

async function fileIn(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const full = resolve(root, '.' + normalize('/' + decoded));
  if (full !== root && !full.startsWith(root + sep)) return undefined;
  try {
    const s = await stat(full);
    if (s.isFile()) return full;
    if (s.isDirectory()) {
      const index = join(full, 'index.html');
      if ((await stat(index).catch(() => undefined))?.isFile()) return index;
    }
  } catch {
    // not there
  }
  return undefined;
}

/** Read by the browser edition (renderer/src/main.tsx). */
export const TEAM_SERVER_META = '<meta name="zhaoshang-team-server" content="1" />';

export function staticRoutes(app: FastifyInstance, dir: string): void {
  const root = resolve(dir);
  app.get('/*', { config: { access: 'public' } }, async (request, reply) => {
    if (request.url.startsWith('/api/')) return reply.code(404).send({ error: '没有这个接口' });
    const file = (await fileIn(root, request.url)) ?? (await fileIn(root, '/index.html'));
    if (!file) return reply.code(404).send({ error: '没有找到网页版文件，请先运行 npm run build:web' });
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    let body: Buffer | string = await readFile(file);
    // The page knows it is served by the team server: it signs in to this origin, with no address to type.
    if (file.endsWith(`${sep}index.html`)) {
      body = body.toString('utf8').replace('<head>', `<head>\n    ${TEAM_SERVER_META}`);
    }
    // Hashed asset names never change; index.html must be asked for each time.
    reply.header(
      'cache-control',
      file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    return reply.type(type).send(body);
  });
}
