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

  it('gives every next-visit date its follow-up, booked by the next visit with that doctor, and keeps the triggers', async () => {
    const { t } = await generate(7);
    const fresh = await tempCore();
    cores.push(fresh);
    const db = new Database(t.core.dbPath, { readonly: true });
    const reference = new Database(fresh.core.dbPath, { readonly: true });
    try {
      const triggers = (d: Database.Database) =>
        d.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all();
      expect(triggers(db)).toEqual(triggers(reference));
      const withNextVisit = db
        .prepare<[], { id: number; patient: number; doctor: number; startsAt: number; due: string }>(
          `SELECT t.id, a.patient_id AS patient, a.doctor_id AS doctor, a.starts_at AS startsAt, t.next_visit_date AS due
           FROM treatments t JOIN appointments a ON a.id = t.appointment_id WHERE t.next_visit_date IS NOT NULL`,
        )
        .all();
      expect(withNextVisit.length).toBeGreaterThan(100);
      const visits = db
        .prepare<[], { id: number; patient: number; doctor: number; startsAt: number }>(
          `SELECT id, patient_id AS patient, doctor_id AS doctor, starts_at AS startsAt FROM appointments
           WHERE status IN ('booked', 'arrived', 'completed') ORDER BY starts_at`,
        )
        .all();
      const followUps = new Map(
        db
          .prepare<[], { treatment: number; status: string; appointment: number | null; due: string }>(
            'SELECT treatment_id AS treatment, status, appointment_id AS appointment, due_date AS due FROM follow_ups',
          )
          .all()
          .map((f) => [f.treatment, f]),
      );
      expect(followUps.size).toBe(withNextVisit.length);
      let booked = 0;
      for (const treatment of withNextVisit) {
        const next = visits.find(
          (v) =>
            v.patient === treatment.patient &&
            v.doctor === treatment.doctor &&
            v.startsAt > treatment.startsAt,
        );
        if (next) booked += 1;
        expect(followUps.get(treatment.id)).toEqual({
          treatment: treatment.id,
          status: next ? 'booked' : 'open',
          appointment: next?.id ?? null,
          due: treatment.due,
        });
      }
      // Both kinds occur, so the comparison above checks each branch.
      expect(booked).toBeGreaterThan(0);
      expect(booked).toBeLessThan(withNextVisit.length);
    } finally {
      db.close();
      reference.close();
    }
  });

  it('refuses to write into a database that already holds a clinic, changing nothing', async () => {
    const t = await tempCore({ demo: true });
    cores.push(t);
    const before = snapshotDatabase(t.core.dbPath);
    await expect(t.core.seedLarge(SIZE)).rejects.toThrow(/already holds a clinic/);
    expect(snapshotDatabase(t.core.dbPath)).toBe(before);
  });
});
