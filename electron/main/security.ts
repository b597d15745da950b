/**
 * Every security default of the shell in one place: the CSP, navigation and
 * window-open guards, permission handlers and the external-link allow-list.
 */
import type { App, Session, WebContents } from 'electron';
import { APP_HOST, APP_SCHEME } from '../../shared/contract';
import { serverOrigin } from '../../shared/sync/origin';

export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The team server's origin as settings keep it, or null: anything that is not
 * exactly a canonical http(s) origin (scheme://host[:port]) counts as no
 * server, so a damaged setting can never widen the CSP or the filter.
 */
export function configuredServerOrigin(value: string | null | undefined): string | null {
  if (!value) return null;
  const r = serverOrigin(value);
  return r.ok && r.value === value ? value : null;
}

/**
 * 'unsafe-inline' for styles only: antd's CSS-in-JS injects <style> tags at
 * run time. Scripts stay 'self' with no eval. `connect-src` adds exactly the
 * configured team server's origin (SPEC §11), and nothing without one.
 */
export function contentSecurityPolicy(server: string | null = null): string {
  const origin = configuredServerOrigin(server);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    origin ? `connect-src 'self' ${origin}` : "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The policy without a team server. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy(null);

/**
 * `scheme://host[:port]` of a URL. URL.origin is "null" for non-special
 * schemes in Node, so it is built by hand.
 */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (!u.host) return null;
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

/** Origins the app's own pages may come from: app://ledger, plus the dev server in development. */
export function appOrigins(devServerUrl?: string): string[] {
  const origins = [APP_ORIGIN];
  const dev = devServerUrl ? originOf(devServerUrl) : null;
  if (dev) origins.push(dev);
  return origins;
}

export function isAppUrl(url: string, allowedOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && allowedOrigins.includes(origin);
}

/**
 * Links the app may hand to the system browser: https pages on gov.cn only
 * (policy documents). Everything else is dropped silently.
 */
export function isAllowedExternalUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username || u.password || u.port) return false;
  const host = u.hostname.toLowerCase();
  return host === 'gov.cn' || host.endsWith('.gov.cn');
}

/** Permissions the app's own origin may be granted; everything else is denied. */
const GRANTED_TO_APP = new Set<string>([
  // SPEC §7: IndexedDB must not be evicted under storage pressure.
  'persistent-storage',
]);

export function isPermissionAllowed(permission: string, requestingUrl: string): boolean {
  return GRANTED_TO_APP.has(permission) && originOf(requestingUrl) === APP_ORIGIN;
}

type OpenExternal = (url: string) => unknown;

/** Guards one WebContents: no navigation away, no new windows, no webviews. */
export function guardWebContents(
  contents: WebContents,
  allowedOrigins: readonly string[],
  openExternal?: OpenExternal,
): void {
  const preventUnlessApp = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url, allowedOrigins)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => preventUnlessApp(event, event.url));
  contents.on('will-redirect', (event) => preventUnlessApp(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (openExternal && isAllowedExternalUrl(url)) void openExternal(url);
    return { action: 'deny' };
  });
}

/** Denies every permission request and check except the few in GRANTED_TO_APP. */
export function installPermissionHandlers(session: Session): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl ?? contents.getURL()));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
  session.setDevicePermissionHandler(() => false);
}

const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'devtools:', 'chrome-extension:', 'chrome:']);

/**
 * SPEC §6: the app makes no network request, ever, except to the team server
 * the user configured (SPEC §11). Anything that is not the app's own origin
 * (or the dev server and its HMR socket in development), that server's exact
 * origin, or an in-memory URL is refused.
 */
export function isRequestAllowed(
  url: string,
  allowedOrigins: readonly string[],
  server: string | null = null,
): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (LOCAL_SCHEMES.has(u.protocol)) return true;
  const origin = `${u.protocol}//${u.host}`;
  if (allowedOrigins.includes(origin)) return true;
  const team = configuredServerOrigin(server);
  if (team && (u.protocol === 'http:' || u.protocol === 'https:') && origin === team) return true;
  // Vite's HMR socket lives on the dev server's host.
  return (
    (u.protocol === 'ws:' || u.protocol === 'wss:') &&
    allowedOrigins.some((o) => o.startsWith('http') && originOf(o)?.split('//')[1] === u.host)
  );
}

/** `server` is read on every request, so signing in to a server takes effect at once. */
export function blockExternalRequests(
  session: Session,
  allowedOrigins: readonly string[],
  server: () => string | null = () => null,
): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isRequestAllowed(details.url, allowedOrigins, server()) });
  });
}

/**
 * Applies the guards to every WebContents ever created (windows, devtools
 * excluded only by their own origin checks), and the permission handlers to
 * the default session. Call before the first window exists.
 */
export function installSecurityGuards(
  app: Pick<App, 'on'>,
  allowedOrigins: readonly string[],
  openExternal?: OpenExternal,
): void {
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, allowedOrigins, openExternal);
  });
}
