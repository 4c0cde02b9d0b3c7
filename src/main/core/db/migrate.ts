import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { StartupError } from '../errors';
import type { Sqlite } from './open';

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

export interface MigrationState {
  /** Migrations this version of Clinic Desk ships. */
  known: number;
  /** Migrations recorded in the database. */
  applied: number;
  /** Tags of shipped migrations not yet in the database. */
  pending: string[];
  /** PRAGMA user_version, which we keep equal to the number of applied migrations. */
  userVersion: number;
}

export function readJournal(migrationsFolder: string): JournalEntry[] {
  const raw = readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8');
  const journal = JSON.parse(raw) as { entries: JournalEntry[] };
  return journal.entries;
}

function appliedMigrations(sqlite: Sqlite): { created_at: number }[] {
  const table = sqlite
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`)
    .get();
  if (!table) return [];
  return sqlite.prepare('SELECT created_at FROM __drizzle_migrations ORDER BY created_at').all() as {
    created_at: number;
  }[];
}

export function migrationState(sqlite: Sqlite, migrationsFolder: string): MigrationState {
  const journal = readJournal(migrationsFolder);
  const applied = appliedMigrations(sqlite);
  const appliedTimes = new Set(applied.map((row) => Number(row.created_at)));
  return {
    known: journal.length,
    applied: applied.length,
    pending: journal.filter((entry) => !appliedTimes.has(entry.when)).map((entry) => entry.tag),
    userVersion: Number(sqlite.pragma('user_version', { simple: true })),
  };
}

/**
 * Brings the database up to this version's schema. A database that a newer Clinic Desk has
 * already migrated further is refused rather than touched: its data might not fit our schema.
 */
export function migrateDatabase(sqlite: Sqlite, migrationsFolder: string): MigrationState {
  const journal = readJournal(migrationsFolder);
  const latestKnown = journal.at(-1)?.when ?? 0;
  const applied = appliedMigrations(sqlite);
  const userVersion = Number(sqlite.pragma('user_version', { simple: true }));
  const newest = applied.at(-1)?.created_at ?? 0;
  if (userVersion > journal.length || applied.length > journal.length || Number(newest) > latestKnown) {
    throw new StartupError(
      'database_too_new',
      `This clinic database was written by a newer version of Clinic Desk (schema ${Math.max(
        userVersion,
        applied.length,
      )}; this version knows schema ${journal.length}). Install the newer version again, or restore a backup made by this version.`,
    );
  }
  if (applied.length > 0 && applied.length < journal.length) refreshPlannerStatistics(sqlite);
  migrate(drizzle({ client: sqlite }), { migrationsFolder });
  sqlite.pragma(`user_version = ${journal.length}`);
  return migrationState(sqlite, migrationsFolder);
}

/**
 * Before upgrading a database that already holds a clinic: without statistics SQLite guesses how
 * selective each index is, and a migration's backfill can pick a plan that walks a whole table per
 * row (0005's "next visit with that doctor" took the doctor's diary instead of the patient's
 * visits and did not finish in 4 minutes on the ten-year clinic; with statistics, 26 s at load
 * 12). `analysis_limit` samples each index (0.5 s on that clinic), as SQLite's own `PRAGMA
 * optimize` does. The statistics stay:
 * they describe the clinic's real data. A new database has nothing to measure.
 */
function refreshPlannerStatistics(sqlite: Sqlite): void {
  sqlite.pragma('analysis_limit = 1000');
  sqlite.exec('ANALYZE');
}
