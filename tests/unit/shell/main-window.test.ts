import type { BrowserWindowConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveAppPage } from '../../../src/main/shell/app-page';

type Handler = (...args: unknown[]) => unknown;

const electron = vi.hoisted(() => {
  class FakeBrowserWindow {
    static created: FakeBrowserWindow[] = [];
    readonly loaded: string[] = [];
    readonly onceHandlers = new Map<string, Handler>();
    readonly webContentsHandlers = new Map<string, Handler>();
    windowOpenHandler: Handler | undefined;
    shown = false;
    maximized = false;
    maximize() {
      this.maximized = true;
    }
    readonly webContents = {
      on: (event: string, handler: Handler) => this.webContentsHandlers.set(event, handler),
      setWindowOpenHandler: (handler: Handler) => {
        this.windowOpenHandler = handler;
      },
    };
    constructor(readonly options: BrowserWindowConstructorOptions) {
      FakeBrowserWindow.created.push(this);
    }
    once(event: string, handler: Handler) {
      this.onceHandlers.set(event, handler);
    }
    show() {
      this.shown = true;
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
  }
  return { FakeBrowserWindow };
});

vi.mock('electron', () => ({
  BrowserWindow: electron.FakeBrowserWindow,
  shell: { openExternal: vi.fn(() => Promise.resolve()) },
}));

const { createMainWindow } = await import('../../../src/main/shell/main-window');

describe('createMainWindow', () => {
  const page = resolveAppPage({ devServerUrl: undefined, rendererIndexHtml: '/app/out/renderer/index.html' });

  beforeEach(() => {
    electron.FakeBrowserWindow.created.length = 0;
  });

  it('creates one locked-down window on the app page', () => {
    createMainWindow({
      page,
      preloadPath: '/app/out/preload/index.cjs',
      iconPath: '/app/resources/icon.png',
      onLoadFailed: vi.fn(),
      devTools: false,
    });

    expect(electron.FakeBrowserWindow.created).toHaveLength(1);
    const window = electron.FakeBrowserWindow.created[0];
    expect(window?.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
    expect(window?.loaded).toEqual(['file:///app/out/renderer/index.html']);
  });

  it('installs the navigation and window-open guards before loading', () => {
    createMainWindow({
      page,
      preloadPath: '/p.cjs',
      iconPath: '/i.png',
      onLoadFailed: vi.fn(),
      devTools: false,
    });
    const window = electron.FakeBrowserWindow.created[0];
    expect([...(window?.webContentsHandlers.keys() ?? [])]).toEqual(
      expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']),
    );
    expect(window?.windowOpenHandler?.({ url: 'https://example.org' })).toEqual({ action: 'deny' });

    const preventDefault = vi.fn();
    window?.webContentsHandlers.get('will-navigate')?.({ url: 'https://evil.example/', preventDefault });
    expect(preventDefault).toHaveBeenCalled();
  });

  it('shows the window once it has painted', () => {
    createMainWindow({
      page,
      preloadPath: '/p.cjs',
      iconPath: '/i.png',
      onLoadFailed: vi.fn(),
      devTools: false,
    });
    const window = electron.FakeBrowserWindow.created[0];
    expect(window?.shown).toBe(false);
    window?.onceHandlers.get('ready-to-show')?.();
    expect(window?.shown).toBe(true);
  });

  it('opens where it was last time on this PC, maximised if it was', () => {
    createMainWindow({
      page,
      preloadPath: '/p.cjs',
      iconPath: '/i.png',
      onLoadFailed: vi.fn(),
      devTools: true,
      bounds: { x: 1930, y: 40, width: 1400, height: 900 },
      maximized: true,
    });
    const window = electron.FakeBrowserWindow.created[0];
    expect(window?.options).toMatchObject({ x: 1930, y: 40, width: 1400, height: 900 });
    expect(window?.options.webPreferences?.devTools).toBe(true);
    window?.onceHandlers.get('ready-to-show')?.();
    expect(window?.maximized).toBe(true);
  });
});
