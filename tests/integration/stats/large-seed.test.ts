import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock, snapshotDatabase, tempCore, type TempCore } from '../../support/temp-core';

const SIZE = { patients: 500, doctors: 5, years: 2 };
const CLINIC_TABLES = [
  'departments',
  'doctors',
  'doctor_availability',
  'patients',
  'appointments',
  'treatments',
];

/** The generated clinic's rows (passwords are salted, so staff hashes are left out). */
function clinicRows(dbPath: string): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    const dump: Record<string, unknown[]> = {};
    for (const table of CLINIC_TABLES) dump[table] = db.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
    dump['staff_users'] = db
      .prepare('SELECT id, username, role, doctor_id FROM staff_users ORDER BY id')
      .all();
    return JSON.stringify(dump);
  } finally {
    db.close();
  }
}

describe('large clinic generator', () => {
  const cores: TempCore[] = [];
  afterEach(() => cores.splice(0).forEach((t) => t.cleanup()));

  async function generate(seed: number) {
    const t = await tempCore({ clock: fixedClock('2026-03-10T12:00:00Z') });
    cores.push(t);
    const phases: string[] = [];
    const result = await t.core.seedLarge({ ...SIZE, seed, onProgress: (phase) => phases.push(phase) });
    return { t, result, phases };
  }

  it('builds the same clinic from the same seed, and another from another seed', async () => {
    const a = await generate(7);
    const b = await generate(7);
    const c = await generate(8);
    expect(clinicRows(a.t.core.dbPath)).toBe(clinicRows(b.t.core.dbPath));
    expect(clinicRows(a.t.core.dbPath)).not.toBe(clinicRows(c.t.core.dbPath));
    expect(a.result).toMatchObject({ patients: 500, doctors: 5, departments: 8 });
    expect(a.phases.at(-1)).toBe('done');
  });

  it('makes a realistic, consistent clinic and leaves the database in its safe modes', async () => {
    const { t, result } = await generate(7);
    // About ten appointments per patient, most past ones completed, most completed ones treated.
    expect(result.appointments / SIZE.patients).toBeGreaterThan(8);
    expect(result.appointments / SIZE.patients).toBeLessThan(12);
    const db = new Database(t.core.dbPath, { readonly: true });
    try {
      const status = Object.fromEntries(
        db
          .prepare<[], { status: string; n: number }>(
            `SELECT status, count(*) AS n FROM appointments WHERE ends_at <= ${Date.parse('2026-03-10T12:00:00Z')} GROUP BY status`,
          )
          .all()
          .map((r) => [r.status, r.n]),
      );
      const past = Object.values(status).reduce((a, b) => a + b, 0);
      const completed = status['completed'] ?? 0;
      expect(completed / past).toBeGreaterThan(0.75);
      expect(status['booked'] ?? 0).toBe(0);
      expect(result.treatments / completed).toBeGreaterThan(0.85);
      expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      // Every index dropped for the load is back.
      const indexes = db
        .prepare<[], { name: string }>(
          `SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`,
        )
        .all()
        .map((r) => r.name);
      expect(indexes).toEqual(
        expect.arrayContaining([
          'appointments_starts_status_idx',
          'appointments_doctor_slot_active_unique',
          'patients_search_name_idx',
          'treatments_appointment_unique',
        ]),
      );
    } finally {
      db.close();
    }
    // The staff logins it reports work.
    expect(result.logins[0]).toEqual({ username: 'admin', password: 'large-admin' });
    expect(t.core.connectAs(result.logins[2]?.username ?? '').session()?.role).toBe('doctor');
  });

  it('refuses to write into a database that already holds a clinic, changing nothing', async () => {
    const t = await tempCore({ demo: true });
    cores.push(t);
    const before = snapshotDatabase(t.core.dbPath);
    await expect(t.core.seedLarge(SIZE)).rejects.toThrow(/already holds a clinic/);
    expect(snapshotDatabase(t.core.dbPath)).toBe(before);
  });
});
