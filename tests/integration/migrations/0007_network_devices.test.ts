import { afterEach, describe, expect, it } from 'vitest';
import { databaseBefore, type DatabaseBefore } from '../../support/migrations';

describe('migration network_devices (0007)', () => {
  let db: DatabaseBefore | undefined;
  afterEach(() => db?.cleanup());

  it('adds paired devices and pairing codes next to the existing data, with one device per secret', () => {
    db = databaseBefore('network_devices');
    const old = db.sqlite;
    old.exec(`INSERT INTO patients (patient_number, full_name, search_name, date_of_birth, sex)
      VALUES ('P1', 'Ann A', 'ann a', '1980-01-01', 'female')`);
    expect(() => old.exec('SELECT 1 FROM network_devices')).toThrow(/no such table/);

    const { sqlite, state } = db.migrateToLatest();
    expect(state.pending).toEqual([]);
    expect(sqlite.prepare('SELECT patient_number FROM patients').all()).toEqual([{ patient_number: 'P1' }]);
    expect(sqlite.prepare('SELECT count(*) AS n FROM network_devices').get()).toEqual({ n: 0 });

    sqlite.exec(
      `INSERT INTO network_devices (name, secret_hash, paired_at) VALUES ('Room 2', 'hash-a', 1000)`,
    );
    expect(() =>
      sqlite.exec(
        `INSERT INTO network_devices (name, secret_hash, paired_at) VALUES ('Room 3', 'hash-a', 2000)`,
      ),
    ).toThrow(/UNIQUE/);
    sqlite.exec(`INSERT INTO network_pairing_codes (code_hash, created_at, expires_at, used_at, device_id)
      VALUES ('code-a', 1000, 601000, 1500, 1)`);
    sqlite.pragma('foreign_keys = ON');
    expect(() =>
      sqlite.exec(
        `INSERT INTO network_pairing_codes (code_hash, created_at, expires_at, device_id) VALUES ('code-b', 1, 2, 99)`,
      ),
    ).toThrow(/FOREIGN KEY/);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
