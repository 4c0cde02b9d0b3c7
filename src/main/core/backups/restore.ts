import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors';
import { verifyDatabaseFile } from './verify';

export interface RestoreResult {
  restoredFrom: string;
  /** The database as it was just before the restore, kept in case the restore was a mistake. */
  safetyCopy: string | null;
}

/**
 * Replaces `<dataDir>/clinic.db` with `source`. The core must be closed (the caller's job). Order
 * matters so that a failure at any step leaves the current database usable: verify the source
 * first, copy it next to the database, keep a safety copy of the current one, and only then swap
 * by rename (atomic on one file system).
 */
export function restoreDatabase(options: {
  dataDir: string;
  source: string;
  migrationsFolder: string;
  stamp: string;
  nativeBinding?: string;
}): RestoreResult {
  const { dataDir, source, migrationsFolder } = options;
  const check = verifyDatabaseFile(source, migrationsFolder, options.nativeBinding);
  if (!check.ok) throw new UserError('invalid_input', `Nothing was restored: ${check.message}`);

  const live = join(dataDir, 'clinic.db');
  const staged = join(dataDir, `clinic.db.restoring`);
  rmSync(staged, { force: true });
  copyFileSync(source, staged);
  const stagedCheck = verifyDatabaseFile(staged, migrationsFolder, options.nativeBinding);
  if (!stagedCheck.ok) {
    rmSync(staged, { force: true });
    throw new UserError(
      'internal',
      `Nothing was restored: the copy could not be verified (${stagedCheck.message}).`,
    );
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
