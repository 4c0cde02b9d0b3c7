import { z } from 'zod';
import type { Page, PatientSummary } from '../dto';
import type { DuplicateCandidate, PatientDetails, PatientHistory } from '../dto/clinic';
import { define } from './define';
import { isoDate, recordId, requiredText, text } from './fields';

export const patientsListInput = z.strictObject({
  query: z.string().trim().max(100, 'Search text must be at most 100 characters.').default(''),
  includeInactive: z.boolean().default(false),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(200).default(50),
});

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;

const phone = text(40, 'A phone number')
  .regex(/^[+\d\s().-]*$/, 'A phone number may contain only digits, spaces, +, -, ( and ).')
  .refine((value) => value === '' || value.replace(/\D/g, '').length >= 6, 'Enter at least 6 digits.');

const email = text(200, 'An email address').refine(
  (value) => value === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value),
  'Enter an email address like name@example.com, or leave it empty.',
);

/** Everything a patient record holds; '' means "not recorded" for the optional fields. */
export const patientFields = z.strictObject({
  fullName: requiredText(120, 'A name', "Enter the patient's full name."),
  dateOfBirth: isoDate('Enter the date of birth as YYYY-MM-DD.'),
  sex: z.enum(SEXES, { error: 'Choose female, male, other or not recorded.' }),
  phone: phone.default(''),
  email: email.default(''),
  address: text(500, 'The address').default(''),
  emergencyContact: text(200, 'The emergency contact').default(''),
  notes: text(2000, 'Notes').default(''),
  emailReminders: z.boolean().default(false),
});

const remindersNeedEmail = (value: { email: string; emailReminders: boolean }) =>
  !value.emailReminders || value.email !== '';
const remindersNeedEmailIssue = {
  message: 'Email reminders need an email address.',
  path: ['emailReminders'],
};

export const patientRegisterInput = patientFields
  .extend({
    /** The user saw the duplicate warning and confirmed this is a different person. */
    confirmDuplicate: z.boolean().default(false),
  })
  .refine(remindersNeedEmail, remindersNeedEmailIssue);

export const patientUpdateInput = patientFields
  .extend({ id: recordId('patient') })
  .refine(remindersNeedEmail, remindersNeedEmailIssue);

export const patientDeactivateInput = z.strictObject({
  id: recordId('patient'),
  reason: requiredText(300, 'The reason', 'Say why the patient is being deactivated.'),
});

export const patientIdInput = z.strictObject({ id: recordId('patient') });

export const duplicateCheckInput = z.strictObject({
  fullName: text(120, 'A name'),
  dateOfBirth: z.string().trim().max(10).default(''),
  phone: text(40, 'A phone number').default(''),
  /** While editing, the patient itself is not a duplicate of itself. */
  excludeId: recordId('patient').optional(),
});

export const patientHistoryInput = z.strictObject({
  patientId: recordId('patient'),
  offset: z.number().int().min(0).max(1_000_000).default(0),
  limit: z.number().int().min(1).max(100).default(20),
});

export const patientChannels = {
  'patients/list': define<Page<PatientSummary>>()({
    input: patientsListInput,
    access: ['admin', 'reception', 'doctor'],
    summary: 'Patients by name (any word prefix), phone or patient number, paged.',
    reads: ['patients'],
  }),
  'patients/get': define<PatientDetails>()({
    input: patientIdInput,
    access: ['admin', 'reception', 'doctor'],
    summary: "One patient's full profile.",
    reads: ['patients'],
  }),
  'patients/checkDuplicates': define<DuplicateCandidate[]>()({
    input: duplicateCheckInput,
    access: ['admin', 'reception'],
    summary: 'Patients who look like the same person: same name and date of birth, or same phone.',
    reads: ['patients'],
  }),
  'patients/register': define<PatientDetails>()({
    input: patientRegisterInput,
    access: ['admin', 'reception'],
    summary: 'Register a patient; a likely duplicate is refused unless confirmDuplicate is true.',
    changes: ['patients'],
  }),
  'patients/update': define<PatientDetails>()({
    input: patientUpdateInput,
    access: ['admin', 'reception'],
    summary: "Change a patient's details.",
    changes: ['patients'],
  }),
  'patients/deactivate': define<PatientDetails>()({
    input: patientDeactivateInput,
    access: ['admin', 'reception'],
    summary: 'Deactivate a patient with a reason: history stays, no new bookings.',
    changes: ['patients'],
  }),
  'patients/reactivate': define<PatientDetails>()({
    input: patientIdInput,
    access: ['admin', 'reception'],
    summary: 'Make a deactivated patient bookable again.',
    changes: ['patients'],
  }),
  'patients/history': define<PatientHistory>()({
    input: patientHistoryInput,
    access: ['admin', 'reception', 'doctor'],
    summary: "A patient's visits, newest first, paged. Clinical notes: admin and the patient's doctors only.",
    reads: ['appointments', 'departments', 'doctors', 'patients', 'treatments'],
  }),
} as const;
