/**
 * Export worker thread: its own read-only connection, rows streamed from SQLite in raw mode and
 * written to `<file>.partial` in chunks, renamed to `<file>` at the end. Rows never travel to the
 * main thread, only counts, so the main process stays responsive and memory flat however many
 * rows there are.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { openSqlite } from '../db/open';
import { csvHeader, csvLines } from './csv';
import { exportStatement, localClock, toCsvRow, type ExportQuery } from './query';

export interface ExportWorkerInput {
  dbPath: string;
  nativeBinding?: string;
  file: string;
  query: ExportQuery;
  timeZone: string;
  /** Rows per write (and per progress message). */
  chunkRows: number;
}

export type ExportWorkerMessage =
  { type: 'progress'; rows: number } | { type: 'done'; rows: number } | { type: 'error'; message: string };

function run(input: ExportWorkerInput): number {
  const db = openSqlite(input.dbPath, {
    readonly: true,
    ...(input.nativeBinding ? { nativeBinding: input.nativeBinding } : {}),
  });
  const partial = `${input.file}.partial`;
  const fd = openSync(partial, 'w');
  let rows = 0;
  try {
    writeSync(fd, csvHeader());
    const clock = localClock(input.timeZone);
    let chunk: unknown[][] = [];
    const flush = () => {
      writeSync(fd, csvLines(chunk));
      rows += chunk.length;
      chunk = [];
      parentPort?.postMessage({ type: 'progress', rows } satisfies ExportWorkerMessage);
    };
    // One read transaction: the file is a consistent snapshot even while the app keeps writing.
    db.exec('BEGIN');
    for (const raw of exportStatement(db, input.query)()) {
      chunk.push(toCsvRow(raw, clock));
      if (chunk.length >= input.chunkRows) flush();
    }
    db.exec('COMMIT');
    if (chunk.length > 0) flush();
    fsyncSync(fd);
    closeSync(fd);
    renameSync(partial, input.file);
    return rows;
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
}

try {
  const rows = run(workerData as ExportWorkerInput);
  parentPort?.postMessage({ type: 'done', rows } satisfies ExportWorkerMessage);
} catch (error) {
  parentPort?.postMessage({
    type: 'error',
    message: error instanceof Error ? error.message : String(error),
  } satisfies ExportWorkerMessage);
}
