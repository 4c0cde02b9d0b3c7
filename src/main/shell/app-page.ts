import { pathToFileURL } from 'node:url';

/**
 * Where the renderer comes from: the electron-vite dev server while developing, the bundled
 * index.html on disk otherwise. Every trust decision (IPC sender, navigation) compares against
 * this one value, so a page that is not ours can neither call the core nor replace the window.
 */
export type AppPage =
  { kind: 'dev-server'; url: string; origin: string } | { kind: 'file'; url: string; pathname: string };

export function resolveAppPage(options: {
  devServerUrl: string | undefined;
  rendererIndexHtml: string;
}): AppPage {
  if (options.devServerUrl) {
    const url = new URL(options.devServerUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`ELECTRON_RENDERER_URL must be an http(s) URL, got ${url.protocol}`);
    }
    return { kind: 'dev-server', url: url.href, origin: url.origin };
  }
  const url = pathToFileURL(options.rendererIndexHtml);
  return { kind: 'file', url: url.href, pathname: normalisePathname(url.pathname) };
}

/**
 * file: URLs all share the opaque origin "null", so for the packaged app "our origin" means
 * exactly our index.html (any query or #route); any other file on disk is foreign.
 */
export function isAppPageUrl(candidate: string | null | undefined, page: AppPage): boolean {
  if (!candidate) return false;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (page.kind === 'dev-server') return url.origin === page.origin;
  return url.protocol === 'file:' && url.host === '' && normalisePathname(url.pathname) === page.pathname;
}

function normalisePathname(pathname: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
  // Windows drive letters and folder names are case-insensitive; Chromium and Node may disagree
  // on the case they report.
  return /^\/[A-Za-z]:\//.test(decoded) ? decoded.toLowerCase() : decoded;
}
