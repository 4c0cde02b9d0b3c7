import { patientFields } from '../../../shared/channels/patients';
import type { PatientFields } from '../patients/records';

/** A row's fields as the import read them: the registration form's fields, not yet checked. */
export type RowFields = PatientFields;

export type FieldsVerdict = { ok: true; fields: PatientFields } | { ok: false; reason: string };

/** The registration form's schema itself: its output, or its first sentence. */
export function schemaCheck(input: RowFields): FieldsVerdict {
  const parsed = patientFields.safeParse(input);
  return parsed.success
    ? { ok: true, fields: parsed.data }
    : { ok: false, reason: parsed.error.issues[0]?.message ?? 'The row is not valid.' };
}

/** The schema's length limits, read from the schema so the two cannot drift apart. */
const shape = patientFields.shape;
const LIMIT = {
  fullName: shape.fullName.maxLength ?? 0,
  phone: shape.phone.unwrap().maxLength ?? 0,
  email: shape.email.unwrap().maxLength ?? 0,
  address: shape.address.unwrap().maxLength ?? 0,
  emergencyContact: shape.emergencyContact.unwrap().maxLength ?? 0,
  notes: shape.notes.unwrap().maxLength ?? 0,
};
/** The phone and email rules of `patientFields` (src/shared/channels/patients.ts). */
const PHONE_CHARS = /^[+\d\s().-]*$/;
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SEXES = new Set<string>(shape.sex.options);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real calendar date 'YYYY-MM-DD' from 1900 to 2199, as the schema's `isoDate` accepts. */
function schemaDate(value: string): boolean {
  if (!ISO_DATE.test(value) || value < '1900-01-01' || value >= '2200-01-01') return false;
  const y = Number(value.slice(0, 4));
  const m = Number(value.slice(5, 7));
  const d = Number(value.slice(8, 10));
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = m === 2 && leap ? 29 : (DAYS_IN_MONTH[m - 1] ?? 0);
  return d >= 1 && d <= days;
}

function digitCount(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) n += 1;
  }
  return n;
}

/**
 * What the schema would output for a row that plainly meets every rule (the same trims, the same
 * limits), else null.
 */
export function plainlyValid(input: RowFields): PatientFields | null {
  const fullName = input.fullName.trim();
  const dateOfBirth = input.dateOfBirth.trim();
  const phone = input.phone.trim();
  const email = input.email.trim();
  const address = input.address.trim();
  const emergencyContact = input.emergencyContact.trim();
  const notes = input.notes.trim();
  if (fullName.length === 0 || fullName.length > LIMIT.fullName) return null;
  if (!schemaDate(dateOfBirth)) return null;
  if (!SEXES.has(input.sex)) return null;
  if (phone.length > LIMIT.phone || !PHONE_CHARS.test(phone) || (phone !== '' && digitCount(phone) < 6))
    return null;
  if (email.length > LIMIT.email || (email !== '' && !EMAIL_SHAPE.test(email))) return null;
  if (address.length > LIMIT.address) return null;
  if (emergencyContact.length > LIMIT.emergencyContact || notes.length > LIMIT.notes) return null;
  if (typeof input.emailReminders !== 'boolean') return null;
  return {
    fullName,
    dateOfBirth,
    sex: input.sex,
    phone,
    email,
    address,
    emergencyContact,
    notes,
    emailReminders: input.emailReminders,
  };
}

/**
 * The registration form's check for the import's hot path. Running the zod schema on each of
 * 200,000 rows was a sixth of the import's time; a row that plainly meets every rule gets the
 * schema's output here directly, and every other row goes through the schema itself — so each
 * refusal is still the schema's own sentence, and a rule this check does not know makes it
 * stricter (slower), never looser. tests/integration/imports/field-check.test.ts runs both over
 * the realistic files and the edge cases and compares every verdict.
 */
export function registrationCheck(input: RowFields): FieldsVerdict {
  const fields = plainlyValid(input);
  return fields ? { ok: true, fields } : schemaCheck(input);
}
