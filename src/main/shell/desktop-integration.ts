import { BrowserWindow, shell } from 'electron';
import type { DesktopIntegration } from '../core';

/**
 * What the core asks of the desktop: show a file in the file manager, and turn a report's HTML
 * into a PDF with Chromium's printer. The report is loaded into a hidden window with JavaScript
 * off and no preload, as a data: URL, so it can neither run code nor reach IPC.
 */
export function createDesktopIntegration(): DesktopIntegration {
  return {
    showItemInFolder: (path) => shell.showItemInFolder(path),
    htmlToPdf: async (html) => {
      const window = new BrowserWindow({
        show: false,
        webPreferences: {
          javascript: false,
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          webSecurity: true,
          webviewTag: false,
          disableBlinkFeatures: 'Auxclick',
        },
      });
      try {
        await window.loadURL(
          `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`,
        );
        return await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
      } finally {
        window.destroy();
      }
    },
  };
}
