import { afterEach, describe, expect, it } from 'vitest';
import { defaultMigrationsFolder } from '../../../src/main/core/db/locate';
import { readJournal } from '../../../src/main/core/db/migrate';
import { databaseBefore, type DatabaseBefore } from '../../support/migrations';

describe('migration patients_active_index (0003)', () => {
  let db: DatabaseBefore | undefined;
  afterEach(() => db?.cleanup());

  it('adds the active-patients index to a database with patients in it, keeping them', () => {
    db = databaseBefore('patients_active_index');
    db.sqlite.exec(`INSERT INTO patients
      (patient_number, full_name, search_name, date_of_birth, sex, phone, phone_digits, active, deactivated_reason) VALUES
      ('P000001', 'Amara Garcia', 'amara garcia', '1984-06-02', 'female', '+44 7700 900123', '447700900123', 1, NULL),
      ('P000002', 'Ben Okafor', 'ben okafor', '1951-11-30', 'male', NULL, NULL, 0, 'Moved away'),
      ('P000003', 'Chen Wei', 'chen wei', '1999-09-09', 'male', '0161 496 0000', '01614960000', 1, NULL)`);
    expect(
      db.sqlite.prepare(`SELECT name FROM sqlite_master WHERE name = 'patients_active_idx'`).get(),
    ).toBeUndefined();

    const { sqlite, state } = db.migrateToLatest();
    expect(state.pending).toEqual([]);
    expect(state.userVersion).toBe(readJournal(defaultMigrationsFolder()).length);
    expect(sqlite.prepare('SELECT patient_number, active FROM patients ORDER BY id').all()).toEqual([
      { patient_number: 'P000001', active: 1 },
      { patient_number: 'P000002', active: 0 },
      { patient_number: 'P000003', active: 1 },
    ]);
    expect(sqlite.prepare('SELECT count(*) AS n FROM patients WHERE active = 1').get()).toEqual({ n: 2 });
    const plan = sqlite
      .prepare<[], { detail: string }>('EXPLAIN QUERY PLAN SELECT count(*) FROM patients WHERE active = 1')
      .all()
      .map((row) => row.detail);
    expect(plan.join('\n')).toMatch(/USING COVERING INDEX patients_active_idx/);
  });
});
