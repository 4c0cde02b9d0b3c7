import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type NetworkJoiner } from '../../../src/main/core';
import { silentLogger } from '../../../src/main/core/logger';
import { fixedClock, TEST_SCRYPT, tempDir } from '../../support/temp-core';

const JOIN = {
  address: '192.168.1.20:7443',
  code: 'ABCD-2345',
  fingerprint: Array(32).fill('AB').join(':'),
  deviceName: 'Consulting room 2',
};

/** The desktop shell's joiner as the core sees it: pairs (or is refused), keeps its pairing. */
const joiner = (outcome: 'paired' | 'refused'): NetworkJoiner => ({
  probe: (address) => Promise.resolve({ address, fingerprint: JOIN.fingerprint }),
  join: () =>
    outcome === 'paired'
      ? Promise.resolve()
      : Promise.reject(new Error('The pairing code is wrong or has expired.')),
});

/**
 * A PC joined to a host from its first-run screen never opens its own database again; the empty
 * one that first run made is removed as the core closes for the restart, and never a database with
 * anything in it.
 */
describe("the first run's database on a PC that joins a host", () => {
  const folders: string[] = [];
  const firstRun = async (outcome: 'paired' | 'refused') => {
    const dataDir = tempDir('clinic-desk-first-run-');
    folders.push(dataDir);
    const core = await createCore({
      dataDir,
      logger: silentLogger,
      passwordCost: TEST_SCRYPT,
      clock: fixedClock('2026-03-11T08:00:00Z'),
      networkJoiner: joiner(outcome),
    });
    return { dataDir, core, window: core.connect('ipc') };
  };
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('is removed once the join succeeded, with its write-ahead files and the empty backups folder', async () => {
    const { dataDir, core, window } = await firstRun('paired');
    // The app's first run makes the backups folder for its daily job; the join, network/.
    for (const folder of ['backups', 'network']) mkdirSync(join(dataDir, folder));
    expect(readdirSync(dataDir).sort()).toEqual([
      'backups',
      'clinic.db',
      'clinic.db-shm',
      'clinic.db-wal',
      'network',
    ]);
    expect(await window.call('network/join', JOIN)).toEqual({ ok: true, value: { restarting: true } });
    core.close();
    expect(readdirSync(dataDir)).toEqual(['network']);
  });

  it('stays when the join was refused', async () => {
    const { dataDir, core, window } = await firstRun('refused');
    const refused = await window.call('network/join', JOIN);
    expect(refused).toMatchObject({
      ok: false,
      error: { message: 'The pairing code is wrong or has expired.' },
    });
    core.close();
    expect(existsSync(join(dataDir, 'clinic.db'))).toBe(true);
  });

  it('stays when somebody set the clinic up after the join, before the restart', async () => {
    const { dataDir, core, window } = await firstRun('paired');
    expect((await window.call('network/join', JOIN)).ok).toBe(true);
    // Another window of the same app, in the half second before the restart.
    const other = core.connect('ipc');
    const setUp = await other.call('auth/setup', {
      fullName: 'Ada Admin',
      username: 'ada',
      password: 'correct horse battery',
    });
    expect(setUp.ok).toBe(true);
    core.close();
    expect(existsSync(join(dataDir, 'clinic.db'))).toBe(true);
  });

  it('keeps a backups folder that holds anything', async () => {
    const { dataDir, core, window } = await firstRun('paired');
    mkdirSync(join(dataDir, 'backups'));
    writeFileSync(join(dataDir, 'backups', 'clinic-daily-2026-03-10.db'), 'a backup');
    expect((await window.call('network/join', JOIN)).ok).toBe(true);
    core.close();
    expect(readdirSync(dataDir)).toEqual(['backups']);
    expect(readdirSync(join(dataDir, 'backups'))).toEqual(['clinic-daily-2026-03-10.db']);
  });
});
