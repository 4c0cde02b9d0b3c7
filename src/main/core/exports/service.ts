import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type {
  ExportItem,
  ExportKind,
  ExportStatus,
  JobFinished,
  JobProgress,
  OutboxStatus,
} from '../../../shared/dto/jobs';
import type { Clock } from '../host';
import type { AuditActor, AuditLog } from '../audit/log';
import type { Sqlite } from '../db/open';
import { UserError } from '../errors';
import { errorFields, type Logger } from '../logger';
import type { Outbox } from '../outbox/outbox';
import { exportEmail } from '../mail/templates/notice';
import type { SettingsStore } from '../settings/store';
import { dayRange, localDate } from '../time/zone';
import { spawnExportWorker } from './spawn';
import type { ExportWorkerInput, ExportWorkerMessage } from './worker';

export interface ExportServiceDeps {
  sqlite: Sqlite;
  dbPath: string;
  dataDir: string;
  nativeBinding?: string | undefined;
  workerEntry: string;
  clock: Clock;
  logger: Logger;
  audit: AuditLog;
  settings: SettingsStore;
  outbox: Outbox;
  progress: (event: JobProgress) => void;
  announce: (event: JobFinished) => void;
  /** Tables changed by a finished export (exports, email_outbox). */
  changed: (...tables: string[]) => void;
  afterQueue: () => void;
  chunkRows?: number;
}

interface ExportRow {
  id: number;
  kind: ExportKind;
  patient_id: number | null;
  patient_number: string | null;
  patient_name: string | null;
  patient_email: string | null;
  range_from: string | null;
  range_to: string | null;
  status: ExportStatus;
  rows: number;
  file_path: string | null;
  error: string | null;
  requested_by: number | null;
  created_at: number;
  finished_at: number | null;
}

export const exportKey = (id: number) => `export:${id}`;

export function exportsFolder(dataDir: string): string {
  return join(dataDir, 'exports');
}

const SELECT_EXPORT = `SELECT e.*, p.patient_number, p.full_name AS patient_name, p.email AS patient_email
  FROM exports e LEFT JOIN patients p ON p.id = e.patient_id`;

export interface ExportService {
  /** Throws not_found for an unknown patient. */
  requirePatient(patientId: number): void;
  startHistory(patientId: number, actor: AuditActor, out?: string): number;
  startRange(from: string, to: string, actor: AuditActor, out?: string): number;
  retry(id: number, actor: AuditActor): number;
  resend(id: number, actor: AuditActor): ExportItem;
  list(limit: number, requestedBy?: number): ExportItem[];
  get(id: number): ExportItem | null;
  /** Resolves when the export's worker has finished (done or failed). */
  wait(id: number): Promise<ExportItem>;
  /** At app start: an export left running by a crash has no worker any more; say so. */
  recoverInterrupted(): number;
  /** Stops running workers; their exports stay 'running' until the next start marks them failed. */
  close(): void;
}

