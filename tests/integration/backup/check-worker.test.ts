import { copyFileSync, existsSync, openSync, closeSync, readdirSync, writeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupService, type BackupProgress } from '../../../src/main/core/backups/backups';
import { defaultMigrationsFolder } from '../../../src/main/core/db/locate';
import { openSqlite } from '../../../src/main/core/db/open';
import { silentLogger } from '../../../src/main/core/logger';
import { settingsStore } from '../../../src/main/core/settings/store';
import { fixedClock, tempCore, type TempCore } from '../../support/temp-core';

/** The daily backup's copy is switched out of WAL and verified in a worker thread. */
describe('the backup check off the main thread', () => {
  let t: TempCore | undefined;
  afterEach(() => t?.cleanup());

  async function setup(checkWorker?: string) {
    const clock = fixedClock('2026-11-29T07:00:00Z');
    t = await tempCore({ demo: 'without-visits', clock });
    const sqlite = openSqlite(t.core.dbPath);
    const settings = settingsStore(sqlite);
    const progress: BackupProgress[] = [];
    const backups = backupService({
      sqlite,
      dataDir: t.dataDir,
      migrationsFolder: defaultMigrationsFolder(),
      clock,
      settings,
      logger: silentLogger,
      onProgress: (p) => progress.push(p),
      ...(checkWorker ? { checkWorker } : {}),
    });
    return { backups, settings, progress, dir: join(t.dataDir, 'backups') };
  }

  it('copies step by step, then the worker makes the copy self-contained and checks it, in that order', async () => {
    const { backups, progress, dir } = await setup();
    await backups.runDaily();
    const steps = progress.map((p) => p.step);
    expect(steps.at(-2)).toBe('self-contained');
    expect(steps.at(-1)).toBe('integrity-check');
    const copies = progress.filter((p) => p.step === 'copy');
    expect(copies.length).toBeGreaterThan(0);
    expect(copies.at(-1)).toMatchObject({ remainingPages: 0 });
    expect(readdirSync(dir)).toContain('clinic-daily-2026-11-29.db');
    const db = openSqlite(join(dir, 'clinic-daily-2026-11-29.db'), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    db.close();
  });

  it('refuses a damaged copy', async () => {
    const { backups, dir } = await setup();
    await backups.runDaily();
    const damaged = join(t!.dataDir, 'damaged.db');
    copyFileSync(join(dir, 'clinic-daily-2026-11-29.db'), damaged);
    // Garbage over the middle of the file: b-tree pages of the tables, not the header.
    const fd = openSync(damaged, 'r+');
    const size = statSync(damaged).size;
    writeSync(fd, Buffer.alloc(16384, 0x5a), 0, 16384, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
    const check = await backups.verify(damaged);
    expect(check.ok).toBe(false);
    expect(check.message).toMatch(/damaged|not a readable/);
    expect((await backups.verify(join(dir, 'clinic-daily-2026-11-29.db'))).ok).toBe(true);
  });

  it('a check that cannot run never counts as verified: no backup, no "last backup"', async () => {
    const { backups, settings, dir } = await setup(join(t?.dataDir ?? '/nonexistent', 'no-such-worker.js'));
    await expect(backups.runDaily()).rejects.toThrow(/could not be verified/);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    expect(settings.get('lastBackupAt')).toBeNull();
  });
});
