import type { z } from 'zod';
import type { patientFields } from '../../../shared/channels/patients';
import type { DuplicateCandidate, PatientDetails } from '../../../shared/dto/clinic';
import type { Sqlite } from '../db/open';
import { UserError } from '../errors';
import { localDate } from '../time/zone';
import { SUMMARY_COLUMNS, toSummary, type PatientRow } from './search';
import { phoneDigits, searchText } from './search-text';

export type PatientFields = z.output<typeof patientFields>;

interface PatientDetailsRow extends PatientRow {
  address: string;
  emergency_contact: string;
  notes: string;
  email_reminders: number;
  deactivated_reason: string | null;
  created_at: number;
  updated_at: number;
}

const toDetails = (row: PatientDetailsRow): PatientDetails => ({
  ...toSummary(row),
  address: row.address,
  emergencyContact: row.emergency_contact,
  notes: row.notes,
  emailReminders: row.email_reminders === 1,
  deactivatedReason: row.deactivated_reason,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Which fields differ, by name only: audit summaries never repeat clinical or personal text. */
export function changedFields<T extends object>(
  before: T,
  after: T,
  labels: Partial<Record<keyof T, string>>,
): string[] {
  return (Object.keys(labels) as (keyof T)[])
    .filter((key) => before[key] !== after[key])
    .map((key) => labels[key] ?? String(key));
}

export const PATIENT_FIELD_LABELS: Partial<Record<keyof PatientDetails, string>> = {
  fullName: 'name',
  dateOfBirth: 'date of birth',
  sex: 'sex',
  phone: 'phone',
  email: 'email',
  address: 'address',
  emergencyContact: 'emergency contact',
  notes: 'notes',
  emailReminders: 'email reminders',
};

const PATIENT_NUMBER_DIGITS = 6;

/** What booking a patient needs of them: who they are, whether they may be booked and emailed. */
export interface BookablePatient {
  id: number;
  patientNumber: string;
  fullName: string;
  active: boolean;
  email: string | null;
  emailReminders: boolean;
}

/** Patient records: reads, duplicate detection and the numbered insert. */
export function patientRecords(sqlite: Sqlite) {
  const byId = sqlite.prepare<[number], PatientDetailsRow>(
    `SELECT ${SUMMARY_COLUMNS}, p.address, p.emergency_contact, p.notes, p.email_reminders,
       p.deactivated_reason, p.created_at, p.updated_at FROM patients p WHERE p.id = ?`,
  );
  const bookableById = sqlite.prepare<
    [number],
    {
      id: number;
      patient_number: string;
      full_name: string;
      active: number;
      email: string | null;
      email_reminders: number;
    }
  >('SELECT id, patient_number, full_name, active, email, email_reminders FROM patients WHERE id = ?');
  const sameNameAndBirth = sqlite.prepare<[string, string], PatientRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM patients p WHERE p.date_of_birth = ? AND p.search_name = ? LIMIT 10`,
  );
  const samePhone = sqlite.prepare<[string], PatientRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM patients p WHERE p.phone_digits = ? LIMIT 10`,
  );
  // The unique index makes max() a single index probe; numbers are zero-padded so they sort.
  const lastNumber = sqlite.prepare<[], { n: string | null }>(
    'SELECT max(patient_number) AS n FROM patients',
  );
  const insert = sqlite.prepare(
    `INSERT INTO patients (patient_number, full_name, search_name, date_of_birth, sex, phone, phone_digits,
       email, address, emergency_contact, notes, email_reminders, external_id, created_at, updated_at)
     VALUES (@number, @fullName, @searchName, @dateOfBirth, @sex, @phone, @phoneDigits, @email, @address,
       @emergencyContact, @notes, @emailReminders, @externalId, @now, @now)`,
  );
  const update = sqlite.prepare(
    `UPDATE patients SET full_name = @fullName, search_name = @searchName, date_of_birth = @dateOfBirth,
       sex = @sex, phone = @phone, phone_digits = @phoneDigits, email = @email,
       email_changed_at = CASE WHEN email IS @email THEN email_changed_at ELSE @now END, address = @address,
       emergency_contact = @emergencyContact, notes = @notes, email_reminders = @emailReminders,
       updated_at = @now WHERE id = @id`,
  );
  const setActive = sqlite.prepare<{ id: number; active: number; reason: string | null; now: number }>(
    'UPDATE patients SET active = @active, deactivated_reason = @reason, updated_at = @now WHERE id = @id',
  );

  const columns = (fields: PatientFields, now: number) => ({
    fullName: fields.fullName,
    searchName: searchText(fields.fullName),
    dateOfBirth: fields.dateOfBirth,
    sex: fields.sex,
    phone: fields.phone === '' ? null : fields.phone,
    phoneDigits: phoneDigits(fields.phone),
    email: fields.email === '' ? null : fields.email,
    address: fields.address,
    emergencyContact: fields.emergencyContact,
    notes: fields.notes,
    emailReminders: fields.emailReminders ? 1 : 0,
    now,
  });

  const lastNumberValue = (): number => {
    const last = lastNumber.get()?.n;
    return last ? Number(last.slice(1)) : 0;
  };
  const insertAs = (n: number, fields: PatientFields, externalId: string | null, now: number): number => {
    const number = `P${String(n).padStart(PATIENT_NUMBER_DIGITS, '0')}`;
    return Number(insert.run({ ...columns(fields, now), number, externalId }).lastInsertRowid);
  };

  const get = (id: number): PatientDetails | null => {
    const row = byId.get(id);
    return row ? toDetails(row) : null;
  };

  return {
    get,
    require(id: number): PatientDetails {
      const patient = get(id);
      if (!patient) throw new UserError('not_found', 'That patient does not exist.');
      return patient;
    },

    /** The patient as a booking checks them (`require`'s answer has every field; this has six). */
    requireBookable(id: number): BookablePatient {
      const row = bookableById.get(id);
      if (!row) throw new UserError('not_found', 'That patient does not exist.');
      return {
        id: row.id,
        patientNumber: row.patient_number,
        fullName: row.full_name,
        active: row.active === 1,
        email: row.email,
        emailReminders: row.email_reminders === 1,
      };
    },

    duplicates(fields: { fullName: string; dateOfBirth: string; phone: string }, excludeId?: number) {
      const found = new Map<number, DuplicateCandidate>();
      const name = searchText(fields.fullName);
      if (name !== '' && fields.dateOfBirth !== '') {
        for (const row of sameNameAndBirth.all(fields.dateOfBirth, name)) {
          found.set(row.id, { ...toSummary(row), reason: 'name_and_birth_date' });
        }
      }
      const digits = phoneDigits(fields.phone);
      if (digits && digits.length >= 6) {
        for (const row of samePhone.all(digits)) {
          if (!found.has(row.id)) found.set(row.id, { ...toSummary(row), reason: 'phone' });
        }
      }
      if (excludeId !== undefined) found.delete(excludeId);
      return [...found.values()];
    },

    /** Call inside the write transaction: the number is allocated and used under one lock. */
    insert(fields: PatientFields, now: number): number {
      return insertAs(lastNumberValue() + 1, fields, null, now);
    },

    /**
     * Many inserts inside ONE write transaction (the CSV import): the highest number is read once
     * and counted on in memory, which is safe because the transaction holds the write lock.
     */
    inserter(now: number): (fields: PatientFields, externalId: string | null) => number {
      let next = lastNumberValue();
      return (fields, externalId) => {
        next += 1;
        return insertAs(next, fields, externalId, now);
      };
    },

    update(id: number, fields: PatientFields, now: number): void {
      update.run({ ...columns(fields, now), id });
    },

    setActive(id: number, active: boolean, reason: string | null, now: number): void {
      setActive.run({ id, active: active ? 1 : 0, reason, now });
    },
  };
}

export type PatientRecords = ReturnType<typeof patientRecords>;

/** A date of birth in the future (in the clinic's zone) is a typing mistake. */
export function assertBornByToday(dateOfBirth: string, now: number, timeZone: string): void {
  if (dateOfBirth > localDate(now, timeZone)) {
    throw new UserError('invalid_input', 'The date of birth cannot be in the future.');
  }
}
