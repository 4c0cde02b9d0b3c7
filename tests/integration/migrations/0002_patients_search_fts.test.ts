import { afterEach, describe, expect, it } from 'vitest';
import { ftsQuery } from '../../../src/main/core/patients/search';
import { databaseBefore, type DatabaseBefore } from '../../support/migrations';

describe('migration patients_search_fts (0002)', () => {
  let db: DatabaseBefore | undefined;
  afterEach(() => db?.cleanup());

  it('indexes the patients a database of the previous version already holds, then keeps in step', () => {
    db = databaseBefore('patients_search_fts');
    const insert = db.sqlite.prepare(
      `INSERT INTO patients (patient_number, full_name, search_name, date_of_birth, sex, phone, phone_digits, active)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    insert.run(
      'P000001',
      'Amara Garcia',
      'amara garcia',
      '1984-06-02',
      'female',
      '+44 7700 900123',
      '447700900123',
      1,
    );
    insert.run('P000002', 'Ben Okafor', 'ben okafor', '1951-11-30', 'male', null, null, 1);
    insert.run(
      'P000003',
      'Zoë Müller-Lindqvist',
      'zoe muller-lindqvist',
      '2019-02-14',
      'female',
      '0161 496 0000',
      '01614960000',
      0,
    );

    expect(
      db.sqlite.prepare(`SELECT name FROM sqlite_master WHERE name = 'patients_fts'`).get(),
    ).toBeUndefined();

    const { sqlite, state } = db.migrateToLatest();
    expect(state.pending).toEqual([]);
    const find = (query: string) =>
      sqlite
        .prepare<[string], { rowid: number }>(
          'SELECT rowid FROM patients_fts WHERE patients_fts MATCH ? ORDER BY rowid',
        )
        .all(ftsQuery(query) ?? '')
        .map((r) => r.rowid);
    expect(find('garc')).toEqual([1]);
    expect(find('07700 900')).toEqual([1]);
    expect(find('oka')).toEqual([2]);
    expect(find('lindq')).toEqual([3]);
    expect(find('0161 496')).toEqual([3]);
    // The triggers keep it in step from now on.
    sqlite
      .prepare("UPDATE patients SET full_name = 'Ben Adeyemi', search_name = 'ben adeyemi' WHERE id = 2")
      .run();
    expect(find('oka')).toEqual([]);
    expect(find('adey')).toEqual([2]);
    sqlite.prepare('DELETE FROM patients WHERE id = 1').run();
    expect(find('garc')).toEqual([]);
  });
});
