/**
 * Backup worker thread, with its own connections: copies the live database with SQLite's backup
 * API (a consistent snapshot while the app keeps writing, thanks to WAL), switches the copy out
 * of WAL (so it is one self-contained file) and runs the full verification (integrity_check, our
 * tables, schema version) on it. Each step reads or writes the whole file — seconds on a
 * ten-year clinic, including the copy's final fsync — so they run here, never on the main thread
 * where every IPC call would wait for them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { verifyDatabaseFile, type BackupCheck } from './verify';

export interface CheckWorkerInput {
  /** The file to check (and, with `copyFrom`, to write first). */
  file: string;
  /** The live database to copy into `file` before checking it. */
  copyFrom?: string;
  migrationsFolder: string;
  nativeBinding?: string;
}

export type CheckStep = 'self-contained' | 'integrity-check';

export type CheckWorkerMessage =
  | { type: 'copy'; totalPages: number; remainingPages: number }
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

/** The backup API from a read-only connection of this thread; progress about every 2 %. */
async function copy(source: string, target: string, nativeBinding?: string): Promise<void> {
  const db = new Database(source, {
    readonly: true,
    fileMustExist: true,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  try {
    let reported = Number.POSITIVE_INFINITY;
    const { totalPages } = await db.backup(target, {
      progress: ({ totalPages, remainingPages }) => {
        if (reported - remainingPages >= totalPages / 50) {
          reported = remainingPages;
          post({ type: 'copy', totalPages, remainingPages });
        }
        return 1000;
      },
    });
    post({ type: 'copy', totalPages, remainingPages: 0 });
  } finally {
    db.close();
  }
}

async function run(input: CheckWorkerInput): Promise<void> {
  if (input.copyFrom) {
    await copy(input.copyFrom, input.file, input.nativeBinding);
    post({ type: 'progress', step: 'self-contained' });
    makeSelfContained(input.file, input.nativeBinding);
  }
  post({ type: 'progress', step: 'integrity-check' });
  post({ type: 'done', check: verifyDatabaseFile(input.file, input.migrationsFolder, input.nativeBinding) });
}

run(workerData as CheckWorkerInput).catch((error: unknown) => {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
});
