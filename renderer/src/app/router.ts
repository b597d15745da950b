import { useSyncExternalStore } from 'react';

/** Hash routes: `#/deals`, `#/deals/<id>`. Hash routing keeps the app:// origin's single index.html. */
export interface Route {
  section: string;
  id?: string;
}

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  return { section: parts[0] ?? 'overview', id: parts[1] ? decodeURIComponent(parts[1]) : undefined };
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}

/** The hash of a page: `#/deals`, `#/deals/<id>` (a link's href, or where `navigate` goes). */
export function routeHref(section: string, id?: string): string {
  return id ? `#/${section}/${encodeURIComponent(id)}` : `#/${section}`;
}

export function navigate(section: string, id?: string): void {
  window.location.hash = routeHref(section, id);
}
