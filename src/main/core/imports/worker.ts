/**
 * Import worker thread: reads the file, decodes, parses with papaparse and (unless it only
 * inspects) classifies and writes every row on its own connection, in one transaction. The main
 * process (the window) stays responsive whatever the file's size; only counts and the summary
 * travel back. An import without a mapping (the CLI's) guesses it in the same worker, from the
 * same decoded text, as the mapping step would: one worker start and one decode, not two.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { DateOrder, ImportInspection, ImportMapping, ImportSummary } from '../../../shared/dto/imports';
import type { AuditActor } from '../audit/log';
import { openSqlite } from '../db/open';
import { UserError } from '../errors';
import { decodeCsv } from './decode';
import { inspectCsv, type RememberedMapping } from './inspect';
import { importPatients } from './run';

export type ImportWorkerInput =
  | {
      mode: 'inspect';
      file: string;
      remembered: RememberedMapping;
    }
  | {
      mode: 'import';
      file: string;
      dbPath: string;
      nativeBinding?: string;
      /** null: the mapping step's choice (the remembered mapping, else a guess from the headers). */
      mapping: ImportMapping | null;
      remembered?: RememberedMapping;
      dateOrder: DateOrder | null;
      dryRun: boolean;
      actor: AuditActor;
      now: number;
      timeZone: string;
    };

export type ImportWorkerMessage =
  | { type: 'progress'; rows: number; fraction: number }
  | { type: 'inspected'; inspection: Omit<ImportInspection, 'uploadId'> }
  | { type: 'done'; summary: ImportSummary; mapping: ImportMapping }
  /** A sentence for the user: the file was refused and nothing was written. */
  | { type: 'refused'; message: string }
  | { type: 'error'; message: string };

const post = (message: ImportWorkerMessage) => parentPort?.postMessage(message);

function run(input: ImportWorkerInput): void {
  const decoded = decodeCsv(readFileSync(input.file));
  if (input.mode === 'inspect') {
    post({ type: 'inspected', inspection: inspectCsv(decoded, input.remembered) });
    return;
  }
  const mapping =
    input.mapping ?? inspectCsv(decoded, input.remembered ?? { mapping: null, dateOrder: null }).mapping;
  const db = openSqlite(input.dbPath, input.nativeBinding ? { nativeBinding: input.nativeBinding } : {});
  try {
    const summary = importPatients(db, decoded, {
      ...input,
      mapping,
      onProgress: (fraction, rows) => post({ type: 'progress', rows, fraction }),
    });
    post({ type: 'done', summary, mapping });
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
