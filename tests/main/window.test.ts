import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
import { describe, expect, it, vi } from 'vitest';

import {
  createMainWindow,
  createWindowStateStore,
  DEFAULT_WINDOW_SIZE,
  parseWindowState,
  restoreBounds,
  secureWebPreferences,
  type MainWindowDeps,
  type WindowState,
} from '../../electron/main/window';

// Hoisted above the imports; electron-store reads electron's default export.
vi.mock('electron', () => ({ default: {}, app: { getPath: () => '/nonexistent' } }));

class FakeWindow extends EventEmitter {
  static created: FakeWindow[] = [];
  loaded: string | undefined;
  shown = false;
  maximized = false;
  bounds: Rectangle = { x: 10, y: 20, width: 1100, height: 700 };
  constructor(public options: BrowserWindowConstructorOptions) {
    super();
    FakeWindow.created.push(this);
  }
  loadURL(url: string) {
    this.loaded = url;
    return Promise.resolve();
  }
  show() {
    this.shown = true;
  }
  maximize() {
    this.maximized = true;
  }
  isMaximized() {
    return this.maximized;
  }
  isDestroyed() {
    return false;
  }
  getNormalBounds() {
    return this.bounds;
  }
}

const display = { workArea: { x: 0, y: 0, width: 1920, height: 1080 } };

function open(saved?: WindowState, displays = [display]) {
  const stateStore = { get: vi.fn(() => saved), set: vi.fn() };
  const deps: MainWindowDeps = {
    BrowserWindow: FakeWindow as unknown as MainWindowDeps['BrowserWindow'],
    screen: { getAllDisplays: () => displays as unknown as Electron.Display[] },
    stateStore,
    preloadPath: '/app/out/preload/index.cjs',
    url: 'app://ledger/index.html',
  };
  const win = createMainWindow(deps) as unknown as FakeWindow;
  return { win, stateStore };
}

describe('secure webPreferences', () => {
  it('isolates, sandboxes and disables node, webviews and spellcheck', () => {
    expect(secureWebPreferences('/p/index.cjs')).toMatchObject({
      preload: '/p/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
  });
});

describe('createMainWindow', () => {
  it('creates the window with the secure webPreferences and loads the app origin', () => {
    const { win } = open();
    expect(win.options.webPreferences).toEqual(secureWebPreferences('/app/out/preload/index.cjs'));
    expect(win.options.show).toBe(false);
    expect(win.options.title).toBe('招商台账');
    expect(win.loaded).toBe('app://ledger/index.html');
    expect(win.options).toMatchObject(DEFAULT_WINDOW_SIZE);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });

  it('restores saved bounds on a visible display, maximised if it was', () => {
    const { win } = open({ x: 100, y: 50, width: 1300, height: 900, maximized: true });
    expect(win.options).toMatchObject({ x: 100, y: 50, width: 1300, height: 900 });
    win.emit('ready-to-show');
    expect(win.maximized).toBe(true);
  });

  it('drops a position that is on no connected display but keeps the size', () => {
    const { win } = open({ x: 5000, y: 3000, width: 1300, height: 900, maximized: false });
    expect(win.options.x).toBeUndefined();
    expect(win.options.y).toBeUndefined();
    expect(win.options).toMatchObject({ width: 1300, height: 900 });
  });

  it('saves the normal bounds and maximised state on close', () => {
    const { win, stateStore } = open();
    win.maximized = true;
    win.emit('close');
    expect(stateStore.set).toHaveBeenCalledWith({ x: 10, y: 20, width: 1100, height: 700, maximized: true });
  });
});

describe('window state', () => {
  it('restoreBounds clamps a size larger than every display', () => {
    expect(restoreBounds({ width: 5000, height: 4000, maximized: false }, [display])).toEqual({
      width: 1920,
      height: 1080,
    });
  });

  it('restoreBounds accepts a position on a second display', () => {
    const second = { workArea: { x: 1920, y: 0, width: 1280, height: 1024 } };
    expect(
      restoreBounds({ x: 2000, y: 10, width: 1000, height: 700, maximized: false }, [display, second]),
    ).toEqual({ x: 2000, y: 10, width: 1000, height: 700 });
    // Same bounds once the second display is unplugged.
    expect(restoreBounds({ x: 2000, y: 10, width: 1000, height: 700, maximized: false }, [display])).toEqual({
      width: 1000,
      height: 700,
    });
  });

  it('parseWindowState rejects malformed values', () => {
    expect(parseWindowState(null)).toBeUndefined();
    expect(parseWindowState({ width: 'wide', height: 700 })).toBeUndefined();
    expect(parseWindowState({ width: 10, height: 10 })).toBeUndefined();
    expect(parseWindowState({ width: 1000, height: 700, x: 1.5, y: 2 })).toEqual({
      width: 1000,
      height: 700,
      maximized: false,
    });
  });

  it('persists bounds across restarts in window-state.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-window-'));
    try {
      createWindowStateStore(dir).set({ x: 1, y: 2, width: 1000, height: 700, maximized: true });
      expect(createWindowStateStore(dir).get()).toEqual({
        x: 1,
        y: 2,
        width: 1000,
        height: 700,
        maximized: true,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
