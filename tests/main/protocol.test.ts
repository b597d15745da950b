import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, mimeTypeFor, resolveAppPath } from '../../electron/main/protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security';

let root: string;
let outside: string;
beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'ledger-protocol-'));
  root = join(base, 'out', 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>招商台账</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'style.css'), 'body{}');
  outside = join(base, 'secret.txt');
  writeFileSync(outside, 'secret');
});
afterAll(() => {
  rmSync(join(root, '..', '..'), { recursive: true, force: true });
});

describe('resolveAppPath', () => {
  it('serves index.html for the root', () => {
    expect(resolveAppPath(root, 'app://ledger/')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://ledger')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://ledger/index.html')).toBe(join(root, 'index.html'));
  });

  it('maps nested files and ignores query and hash', () => {
    expect(resolveAppPath(root, 'app://ledger/assets/app.js?v=1#x')).toBe(join(root, 'assets', 'app.js'));
    expect(resolveAppPath(root, 'app://ledger/assets/%E6%8B%9B%E5%95%86.png')).toBe(
      join(root, 'assets', '招商.png'),
    );
  });

  it.each([
    'app://ledger/..%2f..%2fsecret.txt',
    'app://ledger/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://ledger/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://ledger/..%5c..%5csecret.txt',
    'app://ledger/assets\\..\\..\\secret.txt',
    'app://ledger/%2fetc%2fpasswd',
    'app://ledger/C:%5cWindows%5cwin.ini',
    'app://ledger/a%00b',
    'app://ledger/%E0%A4%A',
    'app://evil/index.html',
    'app://ledger.evil/index.html',
    'app://user:pw@ledger/index.html',
    'file:///etc/passwd',
    'https://ledger/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it('keeps literal dot segments inside the root', () => {
    // The URL parser (like Chromium's) folds `/../../etc/passwd` into
    // `/etc/passwd` before the handler sees it, so it can only name a file
    // under the root.
    for (const url of ['app://ledger/../../etc/passwd', 'app://ledger/%2e%2e/%2e%2e/etc/passwd']) {
      expect(resolveAppPath(root, url)).toBe(join(root, 'etc', 'passwd'));
    }
  });
});

describe('traversal, every encoding', () => {
  // Each URL tries to reach secret.txt (one level above out/) or a system
  // file. Whatever the URL parser folds, the handler must never serve a byte
  // from outside the renderer folder.
  const ATTEMPTS = [
    'app://x/../../etc/passwd',
    'app://ledger/../../etc/passwd',
    'app://ledger/../../secret.txt',
    'app://ledger/%2e%2e/%2e%2e/secret.txt',
    'app://ledger/%2E%2E/%2E%2E/secret.txt',
    'app://ledger/.%2e/.%2e/secret.txt',
    'app://ledger/%2e./%2e./secret.txt',
    'app://ledger/..%2f..%2fsecret.txt',
    'app://ledger/..%2F..%2Fsecret.txt',
    'app://ledger/%252e%252e/%252e%252e/secret.txt',
    'app://ledger/%252e%252e%252f%252e%252e%252fsecret.txt',
    'app://ledger/..%255c..%255csecret.txt',
    'app://ledger/..\\..\\secret.txt',
    'app://ledger/..%5c..%5csecret.txt',
    'app://ledger/assets/..\\..\\..\\secret.txt',
    'app://ledger/..%c0%af..%c0%afsecret.txt',
    'app://ledger/%2fetc%2fpasswd',
    'app://ledger//etc/passwd',
    'app://ledger/%00/../secret.txt',
  ];

  it.each(ATTEMPTS)('never leaves the renderer folder for %s', async (url) => {
    const resolved = resolveAppPath(root, url);
    if (resolved !== null) expect(resolved.startsWith(root + sep)).toBe(true);
    const res = await createAppProtocolHandler(root)(new Request(url));
    const body = await res.text();
    expect(body).not.toBe('secret');
    expect(body).not.toMatch(/root:.*:0:0:/);
    expect([200, 403, 404]).toContain(res.status);
  });

  it.each([
    'app://ledger/..%2f..%2fsecret.txt',
    'app://ledger/..%2F..%2Fsecret.txt',
    'app://ledger/..%5c..%5csecret.txt',
    'app://ledger/..\\..\\secret.txt',
    'app://ledger/assets/..\\..\\..\\secret.txt',
    'app://ledger/..%c0%af..%c0%afsecret.txt',
    'app://ledger/%2fetc%2fpasswd',
  ])('refuses %s outright (encoded separator, backslash or bad UTF-8)', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });
});

describe('protocol handler', () => {
  const handler = () => createAppProtocolHandler(root);

  it('serves index.html with the CSP header and the right MIME type', async () => {
    const res = await handler()(new Request('app://ledger/'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('招商台账');
  });

  it('serves scripts and styles with their MIME types', async () => {
    const js = await handler()(new Request('app://ledger/assets/app.js'));
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    const css = await handler()(new Request('app://ledger/assets/style.css'));
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(mimeTypeFor('x.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('x.unknown')).toBe('application/octet-stream');
  });

  it('answers 403 for traversal and other hosts, 404 for missing files', async () => {
    expect((await handler()(new Request('app://ledger/%2e%2e%2fsecret.txt'))).status).toBe(403);
    expect((await handler()(new Request('app://ledger/..%5csecret.txt'))).status).toBe(403);
    expect((await handler()(new Request('app://other/index.html'))).status).toBe(403);
    expect((await handler()(new Request('app://ledger/assets/missing.js'))).status).toBe(404);
    const passwd = await handler()(new Request('app://ledger/../../etc/passwd'));
    expect(passwd.status).toBe(200); // index.html fallback, never the real file
    expect(await passwd.text()).toContain('<title>招商台账</title>');
  });

  it('falls back to index.html for client-side routes', async () => {
    const res = await handler()(new Request('app://ledger/deals/123'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('refuses writes', async () => {
    expect(
      (await handler()(new Request('app://ledger/index.html', { method: 'POST', body: 'x' }))).status,
    ).toBe(405);
  });
});

describe('CSP', () => {
  const directives = Object.fromEntries(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );

  it('has no unsafe-eval and scripts from self only', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['default-src']).toEqual(["'self'"]);
  });

  it('forbids inline, eval and remote scripts everywhere a script could come from', () => {
    const names = Object.keys(directives);
    expect(names.filter((n) => n.startsWith('script-src'))).toEqual(['script-src']);
    for (const name of ['default-src', 'script-src', 'worker-src']) {
      for (const source of directives[name] ?? []) {
        expect(source, `${name} ${source}`).not.toMatch(
          /unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|strict-dynamic/,
        );
        expect(source, `${name} ${source}`).not.toMatch(/^(\*|https?:|wss?:|data:|filesystem:)|:\/\//);
        expect(source, `${name} ${source}`).not.toMatch(/^'(nonce|sha\d+)-/);
      }
    }
    // Only styles may be inline (antd's CSS-in-JS); nothing else names unsafe-inline.
    const inlineAllowed = names.filter((n) => directives[n]!.includes("'unsafe-inline'"));
    expect(inlineAllowed).toEqual(['style-src']);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
  });

  it('is sent with every response, refusals included', async () => {
    for (const url of ['app://ledger/', 'app://ledger/%2e%2e%2fsecret.txt', 'app://ledger/missing.js']) {
      const res = await createAppProtocolHandler(root)(new Request(url));
      expect(res.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('locks down objects, base, forms, framing and network', () => {
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(directives['form-action']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
  });
});
