import { afterEach, describe, expect, it } from 'vitest';
import { databaseBefore, type DatabaseBefore } from '../../support/migrations';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5, 9, 0);

describe('migration follow_ups_and_import (0005)', () => {
  let db: DatabaseBefore | undefined;
  afterEach(() => db?.cleanup());

  it('turns existing next-visit dates into follow-ups: open when nothing later is booked, booked when it is', () => {
    db = databaseBefore('follow_ups_and_import');
    const old = db.sqlite;
    old.exec(`INSERT INTO departments (name) VALUES ('General')`);
    old.exec(`INSERT INTO doctors (full_name, department_id) VALUES ('Dr One', 1), ('Dr Two', 1)`);
    old.exec(`INSERT INTO patients (patient_number, full_name, search_name, date_of_birth, sex)
      VALUES ('P1', 'Ann A', 'ann a', '1980-01-01', 'female'),
             ('P2', 'Bob B', 'bob b', '1975-05-05', 'male'),
             ('P3', 'Cy C', 'cy c', '1990-09-09', 'male')`);
    const appointment = old.prepare(
      `INSERT INTO appointments (patient_id, doctor_id, starts_at, ends_at, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const add = (patient: number, doctor: number, startsAt: number, status: string): number =>
      Number(
        appointment.run(patient, doctor, startsAt, startsAt + 20 * 60_000, status, T0, T0).lastInsertRowid,
      );
    const annVisit = add(1, 1, T0, 'completed');
    const bobVisit = add(2, 1, T0 + 3_600_000, 'completed');
    add(2, 1, T0 + 30 * DAY, 'booked'); // Bob already came back for his next visit
    add(2, 2, T0 + 40 * DAY, 'booked'); // …and booked another doctor, which must not count
    const cyVisit = add(3, 2, T0 + 7_200_000, 'completed');
    add(3, 2, T0 + 20 * DAY, 'cancelled'); // a cancelled visit is not a booked follow-up
    const treatment = old.prepare(
      `INSERT INTO treatments (appointment_id, diagnosis, next_visit_date, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?)`,
    );
    treatment.run(annVisit, 'Check-up', '2026-02-05', T0, T0);
    treatment.run(bobVisit, 'Sprain', '2026-02-04', T0, T0);
    treatment.run(cyVisit, 'Flu', null, T0, T0);

    const { sqlite, state } = db.migrateToLatest();
    expect(state.pending).toEqual([]);
    expect(
      sqlite
        .prepare(
          'SELECT patient_id, doctor_id, treatment_id, due_date, status, appointment_id, closed_at FROM follow_ups ORDER BY treatment_id',
        )
        .all(),
    ).toEqual([
      {
        patient_id: 1,
        doctor_id: 1,
        treatment_id: 1,
        due_date: '2026-02-05',
        status: 'open',
        appointment_id: null,
        closed_at: null,
      },
      {
        patient_id: 2,
        doctor_id: 1,
        treatment_id: 2,
        due_date: '2026-02-04',
        status: 'booked',
        appointment_id: 3,
        closed_at: T0,
      },
    ]);

    // The triggers keep new data in step: Ann books Dr One → her follow-up closes as booked;
    // cancelling that booking opens it again.
    const booking = Number(
      sqlite
        .prepare(
          `INSERT INTO appointments (patient_id, doctor_id, starts_at, ends_at, created_at, updated_at) VALUES (1, 1, ?, ?, ?, ?)`,
        )
        .run(T0 + 31 * DAY, T0 + 31 * DAY + 1_200_000, T0 + DAY, T0 + DAY).lastInsertRowid,
    );
    expect(
      sqlite.prepare('SELECT status, appointment_id FROM follow_ups WHERE treatment_id = 1').get(),
    ).toEqual({
      status: 'booked',
      appointment_id: booking,
    });
    sqlite.prepare(`UPDATE appointments SET status = 'cancelled' WHERE id = ?`).run(booking);
    expect(
      sqlite.prepare('SELECT status, appointment_id FROM follow_ups WHERE treatment_id = 1').get(),
    ).toEqual({
      status: 'open',
      appointment_id: null,
    });

    // Imported patients carry an external id, unique when present, optional otherwise.
    expect(sqlite.prepare('SELECT external_id FROM patients WHERE id = 1').get()).toEqual({
      external_id: null,
    });
    sqlite.exec(`UPDATE patients SET external_id = 'OLD-17' WHERE id = 1`);
    expect(() => sqlite.exec(`UPDATE patients SET external_id = 'OLD-17' WHERE id = 2`)).toThrow(/UNIQUE/);
    sqlite.exec(`UPDATE patients SET external_id = NULL WHERE id = 2`);
    expect(() => sqlite.exec(`UPDATE follow_ups SET status = 'lost' WHERE id = 1`)).toThrow(/CHECK/);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it("upgrades a large clinic on the patient's own visits, not each doctor's whole diary", () => {
    db = databaseBefore('follow_ups_and_import');
    const old = db.sqlite;
    old.exec(`INSERT INTO departments (name) VALUES ('General')`);
    old.exec(
      `INSERT INTO doctors (full_name, department_id) VALUES ('Dr One', 1), ('Dr Two', 1), ('Dr Three', 1)`,
    );
    const patient = old.prepare(
      `INSERT INTO patients (patient_number, full_name, search_name, date_of_birth, sex) VALUES (?, ?, ?, '1980-01-01', 'unknown')`,
    );
    const appointment = old.prepare(
      `INSERT INTO appointments (patient_id, doctor_id, starts_at, ends_at, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'completed', ?, ?)`,
    );
    const treatment = old.prepare(
      `INSERT INTO treatments (appointment_id, diagnosis, next_visit_date, created_at, updated_at) VALUES (?, 'Check-up', '2026-06-01', ?, ?)`,
    );
    old.transaction(() => {
      // Three doctors, 400 patients, ten visits each: what a doctor index can and cannot narrow.
      for (let p = 1; p <= 400; p++) patient.run(`P${p}`, `Patient ${p}`, `patient ${p}`);
      for (let v = 0; v < 4000; v++) {
        const startsAt = T0 + v * 3_600_000;
        const id = appointment.run(1 + (v % 400), 1 + (v % 3), startsAt, startsAt + 1_200_000, T0, T0);
        if (v % 5 === 0) treatment.run(id.lastInsertRowid, T0, T0);
      }
    })();

    const { sqlite } = db.migrateToLatest();
    // The backfill's lookup (drizzle/0005), as SQLite plans it on the upgraded database.
    const plan = sqlite
      .prepare<[], { detail: string }>(
        `EXPLAIN QUERY PLAN SELECT later.id FROM treatments t
         JOIN appointments a ON a.id = t.appointment_id
         LEFT JOIN appointments later ON later.id = (
           SELECT l.id FROM appointments l
           WHERE l.patient_id = a.patient_id AND l.doctor_id = a.doctor_id AND l.starts_at > a.starts_at
             AND l.status IN ('booked', 'arrived', 'completed')
           ORDER BY l.starts_at LIMIT 1)
         WHERE t.next_visit_date IS NOT NULL`,
      )
      .all()
      .map((row) => row.detail);
    expect(plan.join('\n')).toContain('appointments_patient_starts_idx');
    expect(sqlite.prepare('SELECT count(*) AS n FROM follow_ups').get()).toEqual({ n: 800 });
  });
});
