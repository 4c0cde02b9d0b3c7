import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
import { readJournal } from '../db/migrate';

/** One row of sqlite_master, its SQL with whitespace collapsed (so only meaning is compared). */
export interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

export type SchemaMatch = { ok: true; migrations: number } | { ok: false; message: string };

const normalise = (sql: string | null) => (sql === null ? null : sql.replace(/\s+/g, ' ').trim());

/**
 * The whole schema: tables, indexes, triggers and views. SQLite's own statistics tables
 * (ANALYZE, PRAGMA optimize) are left out: they hold planner hints and cannot carry triggers.
 */
export function schemaOf(db: Database.Database): SchemaObject[] {
  return db
    .prepare<[], SchemaObject>(
      `SELECT type, name, tbl_name, sql FROM sqlite_master
       WHERE NOT (type = 'table' AND name LIKE 'sqlite\\_stat%' ESCAPE '\\')
       ORDER BY type, name`,
    )
    .all()
    .map((row) => ({ ...row, sql: normalise(row.sql) }));
}

const expectedCache = new Map<string, SchemaObject[]>();

/**
 * The exact schema our own first `count` migrations produce: a fresh in-memory database migrated
 * by drizzle from a copy of the migrations folder cut after `count` entries. Cached per process.
 */
export function expectedSchema(
  migrationsFolder: string,
  count: number,
  nativeBinding?: string,
): SchemaObject[] {
  const key = `${migrationsFolder}\0${count}`;
  const cached = expectedCache.get(key);
  if (cached) return cached;
  const journal = readJournal(migrationsFolder).slice(0, count);
  const folder = mkdtempSync(join(tmpdir(), 'clinic-desk-schema-'));
  const db = new Database(':memory:', nativeBinding ? { nativeBinding } : {});
  try {
    mkdirSync(join(folder, 'meta'));
    writeFileSync(
      join(folder, 'meta', '_journal.json'),
      JSON.stringify({ version: '7', dialect: 'sqlite', entries: journal }),
    );
    for (const entry of journal)
      copyFileSync(join(migrationsFolder, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));
    migrate(drizzle({ client: db }), { migrationsFolder: folder });
    const schema = schemaOf(db);
    expectedCache.set(key, schema);
    return schema;
  } finally {
    db.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

const describe = (o: SchemaObject) => `${o.type} "${o.name}"`;

/**
 * Does the database hold exactly what this version of Clinic Desk creates for the migrations it
 * records, and nothing else? An extra trigger or view is how a crafted backup would smuggle logic
 * in (a trigger that deletes audit rows, copies e-mail addresses, rewrites notes), so anything
 * not ours is refused. Reads only, through our own driver (the file may be encrypted later).
 */
export function matchSchema(
  db: Database.Database,
  migrationsFolder: string,
  nativeBinding?: string,
): SchemaMatch {
  const hasTable = db
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`)
    .get();
  if (!hasTable) return { ok: false, message: 'it has no record of its database migrations.' };
  let applied: { hash: string; created_at: number | string | null }[];
  try {
    applied = db
      .prepare<[], { hash: string; created_at: number | string | null }>(
        'SELECT hash, created_at FROM __drizzle_migrations ORDER BY id',
      )
      .all();
  } catch {
    return { ok: false, message: 'its record of database migrations is not readable.' };
  }
  const known: MigrationMeta[] = readMigrationFiles({ migrationsFolder });
  if (applied.length > known.length) {
    return {
      ok: false,
      message: `it was written by a newer version of Clinic Desk (${applied.length} migrations; this version knows ${known.length}).`,
    };
  }
  const foreign = applied.findIndex(
    (row, i) => row.hash !== known[i]?.hash || Number(row.created_at) !== known[i]?.folderMillis,
  );
  if (foreign !== -1) {
    return {
      ok: false,
      message: `its migration ${foreign + 1} is not one this version of Clinic Desk ships (a newer or altered version wrote it).`,
    };
  }
  const expected = expectedSchema(migrationsFolder, applied.length, nativeBinding);
  const actual = schemaOf(db);
  const byName = (list: SchemaObject[]) => new Map(list.map((o) => [`${o.type}\0${o.name}`, o]));
  const want = byName(expected);
  const have = byName(actual);
  for (const [key, object] of have) {
    const ours = want.get(key);
    if (!ours)
      return { ok: false, message: `it contains a ${describe(object)} that Clinic Desk does not create.` };
    if (ours.tbl_name !== object.tbl_name || ours.sql !== object.sql)
      return { ok: false, message: `its ${describe(object)} differs from the one Clinic Desk creates.` };
  }
  for (const [key, object] of want) {
    if (!have.has(key)) return { ok: false, message: `its ${describe(object)} is missing.` };
  }
  return { ok: true, migrations: applied.length };
}
