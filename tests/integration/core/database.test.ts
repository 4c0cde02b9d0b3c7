import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, StartupError } from '../../../src/main/core';
import { silentLogger } from '../../../src/main/core/logger';
import { readJournal } from '../../../src/main/core/db/migrate';
import { defaultMigrationsFolder } from '../../../src/main/core/db/locate';
import { tempCore, tempDir, type TempCore } from '../../support/temp-core';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const journal = readJournal(defaultMigrationsFolder());

describe('clinic database', () => {
  let t: TempCore | undefined;
  afterEach(() => t?.cleanup());

  it('creates every table from an empty folder and records the schema version', async () => {
    t = await tempCore();
    const check = t.core.checkDatabase();
    expect(check).toEqual({
      integrity: 'ok',
      schemaVersion: journal.length,
      migrationsKnown: journal.length,
      migrationsApplied: journal.length,
      pending: [],
    });
    t.core.close();
    const db = new Database(t.core.dbPath, { readonly: true });
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((r) => r.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'appointments',
        'audit_log',
        'departments',
        'doctor_availability',
        'doctor_exceptions',
        'doctors',
        'email_outbox',
        'exports',
        'job_runs',
        'monthly_reports',
        'patients',
        'settings',
        'staff_users',
        'treatments',
      ]),
    );
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('opens connections with FULL sync, foreign keys and a busy timeout', async () => {
    const { openSqlite } = await import('../../../src/main/core/db/open');
    const dir = tempDir();
    const db = openSqlite(join(dir, 'x.db'));
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    db.close();
  });

  it('re-opening an up-to-date database applies nothing and keeps its data', async () => {
    t = await tempCore({ demo: true });
    const dataDir = t.dataDir;
    t.core.close();
    const again = await createCore({ dataDir, logger: silentLogger });
    expect(again.checkDatabase().pending).toEqual([]);
    const admin = again.connectAs('admin');
    const result = await admin.call('patients/list', { limit: 1 });
    expect(result.ok && result.value.total).toBe(400);
    again.close();
  });

  it('refuses a database written by a newer version and leaves it untouched', async () => {
    t = await tempCore();
    t.core.close();
    const db = new Database(t.core.dbPath);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run(
      'future',
      Date.parse('2099-01-01T00:00:00Z'),
    );
    db.pragma(`user_version = ${journal.length + 1}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = sha(t.core.dbPath);
    const attempt = createCore({ dataDir: t.dataDir, logger: silentLogger });
    await expect(attempt).rejects.toBeInstanceOf(StartupError);
    await expect(attempt).rejects.toMatchObject({ reason: 'database_too_new' });
    await expect(attempt).rejects.toThrow(/newer version of Clinic Desk/);
    expect(sha(t.core.dbPath)).toBe(before);
  });

  it('refuses a file that is not a clinic database, with a sentence, and does not overwrite it', async () => {
    const dataDir = tempDir();
    const path = join(dataDir, 'clinic.db');
    writeFileSync(
      path,
      'this is not an SQLite database, it is a shopping list: milk, eggs, bread. '.repeat(100),
    );
    const before = sha(path);
    await expect(createCore({ dataDir, logger: silentLogger })).rejects.toBeInstanceOf(StartupError);
    expect(sha(path)).toBe(before);
  });

  it('keeps the audit log append-only in the database itself', async () => {
    t = await tempCore();
    const session = await t.core.connect('test').call('auth/setup', {
      fullName: 'Ada Admin',
      username: 'ada',
      password: 'correct horse battery',
    });
    expect(session.ok).toBe(true);
    t.core.close();
    const db = new Database(t.core.dbPath);
    expect(db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 1 });
    expect(() => db.prepare("UPDATE audit_log SET summary = 'rewritten'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    db.close();
  });

  it('holds a doctor to one active appointment per start time in the database', async () => {
    t = await tempCore({ demo: true });
    t.core.close();
    const db = new Database(t.core.dbPath);
    db.pragma('foreign_keys = ON');
    const insert = db.prepare(
      'INSERT INTO appointments (patient_id, doctor_id, starts_at, ends_at, status) VALUES (?, 1, 1000, 2000, ?)',
    );
    insert.run(1, 'booked');
    expect(() => insert.run(2, 'booked')).toThrow(/UNIQUE/);
    insert.run(3, 'cancelled');
    expect(() => insert.run(4, 'teleported')).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          'INSERT INTO appointments (patient_id, doctor_id, starts_at, ends_at) VALUES (999999, 1, 5000, 6000)',
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
