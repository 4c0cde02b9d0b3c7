import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { auditLog } from '../audit/log';
import { systemClock } from '../host';
import { migrateDatabase } from '../db/migrate';
import { openSqlite } from '../db/open';
import { UserError } from '../errors';
import { attachmentProblem } from '../outbox/attachments';
import { verifyDatabaseFile } from './verify';

export interface RestoreResult {
  restoredFrom: string;
  /** The database as it was just before the restore, kept in case the restore was a mistake. */
  safetyCopy: string | null;
}

/** Outbox rows from a backup may only attach inline content or files inside exports/. */
function outboxProblem(file: string, exportsFolder: string, nativeBinding?: string): string | null {
  const db = new Database(file, {
    readonly: true,
    fileMustExist: true,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  try {
    const rows = db
      .prepare<[], { id: number; attachments: string }>('SELECT id, attachments FROM email_outbox')
      .all();
    for (const row of rows) {
      let list: unknown;
      try {
        list = JSON.parse(row.attachments);
      } catch {
        return `its outbox message ${row.id} has unreadable attachments.`;
      }
      if (!Array.isArray(list)) return `its outbox message ${row.id} has unreadable attachments.`;
      for (const attachment of list) {
        const problem = attachmentProblem(attachment, exportsFolder);
        if (problem) return `its outbox message ${row.id} would send a file it may not (${problem}).`;
      }
    }
    return null;
  } finally {
    db.close();
  }
}

/**
 * Why `file` may not be restored into `dataDir`, as a sentence, or null when it may: verified
 * (integrity and exact schema, verify.ts) and no outbox row attaching a file from outside exports/.
 */
export function restoreProblem(
  file: string,
  dataDir: string,
  migrationsFolder: string,
  nativeBinding?: string,
): string | null {
  const check = verifyDatabaseFile(file, migrationsFolder, nativeBinding);
  if (!check.ok) return check.message;
  return outboxRestoreProblem(file, dataDir, nativeBinding);
}

/** Why the outbox rows in `file` may not come back (a file attached from outside exports/), or null. */
export function outboxRestoreProblem(file: string, dataDir: string, nativeBinding?: string): string | null {
  const outbox = outboxProblem(file, join(dataDir, 'exports'), nativeBinding);
  return outbox ? `${file} is refused: ${outbox}` : null;
}

/** The start-up the app would do on the candidate: open with our pragmas and migrate it. */
function startCandidate(file: string, migrationsFolder: string, nativeBinding?: string): void {
  const sqlite = openSqlite(file, nativeBinding ? { nativeBinding } : {});
  try {
    if (sqlite.pragma('quick_check', { simple: true }) !== 'ok') throw new Error('quick_check failed');
    migrateDatabase(sqlite, migrationsFolder);
  } finally {
    sqlite.close();
  }
}

/**
 * Replaces `<dataDir>/clinic.db` with `source`. The core must be closed (the caller's job). Every
 * check runs on our own copy before anything is swapped, so a refused or failed restore leaves the
 * live database exactly as it was: the copy must pass integrity_check, hold exactly the schema our
 * migrations create (no foreign trigger or view), attach no file from outside exports/, and then
 * open and migrate like a start-up would. Only then the current database is kept as a safety copy
 * and the copy is swapped in by rename (atomic on one file system).
 */
export function restoreDatabase(options: {
  dataDir: string;
  source: string;
  migrationsFolder: string;
  stamp: string;
  nativeBinding?: string;
}): RestoreResult {
  const { dataDir, source, migrationsFolder, nativeBinding } = options;
  const first = restoreProblem(source, dataDir, migrationsFolder, nativeBinding);
  if (first) throw new UserError('invalid_input', `Nothing was restored: ${first}`);

  const live = join(dataDir, 'clinic.db');
  const staged = join(dataDir, `clinic.db.restoring`);
  const discard = () => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${staged}${suffix}`, { force: true });
  };
  discard();
  copyFileSync(source, staged);
  try {
    // Checked again on our own copy: the source could have changed since it was checked.
    const again = restoreProblem(staged, dataDir, migrationsFolder, nativeBinding);
    if (again) throw new UserError('invalid_input', `Nothing was restored: ${again.replace(staged, source)}`);
    try {
      startCandidate(staged, migrationsFolder, nativeBinding);
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'it could not be opened';
      throw new UserError('invalid_input', `Nothing was restored: ${source} would not start (${reason}).`);
    }
    const migrated = verifyDatabaseFile(staged, migrationsFolder, nativeBinding);
    if (!migrated.ok) throw new UserError('invalid_input', `Nothing was restored: ${migrated.message}`);
  } catch (error) {
    discard();
    throw error;
  }

  let safetyCopy: string | null = null;
  if (existsSync(live)) {
    safetyCopy = join(dataDir, `clinic.db.before-restore-${options.stamp}`);
    copyFileSync(live, safetyCopy);
    // The WAL holds committed changes not yet in clinic.db; keep it with the safety copy.
    if (existsSync(`${live}-wal`)) copyFileSync(`${live}-wal`, `${safetyCopy}-wal`);
  }
  rmSync(`${live}-wal`, { force: true });
  rmSync(`${live}-shm`, { force: true });
  renameSync(staged, live);
  return { restoredFrom: source, safetyCopy };
}

/**
 * A restore done outside the running app (the CLI) is written to the restored database's audit
 * log, as the app's own restore is; `actor` names who ran it.
 */
export function recordRestore(
  dbPath: string,
  entry: { actor: string; summary: string },
  nativeBinding?: string,
): void {
  const sqlite = openSqlite(dbPath, nativeBinding ? { nativeBinding } : {});
  try {
    auditLog(sqlite, systemClock).record(
      { userId: null, username: entry.actor },
      { action: 'restore', entity: 'database', summary: entry.summary },
    );
  } finally {
    sqlite.close();
  }
}
