/**
 * The main window: secure webPreferences and remembered bounds. Bounds live
 * in their own small store (`window-state.json`) beside settings.json so the
 * Settings shape shared with the browser edition stays free of them.
 */
import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Rectangle,
  Screen,
  WebPreferences,
} from 'electron';
import Store from 'electron-store';
import { PRODUCT_NAME } from '../../shared/contract';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface WindowStateStore {
  get(): WindowState | undefined;
  set(state: WindowState): void;
}

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 800 };
const MIN_SIZE = { width: 960, height: 600 };

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** Accepts only a well-formed state; anything else means "use the defaults". */
export function parseWindowState(value: unknown): WindowState | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (!isInt(v.width) || !isInt(v.height) || v.width < 200 || v.height < 200) return undefined;
  if (v.width > 20000 || v.height > 20000) return undefined;
  const state: WindowState = { width: v.width, height: v.height, maximized: v.maximized === true };
  if (isInt(v.x) && isInt(v.y)) {
    state.x = v.x;
    state.y = v.y;
  }
  return state;
}

export function createWindowStateStore(cwd?: string): WindowStateStore {
  const store = new Store<Record<string, unknown>>({
    name: 'window-state',
    ...(cwd ? { cwd } : {}),
    clearInvalidConfig: true,
  });
  return {
    get: () => {
      try {
        return parseWindowState(store.get('bounds'));
      } catch {
        return undefined;
      }
    },
    set: (state) => store.set('bounds', state),
  };
}

function overlapArea(a: Rectangle, b: Rectangle): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The bounds to open with. A saved position is used only when the window's
 * title-bar area would land on a connected display; otherwise the saved size
 * is kept (clamped to the primary work area) and the OS places the window.
 */
export function restoreBounds(
  saved: WindowState | undefined,
  displays: { workArea: Rectangle }[],
): Partial<Rectangle> & { width: number; height: number } {
  if (!saved) return { ...DEFAULT_WINDOW_SIZE };
  const size = { width: saved.width, height: saved.height };
  if (displays.length > 0) {
    const widest = Math.max(...displays.map((d) => d.workArea.width));
    const tallest = Math.max(...displays.map((d) => d.workArea.height));
    size.width = Math.min(size.width, widest);
    size.height = Math.min(size.height, tallest);
  }
  if (saved.x === undefined || saved.y === undefined) return size;
  const titleBar: Rectangle = { x: saved.x, y: saved.y, width: size.width, height: 40 };
  // At least a 100 × 20 px grip of the title bar must be on one display.
  const needed = Math.min(titleBar.width, 100) * 20;
  const visible = displays.some((d) => overlapArea(titleBar, d.workArea) >= needed);
  return visible ? { x: saved.x, y: saved.y, ...size } : size;
}

export interface MainWindowDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  screen: Pick<Screen, 'getAllDisplays'>;
  stateStore: WindowStateStore;
  preloadPath: string;
  url: string;
  icon?: string;
}

export function createMainWindow(deps: MainWindowDeps): BrowserWindow {
  const saved = deps.stateStore.get();
  const bounds = restoreBounds(saved, deps.screen.getAllDisplays());
  const win = new deps.BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: PRODUCT_NAME,
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: false,
    ...(deps.icon ? { icon: deps.icon } : {}),
    webPreferences: secureWebPreferences(deps.preloadPath),
  });

  win.once('ready-to-show', () => {
    if (saved?.maximized) win.maximize();
    win.show();
  });

  const save = () => {
    if (win.isDestroyed()) return;
    const normal = win.getNormalBounds();
    deps.stateStore.set({
      x: normal.x,
      y: normal.y,
      width: normal.width,
      height: normal.height,
      maximized: win.isMaximized(),
    });
  };
  win.on('close', save);

  void win.loadURL(deps.url);
  return win;
}