export function createExportService(deps: ExportServiceDeps): ExportService {
  const { sqlite, clock, logger, outbox } = deps;
  const running = new Map<number, { worker: Worker; finished: Promise<void> }>();
  const byId = sqlite.prepare<[number], ExportRow>(`${SELECT_EXPORT} WHERE e.id = ?`);
  const emailRows = sqlite.prepare<[string, string], { dedupe_key: string; status: OutboxStatus }>(
    `SELECT dedupe_key, status FROM email_outbox WHERE dedupe_key = ? OR dedupe_key LIKE ? ORDER BY id DESC LIMIT 1`,
  );

  const listStmt = sqlite.prepare<{ by: number | null; limit: number }, ExportRow>(
    `${SELECT_EXPORT} WHERE (@by IS NULL OR e.requested_by = @by) ORDER BY e.id DESC LIMIT @limit`,
  );
  let closing = false;
  const patientExists = sqlite.prepare<[number], { id: number }>('SELECT id FROM patients WHERE id = ?');
  const interrupted = sqlite.prepare(
    `UPDATE exports SET status = 'failed', error = 'Clinic Desk stopped before this export finished; try again.'
     WHERE status IN ('queued', 'running')`,
  );

  const toItem = (row: ExportRow): ExportItem => {
    const email = emailRows.get(exportKey(row.id), `${exportKey(row.id)}:%`);
    return {
      id: row.id,
      kind: row.kind,
      patientId: row.patient_id,
      patientNumber: row.patient_number,
      rangeFrom: row.range_from,
      rangeTo: row.range_to,
      status: row.status,
      rows: row.rows,
      filePath: row.file_path,
      fileName: row.file_path ? basename(row.file_path) : null,
      error: row.error,
      createdAt: new Date(row.created_at).toISOString(),
      finishedAt: row.finished_at === null ? null : new Date(row.finished_at).toISOString(),
      emailStatus: email?.status ?? null,
      emailNote:
        row.kind === 'patient_history' && row.status === 'done' && !email
          ? 'Not emailed: the patient has no email address.'
          : null,
    };
  };

  const mustGet = (id: number): ExportRow => {
    const row = byId.get(id);
    if (!row) throw new UserError('not_found', 'That export does not exist.');
    return row;
  };

  const fileFor = (row: ExportRow): string =>
    join(
      exportsFolder(deps.dataDir),
      row.kind === 'patient_history'
        ? `history-${row.patient_number ?? row.patient_id}-${row.id}.csv`
        : `appointments-${row.range_from}-to-${row.range_to}-${row.id}.csv`,
    );

  const finish = (row: ExportRow, file: string, rows: number) => {
    const at = clock.now().getTime();
    let emailed = false;
    sqlite.transaction(() => {
      sqlite
        .prepare(
          `UPDATE exports SET status = 'done', rows = ?, file_path = ?, error = NULL, finished_at = ? WHERE id = ?`,
        )
        .run(rows, file, at, row.id);
      if (row.kind === 'patient_history' && row.patient_email) {
        emailed = queueExportEmail(row, file, rows, exportKey(row.id));
      }
      deps.audit.record(
        { userId: null, username: 'system' },
        {
          action: 'exports.finished',
          entity: 'exports',
          entityId: row.id,
          summary: `Export #${row.id}: ${rows} rows.`,
        },
      );
    })();
    if (emailed) deps.afterQueue();
    deps.changed('exports', 'email_outbox');
    deps.announce({
      kind: 'export',
      ok: true,
      exportId: row.id,
      title: 'Export finished',
      message: `Export #${row.id} is ready: ${rows} ${rows === 1 ? 'row' : 'rows'}.`,
    });
  };

  const queueExportEmail = (row: ExportRow, file: string, rows: number, key: string): boolean => {
    if (!row.patient_email) return false;
    const email = exportEmail(
      deps.settings.get('clinicName'),
      row.patient_name ?? '',
      localDate(clock.now().getTime(), deps.settings.get('timeZone')),
      rows,
    );
    return outbox.enqueue({
      dedupeKey: key,
      kind: 'export',
      to: row.patient_email,
      ...email,
      attachments: [{ filename: basename(file), contentType: 'text/csv; charset=utf-8', path: file }],
    });
  };

  const failExport = (row: ExportRow, reason: string) => {
    sqlite
      .prepare(`UPDATE exports SET status = 'failed', error = ?, finished_at = ? WHERE id = ?`)
      .run(`The export could not be written: ${reason}`, clock.now().getTime(), row.id);
    logger.log('error', 'export failed', { exportId: row.id, reason });
    deps.changed('exports');
    deps.announce({
      kind: 'export',
      ok: false,
      exportId: row.id,
      title: 'Export failed',
      message: `Export #${row.id} failed. Open Exports to see why and try again.`,
    });
  };

  const launch = (id: number, out?: string): void => {
    const row = mustGet(id);
    const file = out ?? fileFor(row);
    const timeZone = deps.settings.get('timeZone');
    const query: ExportWorkerInput['query'] =
      row.kind === 'patient_history'
        ? { kind: 'patient_history', patientId: row.patient_id ?? 0 }
        : {
            kind: 'range',
            start: dayRange(row.range_from ?? '', timeZone).start,
            end: dayRange(row.range_to ?? '', timeZone).end,
          };
    mkdirSync(exportsFolder(deps.dataDir), { recursive: true });
    sqlite.prepare(`UPDATE exports SET status = 'running', rows = 0, error = NULL WHERE id = ?`).run(id);
    deps.changed('exports');
    const input: ExportWorkerInput = {
      dbPath: deps.dbPath,
      file,
      query,
      timeZone,
      chunkRows: deps.chunkRows ?? 1000,
      ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}),
    };
    let worker: Worker;
    try {
      worker = spawnExportWorker(deps.workerEntry, input);
    } catch (error) {
      failExport(row, error instanceof Error ? error.message : String(error));
      return;
    }
    const finished = new Promise<void>((resolve) => {
      let settled = false;
      const settle = (action: () => void) => {
        // After close() the database is gone: leave the row for recoverInterrupted at next start.
        if (settled || closing) return resolve();
        settled = true;
        running.delete(id);
        try {
          action();
        } catch (error) {
          logger.log('error', 'export bookkeeping failed', { exportId: id, ...errorFields(error) });
        }
        resolve();
      };
      worker.on('message', (message: ExportWorkerMessage) => {
        if (message.type === 'progress') deps.progress({ kind: 'export', exportId: id, rows: message.rows });
        else if (message.type === 'done') settle(() => finish(row, file, message.rows));
        else settle(() => failExport(row, message.message));
      });
      worker.on('error', (error) => settle(() => failExport(row, error.message)));
      worker.on('exit', (code) =>
        settle(() => failExport(row, `the export stopped unexpectedly (code ${code}).`)),
      );
    });
    running.set(id, { worker, finished });
  };

  const insert = sqlite.prepare<
    [ExportKind, number | null, string | null, string | null, number | null, number]
  >(
    `INSERT INTO exports (kind, patient_id, range_from, range_to, status, requested_by, created_at)
     VALUES (?, ?, ?, ?, 'queued', ?, ?)`,
  );

  const create = (
    kind: ExportKind,
    patientId: number | null,
    from: string | null,
    to: string | null,
    actor: AuditActor,
    summary: string,
  ): number =>
    sqlite.transaction(() => {
      const id = Number(
        insert.run(kind, patientId, from, to, actor.userId, clock.now().getTime()).lastInsertRowid,
      );
      deps.audit.record(actor, { action: 'exports.start', entity: 'exports', entityId: id, summary });
      return id;
    })();

  return {
    requirePatient(patientId) {
      if (!patientExists.get(patientId)) throw new UserError('not_found', 'That patient does not exist.');
    },
    startHistory(patientId, actor, out) {
      if (!patientExists.get(patientId)) throw new UserError('not_found', 'That patient does not exist.');
      const id = create(
        'patient_history',
        patientId,
        null,
        null,
        actor,
        `History export of patient #${patientId}.`,
      );
      launch(id, out);
      return id;
    },
    startRange(from, to, actor, out) {
      const id = create('range', null, from, to, actor, `Appointments export ${from} to ${to}.`);
      launch(id, out);
      return id;
    },
    retry(id, actor) {
      const row = mustGet(id);
      if (row.status !== 'failed')
        throw new UserError('conflict', 'Only a failed export can be tried again.');
      deps.audit.record(actor, {
        action: 'exports.retry',
        entity: 'exports',
        entityId: id,
        summary: `Export #${id} retried.`,
      });
      launch(id);
      return id;
    },
    resend(id, actor) {
      const row = mustGet(id);
      if (row.kind !== 'patient_history' || row.status !== 'done' || !row.file_path) {
        throw new UserError('conflict', 'Only a finished patient export can be emailed again.');
      }
      if (!row.patient_email) {
        throw new UserError('conflict', 'The patient has no email address; add one to their record first.');
      }
      const file = row.file_path;
      const previous =
        sqlite
          .prepare<[string, string], { n: number }>(
            'SELECT count(*) AS n FROM email_outbox WHERE dedupe_key = ? OR dedupe_key LIKE ?',
          )
          .get(exportKey(id), `${exportKey(id)}:%`)?.n ?? 0;
      sqlite.transaction(() => {
        queueExportEmail(
          row,
          file,
          row.rows,
          previous === 0 ? exportKey(id) : `${exportKey(id)}:resend:${previous}`,
        );
        deps.audit.record(actor, {
          action: 'exports.resend',
          entity: 'exports',
          entityId: id,
          summary: `Export #${id} emailed again.`,
        });
      })();
      deps.afterQueue();
      return toItem(mustGet(id));
    },
    list(limit, requestedBy) {
      return listStmt.all({ by: requestedBy ?? null, limit }).map(toItem);
    },
    get(id) {
      const row = byId.get(id);
      return row ? toItem(row) : null;
    },
    async wait(id) {
      await running.get(id)?.finished;
      return toItem(mustGet(id));
    },
    recoverInterrupted: () => interrupted.run().changes,
    close() {
      closing = true;
      for (const { worker } of running.values()) void worker.terminate();
      running.clear();
    },
  };
}
