import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../../src/main/core/api';
import { expectRefused, value } from '../../support/clinic';
import { tempCore, type TempCore } from '../../support/temp-core';
import { countRows, stageFile } from './support';

const mapping = { fullName: 'name', dateOfBirth: 'dob', phone: 'phone' };
const good = 'Ana Ruiz,1980-04-05,+34 600 000 001\r\n';

/** Each file is refused with a sentence that says what to do, and nothing at all is written. */
const HOSTILE: { name: string; bytes: () => Buffer; sentence: RegExp }[] = [
  {
    name: 'a formula cell (=HYPERLINK)',
    bytes: () => Buffer.from(`name,dob,phone\r\n${good}"=HYPERLINK(""http://evil"",""x"")",1980-01-01,\r\n`),
    sentence: /spreadsheet formula \(row 2, "name"\).*replace them with their values/,
  },
  {
    name: 'a DDE payload behind a plus sign',
    bytes: () => Buffer.from(`name,dob,phone\r\n${good}Bob,1980-01-01,+cmd|' /C calc'!A0\r\n`),
    sentence: /spreadsheet formula \(row 2, "phone"\)/,
  },
  {
    name: 'a 10 MB single cell',
    bytes: () => Buffer.from(`name,dob,phone\r\n${good}"${'A'.repeat(10 * 1024 * 1024)}",1980-01-01,\r\n`),
    sentence: /Row 2, column 1 holds 10,485,760 characters; no patient detail is that long/,
  },
  {
    name: 'embedded NUL bytes',
    bytes: () => Buffer.from(`name,dob,phone\r\n${good}Bo\0b,1980-01-01,\r\n`),
    sentence: /NUL characters \(first on line 3\).*not plain CSV text/,
  },
  {
    name: 'a million empty lines and no rows',
    bytes: () => Buffer.from(`name,dob,phone\r\n${'\r\n'.repeat(1_000_000)}`),
    sentence: /^The file has a header row but no patient rows\.$/,
  },
  {
    name: 'UTF-16 without a byte-order mark',
    bytes: () => Buffer.from(`name,dob,phone\r\n${good}`, 'utf16le'),
    sentence: /NUL characters.*Save it again as CSV/,
  },
  {
    name: 'broken UTF-16 (a BOM, then half a character)',
    bytes: () =>
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name,dob\r\n', 'utf16le'), Buffer.from([0x41])]),
    sentence: /not valid text in any encoding a spreadsheet writes/,
  },
  {
    name: 'an Excel workbook instead of a CSV',
    bytes: () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(2000, 1)]),
    sentence: /Excel workbook or another zip file, not a CSV file/,
  },
  {
    name: 'two columns with one heading',
    bytes: () => Buffer.from(`name,dob,name\r\n${good}`),
    sentence: /Two columns are both headed "name"/,
  },
];

describe('hostile files are refused with a sentence and change nothing', () => {
  let t: TempCore;
  let admin: Connection;
  beforeAll(async () => {
    t = await tempCore();
    admin = t.core.connect('test');
    await value(admin, 'auth/setup', {
      fullName: 'Ada Admin',
      username: 'ada',
      password: 'correct horse battery',
    });
  });
  afterAll(() => t.cleanup());

  it.each(HOSTILE)('$name', async ({ bytes, sentence }) => {
    const uploadId = await stageFile(admin, bytes());
    const message = await expectRefused(
      t.core.dbPath,
      admin,
      'imports/run',
      { uploadId, mapping },
      'invalid_input',
      sentence,
    );
    expect(message).not.toMatch(/\n\s+at /);
    await expectRefused(
      t.core.dbPath,
      admin,
      'imports/dryRun',
      { uploadId, mapping },
      'invalid_input',
      sentence,
    );
    expect(countRows(t.core.dbPath, 'SELECT count(*) FROM patients')).toBe(0);
  });

  it('a mapping that names a column the file does not have is refused', async () => {
    const uploadId = await stageFile(admin, Buffer.from(`name,dob,phone\r\n${good}`));
    await expectRefused(
      t.core.dbPath,
      admin,
      'imports/run',
      { uploadId, mapping: { fullName: 'Name', dateOfBirth: 'dob' } },
      'invalid_input',
      /The column "Name" chosen for fullName is not in the file\./,
    );
  });

  it('reception and doctors cannot import', async () => {
    const reception = t.core.connect('test');
    const refused = await reception.call('imports/stage', { chunk: 'bmFtZQ==' });
    expect(refused.ok).toBe(false);
  });
});
