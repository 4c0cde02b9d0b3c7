import { afterEach, describe, expect, it } from 'vitest';
import { databaseBefore, type DatabaseBefore } from '../../support/migrations';

describe('migration patients_version (0006)', () => {
  let db: DatabaseBefore | undefined;
  afterEach(() => db?.cleanup());

  it('starts the counter once and moves it on every change patient search looks at, and only those', () => {
    db = databaseBefore('patients_version');
    const old = db.sqlite;
    old.exec(`INSERT INTO patients (patient_number, full_name, search_name, date_of_birth, sex, phone, phone_digits)
      VALUES ('P1', 'Ann A', 'ann a', '1980-01-01', 'female', '555 0101', '5550101'),
             ('P2', 'Bob B', 'bob b', '1975-05-05', 'male', NULL, NULL)`);

    const { sqlite, state } = db.migrateToLatest();
    expect(state.pending).toEqual([]);
    const version = (): number =>
      (sqlite.prepare('SELECT n FROM patients_version WHERE id = 1').get() as { n: number }).n;
    expect(sqlite.prepare('SELECT count(*) AS rows FROM patients_version').get()).toEqual({ rows: 1 });
    const start = version();

    sqlite.exec(`UPDATE patients SET notes = 'allergic to penicillin' WHERE id = 1`);
    sqlite.exec(`UPDATE patients SET address = '1 High St' WHERE id = 2`);
    expect(version()).toBe(start); // search does not look at notes or addresses

    sqlite.exec(`UPDATE patients SET search_name = 'ann b', full_name = 'Ann B' WHERE id = 1`);
    expect(version()).toBe(start + 1);
    sqlite.exec(`UPDATE patients SET phone_digits = '5550199' WHERE id = 2`);
    sqlite.exec(`UPDATE patients SET patient_number = 'P20' WHERE id = 2`);
    sqlite.exec(`UPDATE patients SET active = 0 WHERE id = 2`);
    expect(version()).toBe(start + 4);
    sqlite.exec(`INSERT INTO patients (patient_number, full_name, search_name, date_of_birth, sex)
      VALUES ('P3', 'Cy C', 'cy c', '1990-09-09', 'male')`);
    sqlite.exec(`DELETE FROM patients WHERE id = 3`);
    expect(version()).toBe(start + 6);

    // A second row would let two counters disagree: the table holds exactly one.
    expect(() => sqlite.exec(`INSERT INTO patients_version (id, n) VALUES (2, 0)`)).toThrow(/CHECK/);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
