import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../../src/main/core/api';
import { UserError } from '../../../src/main/core/errors';
import { value } from '../../support/clinic';
import { snapshotDatabase, tempCore, type TempCore } from '../../support/temp-core';
import { countRows, spreadsheet, stageFile, toCsvText } from './support';

const ADMIN = { fullName: 'Ada Admin', username: 'ada', password: 'correct horse battery' };
const actor = { userId: null, username: 'cli' };

/**
 * `cli import patients FILE` (core.imports.importPath) without a mapping: one worker reads the
 * file once, takes the mapping step's choice (the remembered mapping, else a guess) and imports.
 */
describe('importing a file on disk without a mapping', () => {
  let t: TempCore;
  let admin: Connection;
  beforeAll(async () => {
    t = await tempCore();
    admin = t.core.connect('test');
    await value(admin, 'auth/setup', ADMIN);
  });
  afterAll(() => t.cleanup());

  it('guesses the mapping, dry-runs without writing, imports the same, and remembers the mapping', async () => {
    const sheet = spreadsheet(1_000);
    const file = join(t.dataDir, 'patients.csv');
    writeFileSync(file, toCsvText(sheet.rows, ';'));
    const request = { mapping: null, dateOrder: 'DMY' as const, actor };

    const before = snapshotDatabase(t.core.dbPath);
    const progress: number[] = [];
    const dry = await t.core.imports.importPath(file, { ...request, dryRun: true }, (_rows, f) =>
      progress.push(f),
    );
    expect(snapshotDatabase(t.core.dbPath), 'a dry run writes nothing').toBe(before);
    expect(dry).toMatchObject({ dryRun: true, rows: 1_000, invalid: sheet.invalid, existing: sheet.repeats });
    expect(dry.added).toBe(1_000 - sheet.invalid - sheet.repeats);
    expect(progress.at(-1)).toBe(1);

    const real = await t.core.imports.importPath(file, { ...request, dryRun: false }, () => undefined);
    expect({ ...real, dryRun: true }).toEqual(dry);
    expect(countRows(t.core.dbPath, 'SELECT count(*) FROM patients')).toBe(dry.added);
    expect(countRows(t.core.dbPath, "SELECT count(*) FROM patients WHERE external_id = 'EX-10'")).toBe(1);

    const next = await value(admin, 'imports/inspect', {
      uploadId: await stageFile(admin, Buffer.from(toCsvText(sheet.rows, ','))),
    });
    expect(next).toMatchObject({ mappingRemembered: true, dateOrder: 'DMY' });
    expect(next.mapping).toMatchObject({ externalId: 'Patient ID', dateOfBirth: 'Date of Birth' });

    // The same file again: the remembered mapping is used, and everything is already there.
    const again = await t.core.imports.importPath(file, { ...request, dryRun: false }, () => undefined);
    expect(again).toMatchObject({ added: 0, rows: 1_000 });
  }, 120_000);

  it('refuses a hostile file with its sentence and writes nothing', async () => {
    const file = join(t.dataDir, 'formula.csv');
    writeFileSync(file, 'name,dob\r\nAna Ruiz,1980-04-05\r\n=1+1,1980-01-01\r\n');
    const before = snapshotDatabase(t.core.dbPath);
    const refused = await t.core.imports
      .importPath(file, { mapping: null, dateOrder: null, dryRun: false, actor }, () => undefined)
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as UserError).message).toMatch(/spreadsheet formula \(row 2, "name"\)/);
    expect(snapshotDatabase(t.core.dbPath)).toBe(before);
  }, 60_000);
});
