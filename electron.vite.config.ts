import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './src/shared/content-security-policy';

const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * The renderer's index.html carries the production CSP in a <meta> tag (file:// pages get no
 * response headers to carry it). The dev server needs React Fast Refresh's inline preamble and
 * its HMR socket, so while serving, and only then, the tag gets the development policy.
 */
function devServerCsp(): Plugin {
  // Browsers ignore frame-ancestors in a <meta> policy and warn about it.
  const policy = contentSecurityPolicy('development')
    .split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'clinic-desk:dev-server-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace(
        /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/i,
        (_match, start: string, end: string) => `${start}${policy}${end}`,
      ),
  };
}

export default defineConfig({
  main: {
    build: {
      // Each worker thread is its own entry next to index.js (out/main/export-worker.js,
      // out/main/backup-worker.js, out/main/import-worker.js), where the core looks for it in the built app.
      lib: {
        entry: {
          index: fromRoot('./src/main/index.ts'),
          'export-worker': fromRoot('./src/main/core/exports/worker.ts'),
          'backup-worker': fromRoot('./src/main/core/backups/check-worker.ts'),
          'import-worker': fromRoot('./src/main/core/imports/worker.ts'),
        },
      },
      // Every package.json dependency (better-sqlite3 above all: a native module) is loaded
      // from node_modules at run time rather than bundled; this is electron-vite's default.
      externalizeDeps: true,
    },
  },
  preload: {
    build: {
      // A sandboxed preload runs as a classic script that may require('electron') and nothing
      // else: it must be CommonJS (out/preload/index.cjs) with its dependencies (zod, via the
      // contract) bundled in.
      lib: { entry: fromRoot('./src/preload/index.ts'), formats: ['cjs'] },
      externalizeDeps: false,
    },
  },
  renderer: {
    // Same build as vite.renderer.config.ts (the browser preview): electron-vite adds the
    // relative base for production and takes src/renderer/index.html as input.
    root: fromRoot('./src/renderer'),
    plugins: [react(), devServerCsp()],
    build: {
      outDir: fromRoot('./out/renderer'),
      emptyOutDir: true,
      // electron-vite leaves the renderer unminified; minified it is less than half the size
      // (2.99 MB → 1.31 MB) in every installer.
      minify: true,
    },
  },
});
