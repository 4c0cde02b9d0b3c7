import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';

/**
 * Is another program (the desktop app, the preview) holding the database open? In WAL mode every
 * open connection keeps a shared lock on the file, so an exclusive lock can only be had when no
 * one else has it open. Restoring under a running app would lose its later writes.
 */
export function isDatabaseInUse(path: string, nativeBinding?: string): boolean {
  if (!existsSync(path)) return false;
  const db = new Database(path, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT;');
    return false;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return true;
    throw error;
  } finally {
    db.close();
  }
}
