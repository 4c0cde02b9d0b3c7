import type { Session, WebContents } from 'electron';
import { isAppPageUrl, type AppPage } from './app-page';

/**
 * A link, a dropped file or an injected script must never replace the app's page with another
 * one (which would inherit the preload bridge) or open a second window.
 */
export function hardenWebContents(contents: WebContents, page: AppPage): void {
  contents.on('will-navigate', (event) => {
    if (!isAppPageUrl(event.url, page)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppPageUrl(event.url, page)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
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
