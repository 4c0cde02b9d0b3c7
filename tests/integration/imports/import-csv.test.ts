import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../../src/main/core/api';
import { value } from '../../support/clinic';
import { snapshotDatabase, tempCore, type TempCore } from '../../support/temp-core';
import { countRows, spreadsheet, stageFile, toCsvText, utf16be, windows1252 } from './support';

const ADMIN = { fullName: 'Ada Admin', username: 'ada', password: 'correct horse battery' };
const ROWS = 10_000;
const sheet = spreadsheet(ROWS);
const EXPECTED_ADDED = ROWS - sheet.invalid - sheet.repeats;

const ENCODINGS = [
  {
    name: 'UTF-8 with BOM, commas (Excel "CSV UTF-8")',
    encoding: 'utf-8',
    delimiter: ',',
    bytes: () =>
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(toCsvText(sheet.rows, ','), 'utf8')]),
  },
  {
    name: 'UTF-16 LE with BOM, tabs (Excel "Unicode text")',
    encoding: 'utf-16le',
    delimiter: '\t',
    bytes: () =>
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(toCsvText(sheet.rows, '\t'), 'utf16le')]),
  },
  {
    name: 'Windows-1252, semicolons (Excel "CSV" on a European Windows)',
    encoding: 'windows-1252',
    delimiter: ';',
    bytes: () => windows1252(toCsvText(sheet.rows, ';')),
  },
] as const;

describe.each(ENCODINGS)('importing a 10,000-row spreadsheet: $name', ({ encoding, delimiter, bytes }) => {
  let t: TempCore;
  let admin: Connection;
  beforeAll(async () => {
    t = await tempCore();
    admin = t.core.connect('test');
    await value(admin, 'auth/setup', ADMIN);
  });
  afterAll(() => t.cleanup());

  it('guesses the mapping, dry-runs, imports what the dry run said, and adds nothing the second time', async () => {
    const file = bytes();
    const uploadId = await stageFile(admin, file);
    const inspection = await value(admin, 'imports/inspect', { uploadId });
    expect(inspection.encoding).toBe(encoding);
    expect(inspection.delimiter).toBe(delimiter);
    expect(inspection.mapping).toEqual({
      externalId: 'Patient ID',
      firstName: 'First Name',
      lastName: 'Last Name',
      dateOfBirth: 'Date of Birth',
      sex: 'Gender',
      phone: 'Mobile',
      email: 'E-mail',
      address: 'Home Address',
      notes: 'Comments',
      emailReminders: 'Reminders',
    });
    expect(inspection.dateOrder).toBeNull();
    const request = { uploadId, mapping: inspection.mapping, dateOrder: 'DMY' as const };

    const before = snapshotDatabase(t.core.dbPath);
    const dry = await value(admin, 'imports/dryRun', request);
    expect(snapshotDatabase(t.core.dbPath), 'a dry run writes nothing').toBe(before);
    expect(dry).toMatchObject({ dryRun: true, rows: ROWS, added: EXPECTED_ADDED, existing: sheet.repeats });
    expect(dry.invalid).toBe(sheet.invalid);

    const real = await value(admin, 'imports/run', request);
    expect({ ...real, dryRun: true }).toEqual(dry);
    expect(countRows(t.core.dbPath, 'SELECT count(*) FROM patients')).toBe(EXPECTED_ADDED);

    // Row 10 (day 11, month 11, 1940): accents, an email, an address with a comma and a line break.
    const db = t.core.connectAs('ada', 'test');
    const id = countRows(t.core.dbPath, "SELECT id FROM patients WHERE external_id = 'EX-10'");
    const patient = await value(db, 'patients/get', { id });
    expect(patient).toMatchObject({
      fullName: 'Núria Núñez-10',
      dateOfBirth: '1940-11-11',
      phone: '+34 610000010',
      email: 'patient10@example.com',
      address: 'Calle Mayor 10, 2º\nMadrid',
      emailReminders: false,
    });
    // Windows-1252's typographic apostrophe (0x92) is not Latin-1's control character.
    const nine = countRows(t.core.dbPath, "SELECT id FROM patients WHERE external_id = 'EX-9'");
    expect((await value(db, 'patients/get', { id: nine })).fullName).toBe('Chloé O’Brien-9');
    // Reminder consent only where the mapped column says yes (row 4: "Yes", with an email).
    expect(
      countRows(
        t.core.dbPath,
        "SELECT count(*) FROM patients WHERE email_reminders = 1 AND external_id = 'EX-4'",
      ),
    ).toBe(1);
    expect(countRows(t.core.dbPath, "SELECT count(*) FROM patients WHERE external_id = 'EX-3'")).toBe(1);
    expect(
      countRows(
        t.core.dbPath,
        "SELECT count(*) FROM audit_log WHERE action = 'import' AND summary LIKE '%9968 added%'",
      ),
    ).toBe(1);

    // The same file again: everything is already there, nothing is added.
    const again = await value(admin, 'imports/run', { ...request, uploadId: await stageFile(admin, file) });
    expect(again).toMatchObject({ added: 0, rows: ROWS, invalid: sheet.invalid });
    expect(countRows(t.core.dbPath, 'SELECT count(*) FROM patients')).toBe(EXPECTED_ADDED);

    // The mapping and the date order are remembered for the next file with these headers.
    const next = await value(admin, 'imports/inspect', { uploadId: await stageFile(admin, file) });
    expect(next).toMatchObject({ mappingRemembered: true, dateOrder: 'DMY', mapping: inspection.mapping });
  }, 300_000);

  it('lists the rows not added in a CSV with a reason column, formulas neutralised', async () => {
    const uploadId = await stageFile(admin, bytes());
    const inspection = await value(admin, 'imports/inspect', { uploadId });
    const dry = await value(admin, 'imports/dryRun', {
      uploadId,
      mapping: inspection.mapping,
      dateOrder: 'DMY',
    });
    const lines = dry.rejectedCsv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'Patient ID,First Name,Last Name,Date of Birth,Gender,Mobile,E-mail,Home Address,Comments,Reminders,reason',
    );
    expect(dry.rejectedCsv).toContain('EX-500,');
    expect(dry.rejectedCsv).toContain('The date of birth is not a date');
    expect(dry.rejectedCsv).toMatch(/EX-1,.*Already imported as P\d{6}\./);
    // Phones start with "+": in the file they are data, in the rejected CSV they are neutralised.
    expect(dry.rejectedCsv).toContain(`,"'+34 6`);
  }, 120_000);
});

