import { statSync } from 'node:fs';
import { backupsDir } from './backups/backups';
import { latestGoodBackup } from './backups/latest';
import type { DatabaseCheck } from './api';
import { migrateDatabase, migrationState } from './db/migrate';
import { openSqlite, type Sqlite } from './db/open';
import { StartupError } from './errors';
import { errorFields, type Logger } from './logger';

function damagedDatabase(
  path: string,
  options: { dataDir: string; nativeBinding?: string | undefined },
  migrationsFolder: string,
  cause: unknown,
): StartupError {
  const backup = latestGoodBackup(backupsDir(options.dataDir), migrationsFolder, options.nativeBinding);
  const offer = backup
    ? ` The latest good backup is ${backup.path}; restore it from the start-up dialog, or run \`npm run -s cli -- restore "${backup.path}"\` in the Clinic Desk folder.`
    : ' No good backup was found in the backups folder; restore one you keep elsewhere.';
  return new StartupError(
    'database_damaged',
    `The clinic database at ${path} is damaged. It has not been changed.${offer}`,
    {
      cause,
      ...(backup ? { latestBackup: backup.path } : {}),
    },
  );
}

/**
 * Opens the clinic database and checks it is not damaged; a damaged file becomes a StartupError that
 * offers the latest good backup, and is never overwritten.
 */
export const BROKEN_INSTALLATION =
  'This installation of Clinic Desk is broken: its database engine does not load on this computer. Please reinstall Clinic Desk.';

/**
 * better-sqlite3's native binding failed to load (built for another Electron, platform or
 * architecture, or damaged): a broken installation, not a disk or folder problem.
 */
export function isNativeLoadFailure(error: unknown): boolean {
  const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    message?: unknown;
  };
  if (code === 'ERR_DLOPEN_FAILED') return true;
  return (
    typeof message === 'string' &&
    /NODE_MODULE_VERSION|did not self-register|invalid ELF header|wrong ELF class|not a valid Win32 application|mach-o|Could not locate the bindings file/i.test(
      message,
    )
  );
}

export function openClinicDatabase(
  path: string,
  options: { dataDir: string; nativeBinding?: string | undefined },
  logger: Logger,
  migrationsFolder: string,
): Sqlite {
  let sqlite: Sqlite;
  try {
    sqlite = openSqlite(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    logger.log('error', 'database could not be opened', errorFields(error));
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw damagedDatabase(path, options, migrationsFolder, error);
    }
    if (isNativeLoadFailure(error)) {
      throw new StartupError('installation_broken', BROKEN_INSTALLATION, { cause: error });
    }
    throw new StartupError(
      'database_unreadable',
      `The clinic database at ${path} could not be opened. Check that the folder is writable and the disk is not full.`,
      { cause: error },
    );
  }
  try {
    startupCheck(sqlite, path);
  } catch (error) {
    sqlite.close();
    logger.log('error', 'database failed its integrity check', errorFields(error));
    throw damagedDatabase(path, options, migrationsFolder, error);
  }
  return sqlite;
}

/** Above this size the full quick_check is left to the daily backup's integrity_check. */
const FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024;

/**
 * The damaged-database check at start-up, kept cheap so a ten-year clinic still opens in well
 * under 300 ms: reading the schema version and the schema itself touches the header and the
 * schema pages, which is where a garbage or truncated file fails. The full quick_check reads
 * every page (seconds on a 500 MB file), so it runs here only for small files; larger ones get
 * SQLite's full integrity_check every day when the daily backup verifies its copy.
 */
function startupCheck(sqlite: Sqlite, path: string): void {
  sqlite.pragma('schema_version', { simple: true });
  sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  let size = 0;
  try {
    size = statSync(path).size;
  } catch {
    size = 0;
  }
  if (size > FULL_CHECK_MAX_BYTES) return;
  const quick = sqlite.pragma('quick_check', { simple: true });
  if (quick !== 'ok') throw new Error(String(quick));
}

/** Brings the schema up to date; a refused or failed migration closes the database and is logged. */
export function migrateClinicDatabase(sqlite: Sqlite, migrationsFolder: string, logger: Logger): void {
  try {
    migrateDatabase(sqlite, migrationsFolder);
  } catch (error) {
    sqlite.close();
    logger.log('error', 'database migration refused or failed', errorFields(error));
    throw error;
  }
}

/** The full integrity check and the migration state, for `clinic-desk check` and the tests. */
export function checkDatabase(sqlite: Sqlite, migrationsFolder: string): DatabaseCheck {
  const integrity = (sqlite.pragma('integrity_check') as { integrity_check: string }[])
    .map((row) => row.integrity_check)
    .join('; ');
  const state = migrationState(sqlite, migrationsFolder);
  return {
    integrity,
    schemaVersion: state.userVersion,
    migrationsKnown: state.known,
    migrationsApplied: state.applied,
    pending: state.pending,
  };
}
