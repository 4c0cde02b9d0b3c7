import Database from 'better-sqlite3';
import { zonedInstant } from '../../src/main/core/time/zone';

/**
 * Rows the jobs read (departments, doctors, patients, appointments, treatments), inserted straight
 * into a clinic database so job tests do not depend on the booking screens.
 */
export class JobFixtures {
  private readonly db: Database.Database;
  private patientSeq = 0;

  constructor(
    dbPath: string,
    readonly timeZone = 'Europe/London',
  ) {
    this.db = new Database(dbPath);
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
  }

  close(): void {
    this.db.close();
  }

  clinic(values: { name?: string; address?: string; phone?: string; timeZone?: string } = {}): this {
    const set = this.db.prepare(
      `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    );
    set.run('clinicName', JSON.stringify(values.name ?? 'Riverside Clinic'));
    set.run('clinicAddress', JSON.stringify(values.address ?? '1 River Road, Oxford OX1 1AA'));
    set.run('clinicPhone', JSON.stringify(values.phone ?? '01865 000000'));
    set.run('timeZone', JSON.stringify(values.timeZone ?? this.timeZone));
    return this;
  }

  department(name: string): number {
    return Number(this.db.prepare('INSERT INTO departments (name) VALUES (?)').run(name).lastInsertRowid);
  }

  doctor(fullName: string, departmentId: number, email: string | null = null): number {
    return Number(
      this.db
        .prepare('INSERT INTO doctors (full_name, department_id, email) VALUES (?, ?, ?)')
        .run(fullName, departmentId, email).lastInsertRowid,
    );
  }

  patient(
    fullName: string,
    values: { email?: string | null; consent?: boolean; active?: boolean; number?: string } = {},
  ): number {
    this.patientSeq += 1;
    const number = values.number ?? `T${String(this.patientSeq).padStart(6, '0')}`;
    return Number(
      this.db
        .prepare(
          `INSERT INTO patients (patient_number, full_name, search_name, date_of_birth, sex, email,
             email_reminders, active)
           VALUES (?, ?, lower(?), '1980-01-01', 'unknown', ?, ?, ?)`,
        )
        .run(
          number,
          fullName,
          fullName,
          values.email === undefined ? `${number.toLowerCase()}@example.org` : values.email,
          (values.consent ?? true) ? 1 : 0,
          (values.active ?? true) ? 1 : 0,
        ).lastInsertRowid,
    );
  }

  /** An appointment at local `date` `time` ('HH:MM') in the fixture's zone. */
  appointment(
    patientId: number,
    doctorId: number,
    date: string,
    time: string,
    status: 'booked' | 'arrived' | 'completed' | 'cancelled' | 'no_show' = 'booked',
    minutes = 20,
  ): number {
    const [h, m] = time.split(':').map(Number);
    const start = zonedInstant(date, (h ?? 0) * 60 + (m ?? 0), this.timeZone);
    return Number(
      this.db
        .prepare(
          'INSERT INTO appointments (patient_id, doctor_id, starts_at, ends_at, status) VALUES (?, ?, ?, ?, ?)',
        )
        .run(patientId, doctorId, start, start + minutes * 60_000, status).lastInsertRowid,
    );
  }

  treatment(
    appointmentId: number,
    values: { diagnosis: string; notes?: string; prescription?: string; nextVisit?: string | null },
  ): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO treatments (appointment_id, diagnosis, treatment_notes, prescription, next_visit_date)
           VALUES (?, ?, ?, ?, ?)`,
        )
        .run(
          appointmentId,
          values.diagnosis,
          values.notes ?? '',
          values.prescription ?? '',
          values.nextVisit ?? null,
        ).lastInsertRowid,
    );
  }

  setStatus(appointmentId: number, status: string): void {
    this.db.prepare('UPDATE appointments SET status = ? WHERE id = ?').run(status, appointmentId);
  }

  outbox(): Array<{ id: number; dedupe_key: string; status: string; attempts: number; to_address: string }> {
    return this.db.prepare('SELECT * FROM email_outbox ORDER BY id').all() as never;
  }

  /** Many appointments fast, for the bench and memory tests: one transaction, one statement. */
  bulkAppointments(
    patientId: number,
    doctorId: number,
    firstStart: number,
    count: number,
    stepMs: number,
  ): void {
    const insert = this.db.prepare(
      `INSERT INTO appointments (patient_id, doctor_id, starts_at, ends_at, status) VALUES (?, ?, ?, ?, 'completed')`,
    );
    this.db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const start = firstStart + i * stepMs;
        insert.run(patientId, doctorId, start, start + 60_000);
      }
    })();
  }
}
