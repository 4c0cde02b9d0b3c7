import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite, type Sqlite } from '../../../src/main/core/db/open';
import { patientInserter } from '../../../src/main/core/imports/insert';
import type { ImportedPatient } from '../../../src/main/core/imports/rows';
import { tempCore, type TempCore } from '../../support/temp-core';

const patient = (i: number): ImportedPatient => ({
  fullName: `Patient ${i}`,
  dateOfBirth: `1980-01-${String(i).padStart(2, '0')}`,
  sex: i % 2 === 0 ? 'female' : 'unknown',
  phone: i % 3 === 0 ? '' : `+44 7700 9000${String(i).padStart(2, '0')}`,
  email: i % 2 === 0 ? `p${i}@example.org` : '',
  address: `${i} High Street`,
  emergencyContact: '',
  notes: i === 5 ? 'Notes "quoted"' : '',
  emailReminders: i % 2 === 0,
  externalId: i % 4 === 0 ? null : `X-${i}`,
});

/**
 * The import writes its rows a batch at a time (one multi-row INSERT), the rest at `flush()`:
 * the stored rows must be the ones written one by one — same ids, numbers and columns — for any
 * number of rows against the batch size.
 */
describe('the import inserter: batches write the same rows as one at a time', () => {
  const cores: TempCore[] = [];
  const open = async (): Promise<Sqlite> => {
    const t = await tempCore();
    cores.push(t);
    t.core.close();
    return openSqlite(t.core.dbPath);
  };
  const dbs: Sqlite[] = [];
  afterAll(() => {
    for (const db of dbs) db.close();
    for (const t of cores) t.cleanup();
  });

  const rowsOf = (db: Sqlite) => db.prepare('SELECT * FROM patients ORDER BY id').raw().all();

  it.each([1, 2, 3, 4, 7, 8, 9])('%i rows, batches of 4', async (rows) => {
    const batched = await open();
    const single = await open();
    dbs.push(batched, single);
    const inBatches = patientInserter(batched, 1_000, 4);
    const oneByOne = patientInserter(single, 1_000, 1);
    for (let i = 1; i <= rows; i += 1) {
      const p = patient(i);
      const digits = p.phone.replace(/\D+/g, '') || null;
      inBatches.add(p, p.fullName.toLowerCase(), digits);
      oneByOne.add(p, p.fullName.toLowerCase(), digits);
    }
    // Only whole batches are written before the flush.
    const count = (db: Sqlite) => db.prepare('SELECT count(*) FROM patients').pluck().get();
    expect(count(batched)).toBe(rows - (rows % 4));
    inBatches.flush();
    oneByOne.flush();
    expect(count(batched)).toBe(rows);
    expect(rowsOf(batched)).toEqual(rowsOf(single));
    expect(batched.prepare('SELECT patient_number FROM patients ORDER BY id').pluck().all()).toEqual(
      Array.from({ length: rows }, (_, i) => `P${String(i + 1).padStart(6, '0')}`),
    );
  });
});
