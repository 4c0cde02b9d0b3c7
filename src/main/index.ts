/**
 * Electron entry: the core does the work, the shell adapts it to Electron. Nothing else belongs
 * here, so that the same core runs in the browser preview, the CLI and the tests.
 */
import { createCore } from './core';
import { runDesktopApp } from './shell/desktop-app';

runDesktopApp({ createCore });
