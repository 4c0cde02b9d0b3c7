import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Where a worker entry is: `sourceName` next to the calling module when running from source
 * (tsx, vitest), and the separate `builtName` entry of the electron-vite build next to the main
 * bundle (electron.vite.config.ts lists each worker entry).
 */
export function workerEntryPath(callerUrl: string, sourceName: string, builtName: string): string {
  const here = fileURLToPath(callerUrl);
  return join(dirname(here), here.endsWith('.ts') ? sourceName : builtName);
}

/**
 * Starts a worker thread on `entry`. A TypeScript entry (source runs) gets tsx's loader
 * registered inside the worker first: `execArgv: ['--import', 'tsx']` is not honoured by worker
 * threads on Node 20.
 */
export function startWorker(entry: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const options = { workerData, ...(resourceLimits ? { resourceLimits } : {}) };
  if (!entry.endsWith('.ts')) return new Worker(entry, options);
  // require.resolve finds the CommonJS build; the worker imports the ES module next to it.
  const tsx = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const bootstrap = `import(${JSON.stringify(pathToFileURL(tsx).href)})
    .then((api) => { api.register(); return import(${JSON.stringify(pathToFileURL(entry).href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}
