import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/main/core/errors';
import { value } from '../../support/clinic';
import { snapshotDatabase } from '../../support/temp-core';
import { countRows, spreadsheet, stageFile, toCsvText, useAdminClinic } from './support';
const actor = { userId: null, username: 'cli' };

/**
 * `cli import patients FILE` (core.imports.importPath) without a mapping: one worker reads the
 * file once, takes the mapping step's choice (the remembered mapping, else a guess) and imports.
 */
describe('importing a file on disk without a mapping', () => {
  const clinic = useAdminClinic();

  it('guesses the mapping, dry-runs without writing, imports the same, and remembers the mapping', async () => {
    const sheet = spreadsheet(1_000);
    const file = join(clinic.t.dataDir, 'patients.csv');
    writeFileSync(file, toCsvText(sheet.rows, ';'));
    const request = { mapping: null, dateOrder: 'DMY' as const, actor };

    const before = snapshotDatabase(clinic.t.core.dbPath);
    const progress: number[] = [];
    const dry = await clinic.t.core.imports.importPath(file, { ...request, dryRun: true }, (_rows, f) =>
      progress.push(f),
    );
    expect(snapshotDatabase(clinic.t.core.dbPath), 'a dry run writes nothing').toBe(before);
    expect(dry).toMatchObject({ dryRun: true, rows: 1_000, invalid: sheet.invalid, existing: sheet.repeats });
    expect(dry.added).toBe(1_000 - sheet.invalid - sheet.repeats);
    expect(progress.at(-1)).toBe(1);

    const real = await clinic.t.core.imports.importPath(file, { ...request, dryRun: false }, () => undefined);
    expect({ ...real, dryRun: true }).toEqual(dry);
    expect(countRows(clinic.t.core.dbPath, 'SELECT count(*) FROM patients')).toBe(dry.added);
    expect(countRows(clinic.t.core.dbPath, "SELECT count(*) FROM patients WHERE external_id = 'EX-10'")).toBe(
      1,
    );

    const next = await value(clinic.admin, 'imports/inspect', {
      uploadId: await stageFile(clinic.admin, Buffer.from(toCsvText(sheet.rows, ','))),
    });
    expect(next).toMatchObject({ mappingRemembered: true, dateOrder: 'DMY' });
    expect(next.mapping).toMatchObject({ externalId: 'Patient ID', dateOfBirth: 'Date of Birth' });

    // The same file again: the remembered mapping is used, and everything is already there.
    const again = await clinic.t.core.imports.importPath(
      file,
      { ...request, dryRun: false },
      () => undefined,
    );
    expect(again).toMatchObject({ added: 0, rows: 1_000 });
  }, 120_000);

  it('refuses a hostile file with its sentence and writes nothing', async () => {
    const file = join(clinic.t.dataDir, 'formula.csv');
    writeFileSync(file, 'name,dob\r\nAna Ruiz,1980-04-05\r\n=1+1,1980-01-01\r\n');
    const before = snapshotDatabase(clinic.t.core.dbPath);
    const refused = await clinic.t.core.imports
      .importPath(file, { mapping: null, dateOrder: null, dryRun: false, actor }, () => undefined)
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as UserError).message).toMatch(/spreadsheet formula \(row 2, "name"\)/);
    expect(snapshotDatabase(clinic.t.core.dbPath)).toBe(before);
  }, 60_000);
});
