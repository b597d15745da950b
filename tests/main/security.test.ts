import { EventEmitter } from 'node:events';
import type { App, Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  APP_ORIGIN,
  appOrigins,
  configuredServerOrigin,
  CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  guardWebContents,
  installPermissionHandlers,
  installSecurityGuards,
  isAllowedExternalUrl,
  isRequestAllowed,
} from '../../electron/main/security';

type OpenHandler = (details: { url: string }) => { action: string };

class FakeContents extends EventEmitter {
  openHandler: OpenHandler | undefined;
  setWindowOpenHandler(handler: OpenHandler) {
    this.openHandler = handler;
  }
  getURL() {
    return 'app://ledger/index.html';
  }
  /** Emits a navigation event the way Electron 45 does and reports whether it was prevented. */
  navigate(event: 'will-navigate' | 'will-redirect', url: string): boolean {
    let prevented = false;
    this.emit(event, { url, preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

const origins = appOrigins();

function guarded(openExternal?: (url: string) => unknown) {
  const contents = new FakeContents();
  guardWebContents(contents as unknown as WebContents, origins, openExternal);
  return contents;
}

describe('navigation guard', () => {
  it('prevents navigation and redirects away from the app origin', () => {
    const contents = guarded();
    for (const url of [
      'https://example.com/',
      'http://localhost:5173/',
      'file:///etc/passwd',
      'app://evil/index.html',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
    ]) {
      expect(contents.navigate('will-navigate', url)).toBe(true);
      expect(contents.navigate('will-redirect', url)).toBe(true);
    }
  });

  it('lets the app navigate within its own origin', () => {
    const contents = guarded();
    expect(contents.navigate('will-navigate', 'app://ledger/index.html')).toBe(false);
    expect(contents.navigate('will-navigate', 'app://ledger/deals')).toBe(false);
  });

  it('allows the dev server origin only when one is configured', () => {
    const dev = appOrigins('http://localhost:5173/');
    expect(dev).toEqual([APP_ORIGIN, 'http://localhost:5173']);
    const contents = new FakeContents();
    guardWebContents(contents as unknown as WebContents, dev);
    expect(contents.navigate('will-navigate', 'http://localhost:5173/#/deals')).toBe(false);
    expect(contents.navigate('will-navigate', 'http://localhost:5174/')).toBe(true);
  });

  it('refuses webviews', () => {
    const contents = guarded();
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, {});
    expect(prevented).toBe(true);
  });
});

describe('window open', () => {
  it('denies every new window', () => {
    const contents = guarded();
    expect(contents.openHandler?.({ url: 'app://ledger/index.html' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('hands only allow-listed links to the system browser', () => {
    const openExternal = vi.fn();
    const contents = guarded(openExternal);
    contents.openHandler?.({ url: 'https://www.gov.cn/zhengce/' });
    contents.openHandler?.({ url: 'https://example.com/' });
    contents.openHandler?.({ url: 'http://www.gov.cn/' });
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledWith('https://www.gov.cn/zhengce/');
  });

  it('allow-lists https gov.cn pages only', () => {
    expect(isAllowedExternalUrl('https://www.gov.cn/')).toBe(true);
    expect(isAllowedExternalUrl('https://sc.gov.cn/x')).toBe(true);
    expect(isAllowedExternalUrl('http://www.gov.cn/')).toBe(false);
    expect(isAllowedExternalUrl('https://gov.cn.evil.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://evilgov.cn/')).toBe(false);
    expect(isAllowedExternalUrl('https://user@www.gov.cn/')).toBe(false);
    expect(isAllowedExternalUrl('https://www.gov.cn:8443/')).toBe(false);
    expect(isAllowedExternalUrl('file:///C:/Windows/System32/calc.exe')).toBe(false);
    expect(isAllowedExternalUrl('smb://host/share')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
  });
});

describe('web-contents-created hook', () => {
  it('guards every WebContents the app creates', () => {
    const app = new EventEmitter();
    installSecurityGuards(app as unknown as App, origins);
    const contents = new FakeContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.navigate('will-navigate', 'https://example.com/')).toBe(true);
    expect(contents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });
});

describe('permissions', () => {
  function install() {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    };
    installPermissionHandlers(session as unknown as Session);
    const request = session.setPermissionRequestHandler.mock.calls[0]![0] as (
      wc: unknown,
      permission: string,
      cb: (granted: boolean) => void,
      details: { requestingUrl?: string },
    ) => void;
    const check = session.setPermissionCheckHandler.mock.calls[0]![0] as (
      wc: unknown,
      permission: string,
      origin: string,
    ) => boolean;
    const device = session.setDevicePermissionHandler.mock.calls[0]![0] as () => boolean;
    return { request, check, device };
  }
  const contents = new FakeContents();

  it('denies every permission request', () => {
    const { request } = install();
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'fullscreen',
      'unknown',
    ]) {
      const cb = vi.fn();
      request(contents, permission, cb, { requestingUrl: 'app://ledger/index.html' });
      expect(cb).toHaveBeenCalledWith(false);
    }
  });

  it('denies every permission check and device access', () => {
    const { check, device } = install();
    for (const permission of ['media', 'geolocation', 'notifications', 'hid', 'serial', 'usb']) {
      expect(check(contents, permission, 'app://ledger')).toBe(false);
    }
    expect(device()).toBe(false);
  });

  it('grants persistent storage to the app origin only (SPEC §7)', () => {
    const { request, check } = install();
    const granted = vi.fn();
    request(contents, 'persistent-storage', granted, { requestingUrl: 'app://ledger/index.html' });
    expect(granted).toHaveBeenCalledWith(true);
    const refused = vi.fn();
    request(contents, 'persistent-storage', refused, { requestingUrl: 'https://example.com/' });
    expect(refused).toHaveBeenCalledWith(false);
    expect(check(contents, 'persistent-storage', 'https://example.com')).toBe(false);
  });
});

describe('network requests', () => {
  it('allows only the app origin and in-memory URLs', () => {
    expect(isRequestAllowed('app://ledger/assets/app.js', origins)).toBe(true);
    expect(isRequestAllowed('data:image/png;base64,AAAA', origins)).toBe(true);
    expect(isRequestAllowed('blob:app://ledger/1234', origins)).toBe(true);
    expect(isRequestAllowed('https://example.com/', origins)).toBe(false);
    expect(isRequestAllowed('http://localhost:5173/', origins)).toBe(false);
    expect(isRequestAllowed('ws://localhost:5173/', origins)).toBe(false);
    expect(isRequestAllowed('file:///etc/passwd', origins)).toBe(false);
  });

  it('allows the dev server and its HMR socket in development', () => {
    const dev = appOrigins('http://localhost:5173');
    expect(isRequestAllowed('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isRequestAllowed('ws://localhost:5173/', dev)).toBe(true);
    expect(isRequestAllowed('ws://localhost:9999/', dev)).toBe(false);
  });
});

describe('the team server origin (SPEC §11)', () => {
  const origins = appOrigins();
  const server = 'http://192.168.1.10:8787';

  it('is allowed exactly, with its port and scheme, and nothing else', () => {
    expect(isRequestAllowed('http://192.168.1.10:8787/api/sync/pull?since=0', origins, server)).toBe(true);
    expect(isRequestAllowed('http://192.168.1.10:8788/api/health', origins, server)).toBe(false);
    expect(isRequestAllowed('http://192.168.1.10/api/health', origins, server)).toBe(false);
    expect(isRequestAllowed('https://192.168.1.10:8787/api/health', origins, server)).toBe(false);
    expect(isRequestAllowed('ws://192.168.1.10:8787/', origins, server)).toBe(false);
    expect(isRequestAllowed('https://example.com/', origins, server)).toBe(false);
  });

  it('refuses look-alike hosts and https when http was configured, or the reverse', () => {
    const tls = 'https://ledger.example.gov.cn';
    expect(isRequestAllowed('https://ledger.example.gov.cn/api/health', origins, tls)).toBe(true);
    expect(isRequestAllowed('https://ledger.example.gov.cn:443/api/health', origins, tls)).toBe(true);
    expect(isRequestAllowed('http://ledger.example.gov.cn/api/health', origins, tls)).toBe(false);
    expect(isRequestAllowed('https://ledger.example.gov.cn.evil.com/', origins, tls)).toBe(false);
    expect(isRequestAllowed('https://evil-ledger.example.gov.cn/', origins, tls)).toBe(false);
    expect(isRequestAllowed('https://ledger.example.gov.cn@evil.com/', origins, tls)).toBe(false);
  });

  it('a damaged setting allows nothing more', () => {
    for (const bad of [
      'http://a.b/path',
      '*',
      'http://*',
      "http://a.b 'unsafe-eval'",
      'javascript:alert(1)',
    ]) {
      expect(configuredServerOrigin(bad)).toBeNull();
      expect(contentSecurityPolicy(bad)).toBe(CONTENT_SECURITY_POLICY);
      expect(isRequestAllowed('http://a.b/', origins, bad)).toBe(false);
    }
  });

  it('the CSP adds exactly that origin to connect-src, and nothing without a server', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self';");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
    const csp = contentSecurityPolicy(server);
    const directives = csp.split('; ');
    expect(directives.filter((d) => d.includes(server))).toEqual([`connect-src 'self' ${server}`]);
    expect(csp.replace(` ${server}`, '')).toBe(CONTENT_SECURITY_POLICY);
  });
});
