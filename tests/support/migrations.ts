import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultMigrationsFolder } from '../../src/main/core/db/locate';
import { migrateDatabase, type MigrationState } from '../../src/main/core/db/migrate';
import { openSqlite, type Sqlite } from '../../src/main/core/db/open';
import { tempDir } from './temp-core';

export interface DatabaseBefore {
  /** The database file, migrated by the real drizzle migrator up to the one under test. */
  readonly path: string;
  /** An open connection to it, at the previous version's schema: insert the old rows here. */
  readonly sqlite: Sqlite;
  /** Closes `sqlite`, reopens the file as the new version would and applies every shipped migration. */
  migrateToLatest(): { sqlite: Sqlite; state: MigrationState };
  /** Closes the connections and removes the temp files. */
  cleanup(): void;
}

/**
 * A database as the version before migration `name` left it: the shipped migrations folder is
 * copied with its journal cut just before `name` (matched without its number, so a renumbering
 * at merge time does not break the test), and the real drizzle migrator applies it.
 */
export function databaseBefore(name: string): DatabaseBefore {
  const all = defaultMigrationsFolder();
  const dir = tempDir('clinic-desk-migration-');
  const previous = join(dir, 'drizzle');
  mkdirSync(previous);
  cpSync(all, previous, { recursive: true });
  const journalPath = join(previous, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((entry) => entry.tag.replace(/^\d+_/, '') === name);
  if (at < 0) throw new Error(`No shipped migration is named ${name}`);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalPath, JSON.stringify(journal));

  const path = join(dir, 'clinic.db');
  const old = openSqlite(path);
  const open: Sqlite[] = [old];
  const before = migrateDatabase(old, previous);
  if (before.pending.length > 0) throw new Error(`Could not reach the state before ${name}`);

  return {
    path,
    sqlite: old,
    migrateToLatest() {
      old.close();
      const sqlite = openSqlite(path);
      open.push(sqlite);
      return { sqlite, state: migrateDatabase(sqlite, all) };
    },
    cleanup() {
      for (const connection of open) if (connection.open) connection.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
