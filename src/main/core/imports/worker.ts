/**
 * Import worker thread: reads the file, decodes, parses with papaparse and (unless it only
 * inspects) classifies and writes every row on its own connection, in one transaction. The main
 * process (the window) stays responsive whatever the file's size; only counts and the summary
 * travel back.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { DateOrder, ImportInspection, ImportMapping, ImportSummary } from '../../../shared/dto/imports';
import type { AuditActor } from '../audit/log';
import { openSqlite } from '../db/open';
import { UserError } from '../errors';
import { inspectCsv } from './inspect';
import { importPatients } from './run';

export type ImportWorkerInput =
  | {
      mode: 'inspect';
      file: string;
      remembered: { mapping: ImportMapping | null; dateOrder: DateOrder | null };
    }
  | {
      mode: 'import';
      file: string;
      dbPath: string;
      nativeBinding?: string;
      mapping: ImportMapping;
      dateOrder: DateOrder | null;
      dryRun: boolean;
      actor: AuditActor;
      now: number;
      timeZone: string;
    };

export type ImportWorkerMessage =
  | { type: 'progress'; rows: number; fraction: number }
  | { type: 'inspected'; inspection: Omit<ImportInspection, 'uploadId'> }
  | { type: 'done'; summary: ImportSummary }
  /** A sentence for the user: the file was refused and nothing was written. */
  | { type: 'refused'; message: string }
  | { type: 'error'; message: string };

const post = (message: ImportWorkerMessage) => parentPort?.postMessage(message);

function run(input: ImportWorkerInput): void {
  const bytes = readFileSync(input.file);
  if (input.mode === 'inspect') {
    post({ type: 'inspected', inspection: inspectCsv(bytes, input.remembered) });
    return;
  }
  const db = openSqlite(input.dbPath, input.nativeBinding ? { nativeBinding: input.nativeBinding } : {});
  try {
    const summary = importPatients(db, bytes, {
      ...input,
      onProgress: (fraction, rows) => post({ type: 'progress', rows, fraction }),
    });
    post({ type: 'done', summary });
  } finally {
    db.close();
  }
}

try {
  run(workerData as ImportWorkerInput);
} catch (error) {
  post(
    error instanceof UserError
      ? { type: 'refused', message: error.message }
      : { type: 'error', message: error instanceof Error ? error.message : String(error) },
  );
}
