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
import type { SessionInfo } from '../../../shared/dto';
import type { DataKind } from '../../../shared/contract';
import type { Clock } from '../host';
import type { AuditActor, AuditLog } from '../audit/log';
import type { Sqlite } from '../db/open';
import { UserError } from '../errors';
import { errorFields, type Logger } from '../logger';
import type { Outbox } from '../outbox/outbox';
import { exportEmail } from '../mail/templates/notice';
import type { SettingsStore } from '../settings/store';
import { dayRange, localDate, localTime } from '../time/zone';
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
  /** Announces the kinds a finished export changed (exports, email_outbox) through the event hub. */
  changed: (...kinds: DataKind[]) => void;
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
  requested_by_name: string | null;
  decided_by: number | null;
  decided_by_name: string | null;
  refusal_reason: string | null;
  email_to: string | null;
  email_change_confirmed: number;
  patient_email_changed_at: number | null;
  created_at: number;
  finished_at: number | null;
}

/** Who is looking: each role lists and acts on only the exports it may see. */
export type ExportViewer = Pick<SessionInfo, 'role' | 'userId' | 'doctorId'>;

/** An address changed this recently must be confirmed by whoever authorises sending a history. */
export const RECENT_EMAIL_CHANGE_MS = 24 * 60 * 60_000;

/** How a history export is authorised: whether the authoriser confirmed a recent address change. */
export interface Authorisation {
  confirmRecentEmailChange: boolean;
}

const SYSTEM: AuditActor = { userId: null, username: 'system' };

export const exportKey = (id: number) => `export:${id}`;

/**
 * The outbox rows of an export: its first email (`export:<id>`) and every resend
 * (`export:<id>:resend:<n>`). A key range rather than `LIKE 'export:<id>:%'`, which SQLite cannot
 * answer from the dedupe index (LIKE ignores case): that scanned the whole outbox — every
 * reminder ever queued — each time an export was shown, on the main thread.
 */
export const EXPORT_EMAILS_WHERE =
  'dedupe_key = @key OR (dedupe_key >= @resends AND dedupe_key < @resendsEnd)';
const exportEmailKeys = (id: number) => ({
  key: exportKey(id),
  resends: `${exportKey(id)}:`,
  resendsEnd: `${exportKey(id)};`, // ';' follows ':'
});

export function exportsFolder(dataDir: string): string {
  return join(dataDir, 'exports');
}

const SELECT_EXPORT = `SELECT e.*, p.patient_number, p.full_name AS patient_name, p.email AS patient_email,
    p.email_changed_at AS patient_email_changed_at, r.full_name AS requested_by_name, d.full_name AS decided_by_name
  FROM exports e LEFT JOIN patients p ON p.id = e.patient_id
  LEFT JOIN staff_users r ON r.id = e.requested_by LEFT JOIN staff_users d ON d.id = e.decided_by`;

/**
 * The exports a viewer may see. Administrator: all. Front desk: its own history requests.
 * Doctor: history exports they started, requested or decided, and requests waiting for a
 * decision about one of their patients (any appointment with them). Range exports: admin only.
 */
const VISIBLE = `(@role = 'admin'
  OR (e.kind = 'patient_history' AND e.requested_by = @user)
  OR (@role = 'doctor' AND e.kind = 'patient_history' AND (e.decided_by = @user OR (e.status = 'requested'
      AND EXISTS (SELECT 1 FROM appointments a WHERE a.doctor_id = @doctor AND a.patient_id = e.patient_id)))))`;

export interface ExportService {
  /** Throws not_found for an unknown patient. */
  requirePatient(patientId: number): void;
  /**
   * Writes the history now and emails it to the address on file. Refused (conflict) when that
   * address changed in the last 24 hours and `confirmRecentEmailChange` is not set.
   */
  startHistory(patientId: number, actor: AuditActor, out?: string, authorisation?: Authorisation): number;
  /** A front-desk request: stored as 'requested'; nothing is written or sent. */
  requestHistory(patientId: number, actor: AuditActor): number;
  /** Approves a waiting request (same address rule as startHistory) and starts writing it. */
  approve(id: number, actor: AuditActor, authorisation: Authorisation): number;
  /** Refuses a waiting request with a reason; nothing is written or sent. */
  refuse(id: number, actor: AuditActor, reason: string): ExportItem;
  /** Whether the viewer may see (and so act on) this export. */
  visible(id: number, viewer: ExportViewer): boolean;
  startRange(from: string, to: string, actor: AuditActor, out?: string): number;
  retry(id: number, actor: AuditActor): number;
  resend(id: number, actor: AuditActor): ExportItem;
  list(limit: number, viewer: ExportViewer): ExportItem[];
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
  const emailRows = sqlite.prepare<
    ReturnType<typeof exportEmailKeys>,
    { dedupe_key: string; status: OutboxStatus; created_at: number; sent_at: number | null }
  >(
    `SELECT dedupe_key, status, created_at, sent_at FROM email_outbox
     WHERE ${EXPORT_EMAILS_WHERE} ORDER BY id DESC LIMIT 1`,
  );