describe('the import: the date order and the same-person rules', () => {
  let t: TempCore;
  let admin: Connection;
  beforeAll(async () => {
    t = await tempCore();
    admin = t.core.connect('test');
    await value(admin, 'auth/setup', ADMIN);
  });
  afterAll(() => t.cleanup());

  it('asks for the date order when a date reads both ways, and reads it as the clinic says', async () => {
    const csv = 'Name,DOB,Phone\r\nAna Ruiz,04/05/1980,\r\nBen Cole,25/12/1970,\r\n';
    const uploadId = await stageFile(admin, Buffer.from(csv));
    const mapping = { fullName: 'Name', dateOfBirth: 'DOB', phone: 'Phone' };
    const unknown = await value(admin, 'imports/dryRun', { uploadId, mapping });
    expect(unknown).toMatchObject({ added: 1, invalid: 1 });
    expect(unknown.reasons).toEqual({
      'The date of birth reads both day-first and month-first; choose the date order.': 1,
    });
    const us = await value(admin, 'imports/run', { uploadId, mapping, dateOrder: 'MDY' });
    expect(us).toMatchObject({ added: 1, invalid: 1 });
    expect(countRows(t.core.dbPath, "SELECT count(*) FROM patients WHERE date_of_birth = '1980-04-05'")).toBe(
      1,
    );
  });

  it('reads UTF-16 BE with its mark and UTF-8 without one', async () => {
    const rows = spreadsheet(30).rows.slice(20);
    for (const [bytes, encoding] of [
      [Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(toCsvText(rows, '\t'))]), 'utf-16be'],
      [Buffer.from(toCsvText(rows, ',').replace(/EX-/g, 'NB-'), 'utf8'), 'utf-8'],
    ] as const) {
      const uploadId = await stageFile(admin, bytes);
      const inspection = await value(admin, 'imports/inspect', { uploadId });
      expect(inspection.encoding).toBe(encoding);
      const run = await value(admin, 'imports/run', {
        uploadId,
        mapping: inspection.mapping,
        dateOrder: 'DMY',
      });
      expect(run).toMatchObject({ rows: 10, added: 10 - run.existing });
    }
    expect(
      countRows(t.core.dbPath, "SELECT count(*) FROM patients WHERE full_name = 'Seán O’Brien-29'"),
    ).toBe(1);
  });

  it('treats a registered patient (same name and birth date, or same phone) as already there', async () => {
    await value(t.core.connectAs('ada', 'test'), 'patients/register', {
      fullName: 'Grace Hopper',
      dateOfBirth: '1906-12-09',
      sex: 'female',
      phone: '+1 555 010 0001',
    });
    const csv = [
      'name;born;tel',
      'GRACE HOPPER;1906-12-09;',
      'Someone Else;1950-01-01;+1 (555) 010-0001',
      'Alan Turing;1912-06-23;+44 1000 000000',
    ].join('\n');
    const uploadId = await stageFile(admin, Buffer.from(csv));
    const run = await value(admin, 'imports/run', {
      uploadId,
      mapping: { fullName: 'name', dateOfBirth: 'born', phone: 'tel' },
    });
    expect(run).toMatchObject({ rows: 3, added: 1, existing: 2, invalid: 0 });
    expect(run.rejectedCsv).toContain('(same name and date of birth)');
    expect(run.rejectedCsv).toContain('(same phone)');
  });
});
