import { BrowserWindow } from 'electron';
import type { AppPage } from './app-page';
import { hardenWebContents, secureWebPreferences } from './window-security';

export interface MainWindowOptions {
  page: AppPage;
  preloadPath: string;
  iconPath: string;
  onLoadFailed: (error: unknown) => void;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    title: 'Clinic Desk',
    icon: options.iconPath,
    autoHideMenuBar: true,
    // Shown once painted, so staff never see a white flash on a slow front-desk PC.
    show: false,
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  hardenWebContents(window.webContents, options.page);
  window.once('ready-to-show', () => window.show());
  window.loadURL(options.page.url).catch(options.onLoadFailed);
  return window;
}

/** Brings the window to the front, from the tray, a notification or a second launch. */
export function revealWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
