import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultMigrationsFolder } from '../../../src/main/core/db/locate';
import { migrateDatabase } from '../../../src/main/core/db/migrate';
import { openSqlite } from '../../../src/main/core/db/open';
import { ftsQuery } from '../../../src/main/core/patients/search';
import { tempDir } from '../../support/temp-core';

describe('migration 0002 (patient search index)', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('applies to a database of the previous version, indexing the patients already there', () => {
    const all = defaultMigrationsFolder();
    const dir = tempDir();
    dirs.push(dir);
    // The migrations folder as the previous version shipped it: everything before 0002.
    const previous = join(dir, 'previous');
    mkdirSync(join(previous, 'meta'), { recursive: true });
    cpSync(join(all, '0000_initial.sql'), join(previous, '0000_initial.sql'));
    cpSync(join(all, '0001_audit_log_append_only.sql'), join(previous, '0001_audit_log_append_only.sql'));
    const journal = JSON.parse(readFileSync(join(all, 'meta', '_journal.json'), 'utf8')) as {
      entries: { tag: string }[];
    };
    journal.entries = journal.entries.filter((e) => e.tag < '0002');
    writeFileSync(join(previous, 'meta', '_journal.json'), JSON.stringify(journal));

    const db = openSqlite(join(dir, 'clinic.db'));
    migrateDatabase(db, previous);
    const insert = db.prepare(
      `INSERT INTO patients (patient_number, full_name, search_name, date_of_birth, sex, phone, phone_digits)
       VALUES (?, ?, ?, '1970-01-01', 'female', ?, ?)`,
    );
    insert.run('P000001', 'Amara Garcia', 'amara garcia', '+44 7700 900123', '447700900123');
    insert.run('P000002', 'Ben Okafor', 'ben okafor', null, null);

    const state = migrateDatabase(db, all);
    expect(state.pending).toEqual([]);
    const find = (query: string) =>
      db
        .prepare<[string], { rowid: number }>('SELECT rowid FROM patients_fts WHERE patients_fts MATCH ?')
        .all(ftsQuery(query) ?? '')
        .map((r) => r.rowid);
    expect(find('garc')).toEqual([1]);
    expect(find('07700 900')).toEqual([1]);
    expect(find('oka')).toEqual([2]);
    // The triggers keep it in step from now on.
    db.prepare(
      "UPDATE patients SET full_name = 'Ben Adeyemi', search_name = 'ben adeyemi' WHERE id = 2",
    ).run();
    expect(find('oka')).toEqual([]);
    expect(find('adey')).toEqual([2]);
    db.prepare('DELETE FROM patients WHERE id = 1').run();
    expect(find('garc')).toEqual([]);
    db.close();
  });
});
