import type { Sqlite } from '../../../src/main/core/db/open';
import type { AppointmentStatus } from '../../../src/shared/dto/stats';

/**
 * A tiny clinic written row by row, so every expected figure can be counted by hand: two
 * departments (and an inactive one), two doctors (and an inactive one), four patients (one
 * inactive), an admin and a doctor login.
 */
export function smallClinic(sqlite: Sqlite, timeZone: string) {
  sqlite.exec(`
    INSERT INTO settings (key, value) VALUES ('timeZone', '${JSON.stringify(timeZone)}');
    INSERT INTO departments (id, name, active) VALUES (1, 'General Practice', 1), (2, 'Cardiology', 1), (3, 'Closed Wing', 0);
    INSERT INTO doctors (id, full_name, department_id, active) VALUES
      (1, 'Dr Ada One', 1, 1), (2, 'Dr Bo Two', 2, 1), (3, 'Dr Cy Gone', 1, 0);
    INSERT INTO staff_users (username, full_name, role, password_hash, doctor_id) VALUES
      ('admin', 'Admin', 'admin', 'x', NULL), ('dr.one', 'Dr Ada One', 'doctor', 'x', 1);
    INSERT INTO patients (id, patient_number, full_name, search_name, date_of_birth, sex, active) VALUES
      (1, 'P000001', 'Ann A', 'ann a', '1980-01-01', 'female', 1),
      (2, 'P000002', 'Ben B', 'ben b', '1981-01-01', 'male', 1),
      (3, 'P000003', 'Cat C', 'cat c', '1982-01-01', 'female', 1),
      (4, 'P000004', 'Dan D', 'dan d', '1983-01-01', 'male', 0);
  `);
  const insertAppointment = sqlite.prepare(
    'INSERT INTO appointments (patient_id, doctor_id, starts_at, ends_at, status) VALUES (?, ?, ?, ?, ?)',
  );
  const insertTreatment = sqlite.prepare('INSERT INTO treatments (appointment_id, diagnosis) VALUES (?, ?)');
  let patient = 0;
  return {
    /** An appointment at `iso` (UTC) for `doctorId`; with a treatment record when asked. */
    appointment(iso: string, doctorId: number, status: AppointmentStatus, treated = false): number {
      const start = Date.parse(iso);
      patient = (patient % 3) + 1;
      const id = Number(
        insertAppointment.run(patient, doctorId, start, start + 20 * 60_000, status).lastInsertRowid,
      );
      if (treated) insertTreatment.run(id, 'Checked');
      return id;
    },
  };
}
