import { copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore, StartupError } from '../../../src/main/core';
import { requestRestore } from '../../../src/main/core/backups/pending';
import { restoreDatabase } from '../../../src/main/core/backups/restore';
import { defaultMigrationsFolder } from '../../../src/main/core/db/locate';
import { silentLogger } from '../../../src/main/core/logger';
import { fixedClock, snapshotDatabase, tempCore, TEST_SCRYPT, type TempCore } from '../../support/temp-core';

const migrationsFolder = defaultMigrationsFolder();
const patientCount = (dbPath: string) => {
  const db = new Database(dbPath, { readonly: true });
  const n = (db.prepare('SELECT count(*) AS n FROM patients').get() as { n: number }).n;
  db.close();
  return n;
};

describe('backups', () => {
  let t: TempCore | undefined;
  afterEach(() => t?.cleanup());

  it("writes today's verified backup and the month's first as monthly, with no WAL companions", async () => {
    const clock = fixedClock('2026-11-29T10:00:00Z');
    t = await tempCore({ demo: true, clock });
    const result = await t.core.backups.runDaily();
    expect(result.file).toBe(join(t.dataDir, 'backups', 'clinic-daily-2026-11-29.db'));
    expect(readdirSync(join(t.dataDir, 'backups')).sort()).toEqual([
      'clinic-daily-2026-11-29.db',
      'clinic-monthly-2026-11.db',
    ]);
    expect(patientCount(result.file)).toBe(400);
    const db = new Database(result.file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    db.close();
    const overview = await t.core.connectAs('admin', 'test').call('backups/list', {});
    expect(overview).toMatchObject({
      ok: true,
      value: { lastBackupAt: '2026-11-29T10:00:00.000Z', stale: false, lastRestoreError: null },
    });
  });

  it('rotates to 14 daily and 12 monthly backups', async () => {
    const clock = fixedClock('2026-11-29T10:00:00Z');
    t = await tempCore({ demo: true, clock });
    const first = await t.core.backups.runDaily();
    for (let day = 1; day <= 20; day++)
      copyFileSync(
        first.file,
        join(t.dataDir, 'backups', `clinic-daily-2026-10-${String(day).padStart(2, '0')}.db`),
      );
    for (let m = 1; m <= 12; m++)
      copyFileSync(
        first.file,
        join(t.dataDir, 'backups', `clinic-monthly-2025-${String(m).padStart(2, '0')}.db`),
      );
    clock.set('2026-11-30T10:00:00Z');
    const second = await t.core.backups.runDaily();
    const names = readdirSync(join(t.dataDir, 'backups'));
    expect(names.filter((n) => n.includes('daily'))).toHaveLength(14);
    expect(names.filter((n) => n.includes('monthly'))).toHaveLength(12);
    expect(names).toContain('clinic-daily-2026-11-30.db');
    expect(names).toContain('clinic-monthly-2026-11.db');
    expect(second.deleted).toContain('clinic-daily-2026-10-01.db');
    expect(second.deleted).toContain('clinic-monthly-2025-01.db');
  });

  it('says the backup is stale after two days without one', async () => {
    const clock = fixedClock('2026-11-01T10:00:00Z');
    t = await tempCore({ demo: true, clock });
    // A fresh connection per look: a window idle for hours would have been locked meanwhile.
    const admin = () => t!.core.connectAs('admin', 'test');
    expect(await admin().call('backups/list', {})).toMatchObject({
      ok: true,
      value: { lastBackupAt: null, stale: true },
    });
    await admin().call('backups/run', {});
    clock.advance(47 * 3600_000);
    expect(await admin().call('backups/list', {})).toMatchObject({ ok: true, value: { stale: false } });
    clock.advance(2 * 3600_000);
    expect(await admin().call('backups/list', {})).toMatchObject({ ok: true, value: { stale: true } });
  });

  it('restores from the app: verified, safety copy kept, swapped at restart, audited', async () => {
    const requestRestart = vi.fn();
    t = await tempCore({ demo: true, host: { requestRestart } });
    const admin = t.core.connectAs('admin', 'test');
    const made = await admin.call('backups/run', {});
    if (!made.ok) throw new Error(made.error.message);
    // A change after the backup, which the restore must undo.
    t.core.close();
    const live = new Database(join(t.dataDir, 'clinic.db'));
    live.prepare("UPDATE patients SET full_name = 'Changed After Backup' WHERE id = 1").run();
    live.close();
    const reopened = await createCore({
      dataDir: t.dataDir,
      logger: silentLogger,
      passwordCost: TEST_SCRYPT,
      host: { requestRestart },
    });
    const result = await reopened
      .connectAs('admin', 'test')
      .call('backups/restore', { name: made.value.name });
    expect(result).toEqual({ ok: true, value: { restarting: true } });
    await new Promise((resolve) => setImmediate(resolve));
    expect(requestRestart).toHaveBeenCalledWith('restore');
    reopened.close();

    const restarted = await createCore({
      dataDir: t.dataDir,
      logger: silentLogger,
      passwordCost: TEST_SCRYPT,
    });
    const db = new Database(join(t.dataDir, 'clinic.db'), { readonly: true });
    expect(db.prepare('SELECT full_name FROM patients WHERE id = 1').get()).not.toEqual({
      full_name: 'Changed After Backup',
    });
    expect(db.prepare("SELECT action FROM audit_log WHERE action = 'restore'").all()).toHaveLength(1);
    db.close();
    const safety = readdirSync(t.dataDir).find((n) => n.startsWith('clinic.db.before-restore-'));
    expect(safety).toBeDefined();
    const kept = new Database(join(t.dataDir, safety ?? ''), { readonly: true });
    expect(kept.prepare('SELECT full_name FROM patients WHERE id = 1').get()).toEqual({
      full_name: 'Changed After Backup',
    });
    kept.close();
    restarted.close();
  });

  it('refuses to restore a file that is not a good clinic database, changing nothing', async () => {
    t = await tempCore({ demo: true });
    t.core.close();
    const dbPath = join(t.dataDir, 'clinic.db');
    const before = snapshotDatabase(dbPath);
    const junk = join(t.dataDir, 'junk.db');
    writeFileSync(junk, 'not a database at all '.repeat(200));
    expect(() =>
      restoreDatabase({ dataDir: t!.dataDir, source: junk, migrationsFolder, stamp: 'x' }),
    ).toThrow(/Nothing was restored/);
    const foreign = join(t.dataDir, 'foreign.db');
    const other = new Database(foreign);
    other.exec('CREATE TABLE recipes (name TEXT)');
    other.close();
    expect(() =>
      restoreDatabase({ dataDir: t!.dataDir, source: foreign, migrationsFolder, stamp: 'x' }),
    ).toThrow(/not a Clinic Desk database/);
    expect(snapshotDatabase(dbPath)).toBe(before);
    expect(readdirSync(t.dataDir).some((n) => n.includes('before-restore'))).toBe(false);
  });

  it('a pending restore of a bad file keeps the current database and reports why', async () => {
    t = await tempCore({ demo: true });
    t.core.close();
    const bad = join(t.dataDir, 'backups-bad.db');
    writeFileSync(bad, 'garbage');
    requestRestore(t.dataDir, bad, Date.parse('2026-03-10T12:00:00Z'));
    const before = snapshotDatabase(join(t.dataDir, 'clinic.db'));
    const core = await createCore({ dataDir: t.dataDir, logger: silentLogger, passwordCost: TEST_SCRYPT });
    const overview = await core.connectAs('admin', 'test').call('backups/list', {});
    expect(overview.ok && overview.value.lastRestoreError).toMatch(/Nothing was restored/);
    expect(patientCount(join(t.dataDir, 'clinic.db'))).toBe(400);
    core.close();
    expect(JSON.parse(snapshotDatabase(join(t.dataDir, 'clinic.db'))).patients).toEqual(
      JSON.parse(before).patients,
    );
    expect(existsSync(join(t.dataDir, 'restore-pending.json'))).toBe(false);
  });

  it('refuses a damaged database at start-up, naming the latest good backup, and leaves it as it is', async () => {
    t = await tempCore({ demo: true });
    await t.core.backups.runDaily();
    t.core.close();
    const dbPath = join(t.dataDir, 'clinic.db');
    writeFileSync(dbPath, Buffer.alloc(8192, 7));
    const attempt = createCore({ dataDir: t.dataDir, logger: silentLogger });
    await expect(attempt).rejects.toBeInstanceOf(StartupError);
    await expect(attempt).rejects.toMatchObject({ reason: 'database_damaged' });
    await expect(attempt).rejects.toThrow(/latest good backup is .*clinic-daily-\d{4}-\d{2}-\d{2}\.db/);
    expect(readdirSync(t.dataDir)).toContain('clinic.db');
  });
});
