/**
 * How every test starts Debian's Chromium: the e2e tests (tests/e2e/support/browser.ts) and the
 * desktop stand-in's windows (tests/desktop/support/electron-stand-in/electron.mjs). Plain
 * JavaScript so that the stand-in, which runs under bare Node, can import it too.
 */

/** Debian's Chromium unless CHROMIUM_PATH names another. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Quiet and offline: no sandbox (containers), no GPU, no background traffic. */
export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
]);
