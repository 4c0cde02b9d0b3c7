import type { Sqlite } from '../db/open';
import type { ImportedPatient } from './rows';

const COLUMNS = `patient_number, full_name, search_name, date_of_birth, sex, phone, phone_digits,
  email, address, emergency_contact, notes, email_reminders, external_id, created_at, updated_at`;
const PER_ROW = 15;
const ROW_PLACEHOLDERS = `(${new Array<string>(PER_ROW).fill('?').join(', ')})`;

/** Rows per multi-row INSERT: one statement step for this many rows (1,500 parameters). */
export const INSERT_BATCH_ROWS = 100;

export interface PatientInserter {
  add(patient: ImportedPatient, searchName: string, phoneDigits: string | null): void;
  /** Writes the rows still waiting for a full batch: call before anything reads `patients`. */
  flush(): void;
}

/**
 * The import's INSERT into `patients`: the row `patientRecords().insert` writes for a registered
 * patient (tests/integration/imports/insert.test.ts compares every column of the two), plus the
 * external id. It binds positional parameters (better-sqlite3 looks each named one up in an
 * object: a quarter of a 200,000-row import went there), takes the search name and phone digits
 * the duplicate check already worked out, and counts patient numbers on in memory from the
 * highest one — safe because the import's transaction holds the write lock. Rows are written
 * `batchRows` at a time with one reused multi-row `INSERT … VALUES (…), (…)` (the rest, fewer
 * than a batch, one by one at `flush()`): the same rows in the same order, so the same ids, with
 * a statement step per hundred rows instead of per row. Nothing reads the table meanwhile (the
 * import compares rows with its own in-memory keys first).
 */
export function patientInserter(sqlite: Sqlite, now: number, batchRows = INSERT_BATCH_ROWS): PatientInserter {
  const statement = (rows: number) =>
    sqlite.prepare(
      `INSERT INTO patients (${COLUMNS}) VALUES ${new Array<string>(rows).fill(ROW_PLACEHOLDERS).join(', ')}`,
    );
  const one = statement(1);
  const batch = batchRows > 1 ? statement(batchRows) : one;
  // Numbers are 'P' and six digits, zero-padded so they sort (patients/records.ts).
  const last = sqlite.prepare<[], string | null>('SELECT max(patient_number) FROM patients').pluck().get();
  let next = last ? Number(last.slice(1)) : 0;
  const values: unknown[] = new Array<unknown>(batchRows * PER_ROW);
  let waiting = 0;
  return {
    add(patient, searchName, phoneDigits) {
      next += 1;
      let i = waiting * PER_ROW;
      values[i++] = `P${String(next).padStart(6, '0')}`;
      values[i++] = patient.fullName;
      values[i++] = searchName;
      values[i++] = patient.dateOfBirth;
      values[i++] = patient.sex;
      values[i++] = patient.phone === '' ? null : patient.phone;
      values[i++] = phoneDigits;
      values[i++] = patient.email === '' ? null : patient.email;
      values[i++] = patient.address;
      values[i++] = patient.emergencyContact;
      values[i++] = patient.notes;
      values[i++] = patient.emailReminders ? 1 : 0;
      values[i++] = patient.externalId;
      values[i++] = now;
      values[i] = now;
      waiting += 1;
      if (waiting === batchRows) {
        batch.run(values);
        waiting = 0;
      }
    },
    flush() {
      for (let row = 0; row < waiting; row += 1) one.run(values.slice(row * PER_ROW, (row + 1) * PER_ROW));
      waiting = 0;
    },
  };
}
