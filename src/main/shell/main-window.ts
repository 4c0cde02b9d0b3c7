import { BrowserWindow, shell, type Rectangle } from 'electron';
import type { AppPage } from './app-page';
import { hardenWebContents } from './window-security';

export interface MainWindowOptions {
  page: AppPage;
  preloadPath: string;
  iconPath: string;
  onLoadFailed: (error: unknown) => void;
  /** False in the packaged app: DevTools would let anyone at the desk script the signed-in session. */
  devTools: boolean;
  /** Where the window was last time on this PC (window-state.ts); centred default size if absent. */
  bounds?: Rectangle | undefined;
  maximized?: boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: options.bounds?.width ?? 1280,
    height: options.bounds?.height ?? 820,
    ...(options.bounds ? { x: options.bounds.x, y: options.bounds.y } : {}),
    minWidth: 960,
    minHeight: 600,
    title: 'Clinic Desk',
    icon: options.iconPath,
    autoHideMenuBar: true,
    // Shown once painted, so staff never see a white flash on a slow front-desk PC.
    show: false,
    // Written out here, not built by a helper, so Electronegativity's static checks can see it:
    // the renderer gets no Node, no Electron and no way out of its sandbox; all it may do goes
    // through the preload's `window.clinicDesk`, which only speaks the contract.
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Middle-click would otherwise open links in a new window (Electronegativity AUXCLICK).
      disableBlinkFeatures: 'Auxclick',
      devTools: options.devTools,
    },
  });
  hardenWebContents(window.webContents, options.page, (url) => shell.openExternal(url));
  window.once('ready-to-show', () => {
    if (options.maximized) window.maximize();
    window.show();
  });
  window.loadURL(options.page.url).catch(options.onLoadFailed);
  return window;
}

/** Brings the window to the front, from the tray, a notification or a second launch. */
export function revealWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
