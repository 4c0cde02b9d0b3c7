import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-core';
import { cli } from '../../support/cli-process';

// Issue 9 item 4: `cli export … --out FILE` / `cli backup --out FILE` overwrote any file, the live
// clinic.db included. Every case here runs the real CLI process and checks the database bytes.

/** Spawning the CLI many times is slow on a loaded machine; CI is quiet, this is only headroom. */
const SLOW = 600_000;

const hash = (file: string) =>
  existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'absent';

describe('cli --out never overwrites what it must not (issue 9 item 4)', { timeout: SLOW }, () => {
  const dataDir = tempDir('clinic-desk-out-');
  const database = join(dataDir, 'clinic.db');
  const elsewhere = tempDir('clinic-desk-out-target-');
  const databaseFiles = () => ['', '-wal', '-shm'].map((s) => hash(`${database}${s}`)).join();

  beforeAll(async () => {
    const seeded = await cli('seed', '--demo', '--data-dir', dataDir, '--json');
    expect(seeded.code).toBe(0);
    const backup = await cli('backup', '--data-dir', dataDir);
    expect(backup.code).toBe(0);
  }, SLOW);

  /** The command is refused with a sentence (no stack) and the database files are byte-identical. */
  async function expectRefused(args: string[], sentence: RegExp) {
    const before = databaseFiles();
    const result = await cli(...args, '--data-dir', dataDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(sentence);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(databaseFiles()).toBe(before);
  }

  const database_ = /is the clinic database or one of its backups/;

  it('refuses an existing file without --force and replaces it with --force', async () => {
    const target = join(elsewhere, 'kept.csv');
    writeFileSync(target, 'precious');
    await expectRefused(['backup', '--out', target], /already exists.*--force/);
    await expectRefused(['export', 'history', '--patient', '1', '--out', target], /already exists.*--force/);
    expect(readFileSync(target, 'utf8')).toBe('precious');

    const forced = await cli('backup', '--out', target, '--force', '--data-dir', dataDir);
    expect(forced.code).toBe(0);
    expect(readFileSync(target).subarray(0, 15).toString()).toBe('SQLite format 3');
  });

  it('never writes onto clinic.db or its -wal/-shm, even with --force', async () => {
    for (const file of ['clinic.db', 'clinic.db-wal', 'clinic.db-shm']) {
      await expectRefused(['backup', '--out', join(dataDir, file), '--force'], database_);
      await expectRefused(
        ['export', 'history', '--patient', '1', '--out', join(dataDir, file), '--force'],
        database_,
      );
    }
  });

  it('never writes anything under backups/, new file or old', async () => {
    await expectRefused(['backup', '--out', join(dataDir, 'backups', 'mine.db')], database_);
    const existing = join(dataDir, 'backups', 'copy.csv');
    mkdirSync(join(dataDir, 'backups'), { recursive: true });
    writeFileSync(existing, 'x');
    await expectRefused(['export', 'history', '--patient', '1', '--out', existing, '--force'], database_);
    expect(readFileSync(existing, 'utf8')).toBe('x');
  });

  it('sees through a symlink, a `..` spelling and a hard link to the database', async () => {
    const link = join(elsewhere, 'innocent.db');
    symlinkSync(database, link);
    await expectRefused(['backup', '--out', link, '--force'], database_);

    // Not normalised: the CLI gets the `..` segments as typed (both folders are in the temp dir).
    const dotted = `${elsewhere}/../${basename(dataDir)}/backups/../clinic.db`;
    await expectRefused(['export', 'history', '--patient', '1', '--out', dotted, '--force'], database_);

    const hard = join(elsewhere, 'hard.db');
    linkSync(database, hard);
    await expectRefused(['backup', '--out', hard, '--force'], database_);
  });
});
