/**
 * Serves the built renderer from `app://ledger/…`. The renderer's origin must
 * never change (IndexedDB lives under it), so production always loads through
 * this handler instead of file://.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from '../../shared/contract';
import { contentSecurityPolicy } from './security';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 0x20 || s.charCodeAt(i) === 0x7f) return true;
  return false;
}

/**
 * Maps a request URL to a file under `rootDir`, or null when the URL is not
 * ours or tries to leave the folder. Each path segment is decoded on its own
 * and refused if it could mean anything but a plain name, so `%2e%2e`, `%2f`
 * and backslashes cannot smuggle a traversal past the URL parser.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) {
    return null;
  }
  // The raw (still encoded) path, so encoded separators are seen before decoding.
  const rawPath = url.pathname;
  if (rawPath.includes('\\')) return null;
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (
      segment === '.' ||
      segment === '..' ||
      /[\\/:]/.test(segment) ||
      hasControlCharacter(segment) ||
      isAbsolute(segment)
    ) {
      return null;
    }
    segments.push(segment);
  }
  if (segments.length === 0) segments.push('index.html');
  const root = resolve(rootDir);
  const full = resolve(join(root, ...segments));
  const rel = relative(root, full);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) {
    return null;
  }
  return full;
}

function securityHeaders(server: string | null): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(server),
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
}

function textResponse(status: number, body: string): Response {
  return new Response(body, {
    status,
    headers: { ...securityHeaders(null), 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * The `protocol.handle` callback. Paths without an extension that do not
 * exist fall back to index.html so a reload on a client-side route still
 * opens the app; anything else missing is a 404.
 */
/**
 * `server` gives the configured team server's origin, read for each page
 * load: the CSP allows it in connect-src (a changed address takes effect when
 * the page reloads).
 */
export function createAppProtocolHandler(
  rootDir: string,
  server: () => string | null = () => null,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return textResponse(405, 'Method Not Allowed');
    }
    let filePath = resolveAppPath(rootDir, request.url);
    if (!filePath) return textResponse(403, 'Forbidden');
    if (!(await isFile(filePath))) {
      if (extname(filePath) !== '') return textResponse(404, 'Not Found');
      filePath = join(resolve(rootDir), 'index.html');
      if (!(await isFile(filePath))) return textResponse(404, 'Not Found');
    }
    try {
      const body = await readFile(filePath);
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
        status: 200,
        headers: {
          ...securityHeaders(server()),
          'Content-Type': mimeTypeFor(filePath),
          'Content-Length': String(body.byteLength),
        },
      });
    } catch {
      return textResponse(404, 'Not Found');
    }
  };
}
