import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { readJournal } from '../db/migrate';
import { matchSchema } from './schema-match';

export interface BackupCheck {
  ok: boolean;
  /** A sentence for the user when not ok. */
  message: string;
  schemaVersion: number;
}

const REQUIRED_TABLES = ['patients', 'appointments', 'staff_users', 'audit_log'];

/**
 * Is `file` a clinic database this version can use? Opened read-only, so checking never changes
 * it: SQLite's full integrity_check, our tables present, a schema no newer than we know, and
 * exactly the schema our migrations create (schema-match.ts): no trigger, view or index of anyone else's.
 */
export function verifyDatabaseFile(
  file: string,
  migrationsFolder: string,
  nativeBinding?: string,
): BackupCheck {
  if (!existsSync(file)) return { ok: false, message: `There is no file at ${file}.`, schemaVersion: 0 };
  let db: Database.Database | undefined;
  try {
    db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      ...(nativeBinding ? { nativeBinding } : {}),
    });
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map(
      (r) => r.integrity_check,
    );
    if (integrity.join() !== 'ok') {
      return {
        ok: false,
        message: `${file} is damaged (${integrity.slice(0, 3).join('; ')}).`,
        schemaVersion: 0,
      };
    }
    const tables = new Set(
      db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
        .all()
        .map((r) => r.name),
    );
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0) {
      return { ok: false, message: `${file} is not a Clinic Desk database.`, schemaVersion: 0 };
    }
    const schemaVersion = Number(db.pragma('user_version', { simple: true }));
    const known = readJournal(migrationsFolder).length;
    if (schemaVersion > known) {
      return {
        ok: false,
        message: `${file} was written by a newer version of Clinic Desk (schema ${schemaVersion}; this version knows ${known}).`,
        schemaVersion,
      };
    }
    const schema = matchSchema(db, migrationsFolder, nativeBinding);
    if (!schema.ok) return { ok: false, message: `${file} is refused: ${schema.message}`, schemaVersion };
    return { ok: true, message: 'The backup is intact.', schemaVersion };
  } catch {
    return { ok: false, message: `${file} is not a readable SQLite database.`, schemaVersion: 0 };
  } finally {
    db?.close();
  }
}
