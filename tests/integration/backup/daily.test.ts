import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backupService } from '../../../src/main/core/backups/backups';
import { dailyBackups } from '../../../src/main/core/backups/daily';
import { defaultMigrationsFolder } from '../../../src/main/core/db/locate';
import { openSqlite } from '../../../src/main/core/db/open';
import { silentLogger } from '../../../src/main/core/logger';
import { settingsStore } from '../../../src/main/core/settings/store';
import { fixedClock, tempCore, type TempCore } from '../../support/temp-core';

describe('the daily backup', () => {
  let t: TempCore | undefined;
  afterEach(() => t?.cleanup());

  async function setup(iso: string) {
    const clock = fixedClock(iso);
    t = await tempCore({ demo: 'without-visits', clock });
    const sqlite = openSqlite(t.core.dbPath);
    const settings = settingsStore(sqlite);
    const backups = backupService({
      sqlite,
      dataDir: t.dataDir,
      migrationsFolder: defaultMigrationsFolder(),
      clock,
      settings,
      logger: silentLogger,
    });
    const onFailure = vi.fn();
    const onSuccess = vi.fn();
    const daily = dailyBackups({ backups, settings, clock, logger: silentLogger, onFailure, onSuccess });
    return { clock, daily, backups, onFailure, onSuccess, dir: join(t.dataDir, 'backups') };
  }

  it('backs up once per clinic day, and again the next day (also after the PC was off)', async () => {
    const { clock, daily, onSuccess, dir } = await setup('2026-11-29T07:00:00Z');
    expect(await daily.check()).toBe(true);
    expect(await daily.check()).toBe(false);
    clock.set('2026-11-29T23:30:00Z'); // 23:30 in London: still the same day
    expect(await daily.check()).toBe(false);
    clock.set('2026-12-03T06:00:00Z'); // switched off for three days
    expect(await daily.check()).toBe(true);
    expect(onSuccess).toHaveBeenCalledTimes(2);
    expect(readdirSync(dir).sort()).toEqual([
      'clinic-daily-2026-11-29.db',
      'clinic-daily-2026-12-03.db',
      'clinic-monthly-2026-11.db',
      'clinic-monthly-2026-12.db',
    ]);
  });

  it('reports a failure without data, and tries again at the next check', async () => {
    const { daily, backups, onFailure, dir } = await setup('2026-11-29T07:00:00Z');
    const spy = vi.spyOn(backups, 'runDaily').mockRejectedValueOnce(new Error('disk full'));
    expect(await daily.check()).toBe(false);
    expect(onFailure).toHaveBeenCalledWith(expect.stringMatching(/daily backup failed/));
    spy.mockRestore();
    expect(await daily.check()).toBe(true);
    expect(readdirSync(dir)).toContain('clinic-daily-2026-11-29.db');
  });
});
