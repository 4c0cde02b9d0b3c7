import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultMigrationsFolder } from '../../../src/main/core/db/locate';
import { migrateDatabase, readJournal } from '../../../src/main/core/db/migrate';
import { openSqlite } from '../../../src/main/core/db/open';
import { migrationsBefore } from '../../support/migrations';
import { tempDir } from '../../support/temp-core';

const TAG = 'patients_active_index';

describe(`migration ${TAG}`, () => {
  const cleanup: string[] = [];
  afterEach(() => cleanup.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('adds the active-patients index to a database with patients in it, keeping them', () => {
    const previous = migrationsBefore(TAG);
    const dir = tempDir();
    cleanup.push(dir, join(previous, '..'));
    const path = join(dir, 'clinic.db');

    const old = openSqlite(path);
    migrateDatabase(old, previous);
    old.exec(`INSERT INTO patients (patient_number, full_name, search_name, date_of_birth, sex, active) VALUES
      ('P1', 'Ann A', 'ann a', '1980-01-01', 'female', 1), ('P2', 'Ben B', 'ben b', '1980-01-01', 'male', 0)`);
    expect(
      old.prepare(`SELECT name FROM sqlite_master WHERE name = 'patients_active_idx'`).get(),
    ).toBeUndefined();
    old.close();

    const sqlite = openSqlite(path);
    const state = migrateDatabase(sqlite, defaultMigrationsFolder());
    expect(state.pending).toEqual([]);
    expect(state.userVersion).toBe(readJournal(defaultMigrationsFolder()).length);
    expect(sqlite.prepare('SELECT count(*) AS n FROM patients WHERE active = 1').get()).toEqual({ n: 1 });
    const plan = sqlite
      .prepare<[], { detail: string }>('EXPLAIN QUERY PLAN SELECT count(*) FROM patients WHERE active = 1')
      .all()
      .map((row) => row.detail);
    expect(plan.join('\n')).toMatch(/USING COVERING INDEX patients_active_idx/);
    sqlite.close();
  });
});
