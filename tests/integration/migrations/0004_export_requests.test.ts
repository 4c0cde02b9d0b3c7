import { afterEach, describe, expect, it } from 'vitest';
import { databaseBefore, type DatabaseBefore } from '../../support/migrations';

describe('migration export_requests (0004)', () => {
  let db: DatabaseBefore | undefined;
  afterEach(() => db?.cleanup());

  it('keeps every existing export, allows requested/refused, and adds email_changed_at to patients', () => {
    db = databaseBefore('export_requests');
    const old = db.sqlite;
    old.exec(`INSERT INTO patients (patient_number, full_name, search_name, date_of_birth, sex, email)
      VALUES ('P1', 'Ann A', 'ann a', '1980-01-01', 'female', 'ann@example.org')`);
    old.exec(`INSERT INTO exports (kind, patient_id, status, rows, file_path, created_at, finished_at)
      VALUES ('patient_history', 1, 'done', 3, '/x/history-P1-1.csv', 1000, 2000),
             ('range', NULL, 'failed', 0, NULL, 3000, 4000)`);
    expect(() => old.exec(`UPDATE exports SET status = 'requested' WHERE id = 1`)).toThrow(/CHECK/);

    const { sqlite, state } = db.migrateToLatest();
    expect(state.pending).toEqual([]);
    expect(
      sqlite
        .prepare('SELECT id, kind, status, rows, file_path, email_to, decided_by FROM exports ORDER BY id')
        .all(),
    ).toEqual([
      {
        id: 1,
        kind: 'patient_history',
        status: 'done',
        rows: 3,
        file_path: '/x/history-P1-1.csv',
        email_to: null,
        decided_by: null,
      },
      { id: 2, kind: 'range', status: 'failed', rows: 0, file_path: null, email_to: null, decided_by: null },
    ]);
    sqlite.exec(`UPDATE exports SET status = 'requested' WHERE id = 2`);
    expect(() => sqlite.exec(`UPDATE exports SET status = 'lost' WHERE id = 2`)).toThrow(/CHECK/);
    expect(sqlite.prepare('SELECT email_changed_at FROM patients').get()).toEqual({ email_changed_at: null });
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
