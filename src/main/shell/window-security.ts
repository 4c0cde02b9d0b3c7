import type { App, Session, WebContents } from 'electron';
import { isAppPageUrl, type AppPage } from './app-page';

/** Schemes a link in the app may hand to the operating system (mail, the clinic's web pages). */
const EXTERNAL_SCHEMES = new Set(['https:', 'mailto:']);

/** Whether `url` may be opened outside the app, in the user's browser or mail program. */
export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return EXTERNAL_SCHEMES.has(parsed.protocol) && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}

/**
 * A link, a dropped file or an injected script must never replace the app's page with another
 * one (which would inherit the preload bridge) or open a second window. Allowed external links
 * (https, mailto) open in the system's own programs instead, never inside the app.
 */
export function hardenWebContents(
  contents: WebContents,
  page: AppPage,
  openExternal: (url: string) => Promise<void> = () => Promise.resolve(),
): void {
  contents.on('will-navigate', (event) => {
    if (!isAppPageUrl(event.url, page)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppPageUrl(event.url, page)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void openExternal(url).catch(() => undefined);
    return { action: 'deny' };
  });
}

/**
 * The same guard for every webContents the app ever creates, not only the main window's: the
 * hidden window that prints reports to PDF has no preload, but a `<meta http-equiv="refresh">`
 * in a report would otherwise navigate it wherever it points. Registered before any window.
 */
export function guardEveryWebContents(
  app: Pick<App, 'on'>,
  page: AppPage,
  openExternal: (url: string) => Promise<void> = () => Promise.resolve(),
): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, page, openExternal));
}

/**
 * A front-desk app needs no camera, microphone, location or notifications from web content
 * (desktop notifications come from main), so every permission is refused without asking.
 */
export function hardenSession(session: Session, csp: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders, csp) });
  });
}

/** Replaces any policy the server sent (whatever its header case) with ours. */
export function withCsp(
  headers: Record<string, string[]> | undefined,
  csp: string,
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [csp];
  return result;
}
