import { startWorker, workerEntryPath } from '../workers/start';
import type { CheckStep, CheckWorkerInput, CheckWorkerMessage } from './check-worker';
import type { BackupCheck } from './verify';

/** The check worker's entry: `check-worker.ts` from source, `backup-worker.js` in the built app. */
export function defaultCheckWorkerPath(): string {
  return workerEntryPath(import.meta.url, 'check-worker.ts', 'backup-worker.js');
}

/**
 * verifyDatabaseFile (and, with `copyFrom`, the backup copy and its switch out of WAL before it)
 * in a worker thread with its own connections, so the main thread keeps turning while a large
 * file is copied and read end to end. Never rejects: a worker that fails or dies answers "not
 * verified", so nothing unchecked ever counts.
 */
export function checkOffThread(
  input: CheckWorkerInput,
  options: {
    entry?: string;
    onStep?: (step: CheckStep) => void;
    onCopy?: (pages: { totalPages: number; remainingPages: number }) => void;
  } = {},
): Promise<BackupCheck> {
  const refused = (why: string): BackupCheck => ({
    ok: false,
    message: `${input.file} could not be checked (${why}).`,
    schemaVersion: 0,
  });
  return new Promise((resolve) => {
    let answer: BackupCheck | null = null;
    let worker;
    try {
      worker = startWorker(options.entry ?? defaultCheckWorkerPath(), input);
    } catch (error) {
      resolve(refused(error instanceof Error ? error.message : String(error)));
      return;
    }
    worker.on('message', (message: CheckWorkerMessage) => {
      if (message.type === 'copy') options.onCopy?.(message);
      else if (message.type === 'progress') options.onStep?.(message.step);
      else if (message.type === 'done') answer = message.check;
      else answer = refused(message.message);
    });
    worker.on('error', (error) => (answer ??= refused(error.message)));
    worker.on('exit', (code) => resolve(answer ?? refused(`the check stopped with code ${code}`)));
  });
}
