import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ExportWorkerInput } from './worker';

/**
 * Where the worker entry is: next to this file when running from source (tsx, vitest), and the
 * separate `export-worker.js` entry of the electron-vite build next to the main bundle.
 */
export function defaultExportWorkerPath(): string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts') ? join(dirname(here), 'worker.ts') : join(dirname(here), 'export-worker.js');
}

/**
 * Starts the worker. A TypeScript entry (source runs) gets tsx's loader registered inside the
 * worker first: `execArgv: ['--import', 'tsx']` is not honoured by worker threads on Node 20.
 */
export function spawnExportWorker(entry: string, input: ExportWorkerInput): Worker {
  if (!entry.endsWith('.ts')) return new Worker(entry, { workerData: input });
  // require.resolve finds the CommonJS build; the worker imports the ES module next to it.
  const tsx = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const bootstrap = `import(${JSON.stringify(pathToFileURL(tsx).href)})
    .then((api) => { api.register(); return import(${JSON.stringify(pathToFileURL(entry).href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: input });
}
