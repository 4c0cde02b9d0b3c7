/**
 * Backup check worker thread: with its own connection, switches a fresh backup copy out of WAL
 * (so it is one self-contained file) and runs the full verification (integrity_check, our
 * tables, schema version) on it. Both read the whole file — seconds on a ten-year clinic — so
 * they run here, never on the main thread where every IPC call would wait for them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { verifyDatabaseFile, type BackupCheck } from './verify';

export interface CheckWorkerInput {
  file: string;
  migrationsFolder: string;
  nativeBinding?: string;
  /** A fresh copy made by the backup API: switch it out of WAL before checking it. */
  selfContained: boolean;
}

export type CheckStep = 'self-contained' | 'integrity-check';

export type CheckWorkerMessage =
  | { type: 'progress'; step: CheckStep }
  | { type: 'done'; check: BackupCheck }
  | { type: 'error'; message: string };

const post = (message: CheckWorkerMessage) => parentPort?.postMessage(message);

/**
 * A backup must be one file that can be copied anywhere: switch the copy out of WAL mode (which
 * folds everything into the main file) so no -wal/-shm companions are needed or left behind.
 */
function makeSelfContained(file: string, nativeBinding?: string): void {
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

try {
  const input = workerData as CheckWorkerInput;
  if (input.selfContained) {
    post({ type: 'progress', step: 'self-contained' });
    makeSelfContained(input.file, input.nativeBinding);
  }
  post({ type: 'progress', step: 'integrity-check' });
  post({ type: 'done', check: verifyDatabaseFile(input.file, input.migrationsFolder, input.nativeBinding) });
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
