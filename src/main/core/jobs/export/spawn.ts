import type { Worker } from 'node:worker_threads';
import { startWorker, workerEntryPath } from '../../workers/start';
import type { ExportWorkerInput } from './worker';

/** The export worker's entry: `worker.ts` from source, `export-worker.js` in the built app. */
export function defaultExportWorkerPath(): string {
  return workerEntryPath(import.meta.url, 'worker.ts', 'export-worker.js');
}

/** Starts the export worker. */
export function spawnExportWorker(entry: string, input: ExportWorkerInput): Worker {
  return startWorker(entry, input);
}
