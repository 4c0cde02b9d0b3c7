/**
 * The renderer's Content Security Policy. Pure so that the Electron session hook, the dev-server
 * HTML transform in electron.vite.config.ts and the tests all read the same policy.
 */
const PRODUCTION_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  // Mantine injects <style> elements at run time; inline styles cannot run code.
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self' data:"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['frame-ancestors', "'none'"],
  ['form-action', "'none'"],
];

export type CspMode = 'production' | 'development';

/**
 * In development the Vite dev server injects React Fast Refresh's preamble as an inline module
 * script and talks to the page over a WebSocket; without these two allowances `npm start` shows
 * a blank window. Neither is ever part of a packaged build, and eval stays forbidden in both.
 */
const DEVELOPMENT_EXTRAS: Readonly<Record<string, string>> = {
  'script-src': "'unsafe-inline'",
  'connect-src': 'ws: wss:',
};

export function contentSecurityPolicy(mode: CspMode = 'production'): string {
  return PRODUCTION_DIRECTIVES.map(([name, sources]) => {
    const extra = mode === 'development' ? DEVELOPMENT_EXTRAS[name] : undefined;
    return `${name} ${extra ? `${sources} ${extra}` : sources}`;
  }).join('; ');
}