  type ViewerParams = { role: string; user: number; doctor: number | null };
  const listStmt = sqlite.prepare<ViewerParams & { limit: number }, ExportRow>(
    `${SELECT_EXPORT} WHERE ${VISIBLE} ORDER BY e.id DESC LIMIT @limit`,
  );
  const visibleStmt = sqlite.prepare<ViewerParams & { id: number }, { one: number }>(
    `SELECT 1 AS one FROM exports e WHERE e.id = @id AND ${VISIBLE}`,
  );
  const viewerParams = (viewer: ExportViewer): ViewerParams => ({
    role: viewer.role,
    user: viewer.userId,
    doctor: viewer.doctorId,
  });
  let closing = false;
  const patientExists = sqlite.prepare<[number], { id: number }>('SELECT id FROM patients WHERE id = ?');
  const interrupted = sqlite.prepare(
    `UPDATE exports SET status = 'failed', error = 'Clinic Desk stopped before this export finished; try again.'
     WHERE status IN ('queued', 'running')`,
  );

  /** When the address on file changed, if less than 24 hours ago (else null). */
  const recentEmailChange = (changedAt: number | null): number | null =>
    changedAt !== null && clock.now().getTime() - changedAt < RECENT_EMAIL_CHANGE_MS ? changedAt : null;

  const emailNoteOf = (row: ExportRow, queued: boolean): string | null => {
    if (row.kind !== 'patient_history' || row.status !== 'done' || queued) return null;
    if (!row.email_to) return 'Not emailed: the patient had no email address on file.';
    if (row.email_to !== row.patient_email) {
      return "Not emailed: the patient's email address changed after this export was authorised. Start a new export.";
    }
    return null;
  };

  /** Why the file of an export cannot be emailed again, or null when it can. */
  const resendProblem = (row: ExportRow): string | null => {
    if (row.kind !== 'patient_history' || row.status !== 'done' || !row.file_path) {
      return 'Only a finished patient export can be emailed again.';
    }
    if (!row.patient_email) return 'The patient has no email address on file.';
    if (!row.email_to) {
      return 'This export was not authorised for an email address; start a new export to email it.';
    }
    if (row.email_to !== row.patient_email) {
      return "The patient's email address has changed since this export was authorised; start a new export to email it.";
    }
    return null;
  };

