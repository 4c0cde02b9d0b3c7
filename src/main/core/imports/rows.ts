import type { DateOrder, ImportField, ImportMapping } from '../../../shared/dto/imports';
import type { PatientFields } from '../patients/records';
import { singleSpaced } from '../patients/search-text';
import { parseBirthDate } from './dates';
import { registrationCheck, type FieldsVerdict, type RowFields } from './field-check';

export type ImportedPatient = PatientFields & { externalId: string | null };

export type RowOutcome = { ok: true; patient: ImportedPatient } | { ok: false; reason: string };

const YES = new Set(['yes', 'y', 'true', '1', 'x', 'oui', 'ja', 'si', 'sí']);

function sexOf(value: string): PatientFields['sex'] {
  const v = value.trim().toLowerCase();
  if (['f', 'female', 'woman', 'w', 'femme', 'frau'].includes(v)) return 'female';
  if (['m', 'male', 'man', 'homme', 'mann'].includes(v)) return 'male';
  if (['o', 'other', 'x', 'diverse', 'd'].includes(v)) return 'other';
  return 'unknown';
}

/** Where each mapped field sits in a row: worked out once per file, not once per row. */
export type FieldColumns = Partial<Record<ImportField, number>>;

export function fieldColumns(headers: string[], mapping: ImportMapping): FieldColumns {
  const columns: FieldColumns = {};
  for (const [field, column] of Object.entries(mapping) as [ImportField, string | undefined][]) {
    const i = column === undefined ? -1 : headers.indexOf(column);
    if (i >= 0) columns[field] = i;
  }
  return columns;
}

/**
 * One CSV row to the fields of a patient, by the mapping, checked with the same schema as the
 * registration form. The reason of a refusal is that form's sentence (or the date's). `today` is
 * the clinic's local date ('YYYY-MM-DD'): no date of birth may be later.
 */
export function rowToPatient(
  cells: string[],
  headers: string[],
  mapping: ImportMapping,
  order: DateOrder | null,
  today: string,
  columns: FieldColumns = fieldColumns(headers, mapping),
  check: (input: RowFields) => FieldsVerdict = registrationCheck,
): RowOutcome {
  if (cells.length > headers.length)
    return {
      ok: false,
      reason: `The row has ${cells.length} cells but the header names ${headers.length} columns.`,
    };
  const cell = (field: ImportField): string => {
    const i = columns[field];
    return i === undefined ? '' : (cells[i] ?? '');
  };
  let fullName: string;
  if (mapping.fullName !== undefined) fullName = cell('fullName');
  else {
    const first = cell('firstName');
    const last = cell('lastName');
    fullName = first === '' ? last : last === '' ? first : `${first} ${last}`;
  }
  if (fullName === '') return { ok: false, reason: 'The name is empty.' };
  const rawBirth = cell('dateOfBirth');
  if (rawBirth === '') return { ok: false, reason: 'The date of birth is empty.' };
  const birth = parseBirthDate(rawBirth, order);
  if ('ambiguous' in birth)
    return {
      ok: false,
      reason: 'The date of birth reads both day-first and month-first; choose the date order.',
    };
  if ('invalid' in birth)
    return { ok: false, reason: 'The date of birth is not a date (use e.g. 1980-03-25).' };
  if (birth.date > today) return { ok: false, reason: 'The date of birth is in the future.' };
  const email = cell('email');
  const checked = check({
    fullName: singleSpaced(fullName),
    dateOfBirth: birth.date,
    sex: sexOf(cell('sex')),
    phone: cell('phone'),
    email,
    address: cell('address'),
    emergencyContact: cell('emergencyContact'),
    notes: cell('notes'),
    // Reminders are off unless a mapped column says yes (and there is an address to send to).
    emailReminders: email !== '' && YES.has(cell('emailReminders').toLowerCase()),
  });
  if (!checked.ok) return checked;
  const externalId = cell('externalId');
  if (externalId.length > 100) return { ok: false, reason: 'The ID is longer than 100 characters.' };
  // The check's output is a fresh object of this row's: it becomes the patient (no copy per row).
  const patient = checked.fields as ImportedPatient;
  patient.externalId = externalId === '' ? null : externalId;
  return { ok: true, patient };
}
