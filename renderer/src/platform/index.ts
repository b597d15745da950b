import { createBrowserPlatform } from './browser';
import { createDesktopPlatform } from './desktop';
import type { Platform } from './types';

export type { Platform } from './types';

/** The desktop bridge when the preload exposed one, else the browser edition. */
export function detectPlatform(): Platform {
  return window.desktop ? createDesktopPlatform(window.desktop) : createBrowserPlatform();
}
