import type { Sqlite } from '../db/open';
import type { ImportedPatient } from './rows';

/**
 * The import's INSERT into `patients`: the row `patientRecords().insert` writes for a registered
 * patient (tests/integration/imports/insert.test.ts compares every column of the two), plus the
 * external id. It binds positional parameters (better-sqlite3 looks each named one up in an
 * object: a quarter of a 200,000-row import went there), takes the search name and phone digits
 * the duplicate check already worked out, and counts patient numbers on in memory from the
 * highest one — safe because the import's transaction holds the write lock.
 */
export function patientInserter(
  sqlite: Sqlite,
  now: number,
): (patient: ImportedPatient, searchName: string, phoneDigits: string | null) => void {
  const insert = sqlite.prepare(
    `INSERT INTO patients (patient_number, full_name, search_name, date_of_birth, sex, phone, phone_digits,
       email, address, emergency_contact, notes, email_reminders, external_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Numbers are 'P' and six digits, zero-padded so they sort (patients/records.ts).
  const last = sqlite.prepare<[], string | null>('SELECT max(patient_number) FROM patients').pluck().get();
  let next = last ? Number(last.slice(1)) : 0;
  return (patient, searchName, phoneDigits) => {
    next += 1;
    insert.run(
      `P${String(next).padStart(6, '0')}`,
      patient.fullName,
      searchName,
      patient.dateOfBirth,
      patient.sex,
      patient.phone === '' ? null : patient.phone,
      phoneDigits,
      patient.email === '' ? null : patient.email,
      patient.address,
      patient.emergencyContact,
      patient.notes,
      patient.emailReminders ? 1 : 0,
      patient.externalId,
      now,
      now,
    );
  };
}
