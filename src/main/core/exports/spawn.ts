import type { Worker } from 'node:worker_threads';
import { startWorker, workerEntryPath } from '../workers/start';
import type { ExportWorkerInput } from './worker';

/** The export worker's entry: `worker.ts` from source, `export-worker.js` in the built app. */
export function defaultExportWorkerPath(): string {
  return workerEntryPath(import.meta.url, 'worker.ts', 'export-worker.js');
}

/**
 * The worker holds one chunk of rows at a time, so a small heap is plenty; without a limit V8
 * lets the garbage of a million rows' strings pile up to hundreds of MB before collecting it,
 * and the whole process's peak memory is what the admin's PC feels.
 */
export const EXPORT_WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 };

/** Starts the export worker. */
export function spawnExportWorker(entry: string, input: ExportWorkerInput): Worker {
  return startWorker(entry, input, EXPORT_WORKER_LIMITS);
}