  const toItem = (row: ExportRow): ExportItem => {
    const email = emailRows.get(exportEmailKeys(row.id));
    const waiting = row.status === 'requested';
    const changedAt = waiting ? recentEmailChange(row.patient_email_changed_at) : null;
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
      emailAt: email ? new Date(email.sent_at ?? email.created_at).toISOString() : null,
      emailNote: emailNoteOf(row, email !== undefined),
      cannotResend: row.kind === 'patient_history' && row.status === 'done' ? resendProblem(row) : null,
      requestedByName: row.requested_by_name,
      decidedByName: row.decided_by_name,
      refusalReason: row.refusal_reason,
      emailTo: waiting ? row.patient_email : row.email_to,
      emailChangedAt: changedAt === null ? null : new Date(changedAt).toISOString(),
      emailChangeConfirmed: row.email_change_confirmed === 1,
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

  const currentEmail = sqlite.prepare<[number], { email: string | null }>(
    'SELECT p.email FROM exports e JOIN patients p ON p.id = e.patient_id WHERE e.id = ?',
  );
  const auditSend = (id: number, summary: string) =>
    deps.audit.record(SYSTEM, { action: 'exports.send', entity: 'exports', entityId: id, summary });

  const finish = (row: ExportRow, file: string, rows: number) => {
    const at = clock.now().getTime();
    let emailed = false;
    sqlite.transaction(() => {
      sqlite
        .prepare(
          `UPDATE exports SET status = 'done', rows = ?, file_path = ?, error = NULL, finished_at = ? WHERE id = ?`,
        )
        .run(rows, file, at, row.id);
      deps.audit.record(SYSTEM, {
        action: 'exports.finished',
        entity: 'exports',
        entityId: row.id,
        summary: `Export #${row.id}: ${rows} rows.`,
      });
      // Only to the address authorised with the export, and only while it is still the one on file.
      if (
        row.kind === 'patient_history' &&
        row.email_to &&
        row.email_to === currentEmail.get(row.id)?.email
      ) {
        emailed = queueExportEmail(row, file, rows, exportKey(row.id));
        if (emailed) auditSend(row.id, `Export #${row.id} emailed to the patient's address on file.`);
      }
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

  /** Only ever to the address authorised with the export (checked to be still on file). */
  const queueExportEmail = (row: ExportRow, file: string, rows: number, key: string): boolean => {
    if (!row.email_to) return false;
    const email = exportEmail(
      deps.settings.get('clinicName'),
      row.patient_name ?? '',
      localDate(clock.now().getTime(), deps.settings.get('timeZone')),
      rows,
    );
    return outbox.enqueue({
      dedupeKey: key,
      kind: 'export',
      to: row.email_to,
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

  /**
   * Marks an export running: its callers do so inside the transaction that created or decided it,
   * so starting an export costs the main thread one commit (one fsync), not two.
   */
  const markRunning = sqlite.prepare<[number]>(
    `UPDATE exports SET status = 'running', rows = 0, error = NULL WHERE id = ?`,
  );

  /** Starts the worker of an export that was just marked running (markRunning). */
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

  const insert = sqlite.prepare<{
    kind: ExportKind;
    patientId: number | null;
    from: string | null;
    to: string | null;
    status: ExportStatus;
    by: number | null;
    emailTo: string | null;
    confirmed: number;
    at: number;
  }>(
    `INSERT INTO exports (kind, patient_id, range_from, range_to, status, requested_by, email_to,
       email_change_confirmed, created_at)
     VALUES (@kind, @patientId, @from, @to, @status, @by, @emailTo, @confirmed, @at)`,
  );

  const create = (
    values: { kind: ExportKind; patientId?: number; from?: string; to?: string; status?: ExportStatus },
    address: { emailTo: string | null; confirmed: boolean },
    actor: AuditActor,
    audit: { action: string; summary: string },
  ): number => {
    const id = Number(
      insert.run({
        kind: values.kind,
        patientId: values.patientId ?? null,
        from: values.from ?? null,
        to: values.to ?? null,
        status: values.status ?? 'queued',
        by: actor.userId,
        emailTo: address.emailTo,
        confirmed: address.confirmed ? 1 : 0,
        at: clock.now().getTime(),
      }).lastInsertRowid,
    );
    deps.audit.record(actor, { ...audit, entity: 'exports', entityId: id });
    return id;
  };

  const patientEmail = sqlite.prepare<[number], { email: string | null; email_changed_at: number | null }>(
    'SELECT email, email_changed_at FROM patients WHERE id = ?',
  );

  /**
   * The address a history may go to: the one on file now. If it changed less than 24 hours ago,
   * the person authorising must say they checked it (a changed address is how records are stolen).
   */
  const authorisedAddress = (patientId: number, authorisation: Authorisation) => {
    const patient = patientEmail.get(patientId);
    if (!patient) throw new UserError('not_found', 'That patient does not exist.');
    const changedAt = recentEmailChange(patient.email_changed_at);
    if (changedAt !== null && !authorisation.confirmRecentEmailChange) {
      const timeZone = deps.settings.get('timeZone');
      throw new UserError(
        'conflict',
        `This patient's email address was changed less than 24 hours ago (${localDate(changedAt, timeZone)} at ${localTime(changedAt, timeZone)}). ` +
          'Check with the patient that the address on file is theirs, then confirm the change to send the export.',
      );
    }
    return { emailTo: patient.email, confirmed: changedAt !== null };
  };
  const confirmedNote = (address: { confirmed: boolean }) =>
    address.confirmed ? ' The email address changed in the last 24 hours: confirmed.' : '';
  const decide = sqlite.prepare<{
    id: number;
    status: ExportStatus;
    by: number | null;
    at: number;
    reason: string | null;
    emailTo: string | null;
    confirmed: number;
  }>(
    `UPDATE exports SET status = @status, decided_by = @by, decided_at = @at, refusal_reason = @reason,
       email_to = @emailTo, email_change_confirmed = @confirmed,
       finished_at = CASE WHEN @status = 'refused' THEN @at ELSE NULL END
     WHERE id = @id AND status = 'requested'`,
  );
  const waitingRequest = (id: number): ExportRow => {
    const row = mustGet(id);
    if (row.status !== 'requested') {
      throw new UserError(
        'conflict',
        `This request has already been ${row.status === 'refused' ? 'refused' : 'approved'}.`,
      );
    }
    return row;
  };

  return {
    requirePatient(patientId) {
      if (!patientExists.get(patientId)) throw new UserError('not_found', 'That patient does not exist.');
    },
    startHistory(patientId, actor, out, authorisation = { confirmRecentEmailChange: false }) {
      const id = sqlite.transaction(() => {
        const address = authorisedAddress(patientId, authorisation);
        const created = create({ kind: 'patient_history', patientId }, address, actor, {
          action: 'exports.start',
          summary: `History export of patient #${patientId}.${confirmedNote(address)}`,
        });
        markRunning.run(created);
        return created;
      })();
      launch(id, out);
      return id;
    },
    requestHistory(patientId, actor) {
      if (!patientExists.get(patientId)) throw new UserError('not_found', 'That patient does not exist.');
      return sqlite.transaction(() =>
        create(
          { kind: 'patient_history', patientId, status: 'requested' },
          { emailTo: null, confirmed: false },
          actor,
          { action: 'exports.request', summary: `History export of patient #${patientId} requested.` },
        ),
      )();
    },
    approve(id, actor, authorisation) {
      sqlite
        .transaction(() => {
          const row = waitingRequest(id);
          const address = authorisedAddress(row.patient_id ?? 0, authorisation);
          decide.run({
            id,
            status: 'queued',
            by: actor.userId,
            at: clock.now().getTime(),
            reason: null,
            emailTo: address.emailTo,
            confirmed: address.confirmed ? 1 : 0,
          });
          deps.audit.record(actor, {
            action: 'exports.approve',
            entity: 'exports',
            entityId: id,
            summary: `Export request #${id} approved.${confirmedNote(address)}`,
          });
          markRunning.run(id);
        })
        .immediate();
      launch(id);
      return id;
    },
    refuse(id, actor, reason) {
      sqlite
        .transaction(() => {
          waitingRequest(id);
          decide.run({
            id,
            status: 'refused',
            by: actor.userId,
            at: clock.now().getTime(),
            reason,
            emailTo: null,
            confirmed: 0,
          });
          deps.audit.record(actor, {
            action: 'exports.refuse',
            entity: 'exports',
            entityId: id,
            summary: `Export request #${id} refused.`,
          });
        })
        .immediate();
      return toItem(mustGet(id));
    },
    visible(id, viewer) {
      return visibleStmt.get({ ...viewerParams(viewer), id }) !== undefined;
    },
    startRange(from, to, actor, out) {
      const id = sqlite.transaction(() => {
        const created = create({ kind: 'range', from, to }, { emailTo: null, confirmed: false }, actor, {
          action: 'exports.start',
          summary: `Appointments export ${from} to ${to}.`,
        });
        markRunning.run(created);
        return created;
      })();
      launch(id, out);
      return id;
    },
    retry(id, actor) {
      const row = mustGet(id);
      if (row.status !== 'failed')
        throw new UserError('conflict', 'Only a failed export can be tried again.');
      sqlite.transaction(() => {
        deps.audit.record(actor, {
          action: 'exports.retry',
          entity: 'exports',
          entityId: id,
          summary: `Export #${id} retried.`,
        });
        markRunning.run(id);
      })();
      launch(id);
      return id;
    },
    resend(id, actor) {
      const row = mustGet(id);
      const problem = resendProblem(row);
      if (problem !== null || !row.file_path) {
        throw new UserError('conflict', problem ?? 'Only a finished patient export can be emailed again.');
      }
      const file = row.file_path;
      const previous =
        sqlite
          .prepare<ReturnType<typeof exportEmailKeys>, { n: number }>(
            `SELECT count(*) AS n FROM email_outbox WHERE ${EXPORT_EMAILS_WHERE}`,
          )
          .get(exportEmailKeys(id))?.n ?? 0;
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
    list(limit, viewer) {
      return listStmt.all({ ...viewerParams(viewer), limit }).map(toItem);
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
