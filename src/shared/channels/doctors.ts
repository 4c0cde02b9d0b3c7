import { z } from 'zod';
import { calendarDate, formatTimeOfDay, parseTimeOfDay, timeOfDay, WEEKDAY_NAMES } from '../time-of-day';
import { define } from './define';

export interface DoctorSummary {
  id: number;
  fullName: string;
  departmentId: number;
  departmentName: string;
  qualifications: string;
  email: string | null;
  phone: string | null;
  consultationMinutes: number;
  active: boolean;
  /** Username of the staff account linked to this doctor, if any. */
  username: string | null;
}

export interface AvailabilityRow {
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  start: string;
  end: string;
  slotMinutes: number;
}

export interface DoctorException {
  id: number;
  date: string;
  kind: 'leave' | 'extra';
  start: string;
  end: string;
  note: string;
}

export interface DoctorDetail extends DoctorSummary {
  availability: AvailabilityRow[];
  /** Leave and extra hours from today (clinic time zone) on, by date. */
  exceptions: DoctorException[];
}

const id = z.number().int().positive();

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .nullable()
    .default(null)
    .transform((value) => (value === '' ? null : value));

export const doctorFields = {
  fullName: z
    .string()
    .trim()
    .min(1, "Enter the doctor's name.")
    .max(120, 'A name must be at most 120 characters.'),
  departmentId: z.number({ error: 'Choose a department.' }).int().positive('Choose a department.'),
  qualifications: z.string().trim().max(300, 'Qualifications must be at most 300 characters.').default(''),
  email: optionalText(200, 'An email address must be at most 200 characters.').refine(
    (value) => value === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value),
    'Enter an email address such as name@example.com, or leave it empty.',
  ),
  phone: optionalText(40, 'A phone number must be at most 40 characters.').refine(
    (value) => value === null || /^[0-9+()\-.\s]{5,}$/.test(value),
    'Enter a phone number using digits, spaces and + ( ) - only, or leave it empty.',
  ),
  consultationMinutes: z
    .number({ error: 'Enter the consultation length in minutes.' })
    .int('Enter whole minutes.')
    .min(5, 'A consultation lasts at least 5 minutes.')
    .max(240, 'A consultation lasts at most 240 minutes.'),
};

export const doctorsListInput = z.strictObject({
  departmentId: id.nullable().default(null),
  includeInactive: z.boolean().default(false),
});

export const doctorGetInput = z.strictObject({ id });
export const doctorCreateInput = z.strictObject(doctorFields);
export const doctorUpdateInput = z.strictObject({ id, ...doctorFields });
export const doctorSetActiveInput = z.strictObject({ id, active: z.boolean() });

const slotMinutes = z
  .number({ error: 'Enter the slot length in minutes.' })
  .int('Enter whole minutes.')
  .min(5, 'A slot lasts at least 5 minutes.')
  .max(240, 'A slot lasts at most 240 minutes.');

export const availabilityRowInput = z
  .strictObject({
    weekday: z.number().int().min(0, 'Choose a day.').max(6, 'Choose a day.'),
    start: timeOfDay,
    end: timeOfDay,
    slotMinutes,
  })
  .superRefine((row, ctx) => {
    const start = parseTimeOfDay(row.start);
    const end = parseTimeOfDay(row.end);
    if (start === null || end === null) return;
    if (start >= 24 * 60) ctx.addIssue({ code: 'custom', path: ['start'], message: 'Start before 24:00.' });
    if (start >= end) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'The end must be after the start.' });
    } else if (end - start < row.slotMinutes) {
      ctx.addIssue({
        code: 'custom',
        path: ['slotMinutes'],
        message: 'The slot is longer than the hours it is in.',
      });
    }
  });

/** A row's day and minutes when they parse, else null (its own field errors explain why). */
function rowSpan(row: unknown): { weekday: number; start: number; end: number } | null {
  if (typeof row !== 'object' || row === null) return null;
  const { weekday, start, end } = row as Record<string, unknown>;
  if (typeof weekday !== 'number' || typeof start !== 'string' || typeof end !== 'string') return null;
  const from = parseTimeOfDay(start.trim());
  const to = parseTimeOfDay(end.trim());
  return from === null || to === null ? null : { weekday, start: from, end: to };
}

export const doctorSetAvailabilityInput = z
  .strictObject({
    doctorId: id,
    rows: z.array(availabilityRowInput).max(50, 'At most 50 rows of weekly hours.'),
  })
  .superRefine(
    (value, ctx) => {
      // Overlapping rows on one day would offer the same slot twice. Checked even while another
      // row has a mistake, so a form shows every problem at once.
      const spans = value.rows.map(rowSpan);
      spans.forEach((span, i) => {
        if (!span) return;
        const clash = spans.findIndex(
          (other, j) =>
            j < i && other?.weekday === span.weekday && span.start < other.end && other.start < span.end,
        );
        const other = spans[clash];
        if (clash >= 0 && other) {
          ctx.addIssue({
            code: 'custom',
            path: ['rows', i, 'start'],
            message: `Overlaps ${WEEKDAY_NAMES[span.weekday] ?? 'that day'} ${formatTimeOfDay(other.start)}–${formatTimeOfDay(other.end)}.`,
          });
        }
      });
    },
    {
      when: (payload) => {
        const rows = (payload.value as { rows?: unknown } | null)?.rows;
        return Array.isArray(rows);
      },
    },
  );

export const doctorAddExceptionInput = z
  .strictObject({
    doctorId: id,
    date: calendarDate,
    kind: z.enum(['leave', 'extra'], 'Choose leave or extra hours.'),
    start: timeOfDay,
    end: timeOfDay,
    note: z.string().trim().max(200, 'A note must be at most 200 characters.').default(''),
  })
  .superRefine((value, ctx) => {
    const start = parseTimeOfDay(value.start);
    const end = parseTimeOfDay(value.end);
    if (start !== null && end !== null && start >= end) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'The end must be after the start.' });
    }
  });

export const doctorRemoveExceptionInput = z.strictObject({ id });

export const doctorChannels = {
  'doctors/list': define<DoctorSummary[]>()({
    input: doctorsListInput,
    access: ['admin', 'reception', 'doctor'],
    summary: 'Doctors by name, optionally of one department, optionally with inactive ones.',
    reads: ['departments', 'doctors'],
  }),
  'doctors/get': define<DoctorDetail>()({
    input: doctorGetInput,
    access: ['admin', 'reception', 'doctor'],
    summary: 'One doctor with weekly hours and upcoming leave or extra hours.',
    reads: ['departments', 'doctor_availability', 'doctor_exceptions', 'doctors'],
  }),
  'doctors/create': define<DoctorSummary>()({
    input: doctorCreateInput,
    access: ['admin'],
    summary: 'Add a doctor to an active department.',
    changes: ['departments', 'doctors'],
  }),
  'doctors/update': define<DoctorSummary>()({
    input: doctorUpdateInput,
    access: ['admin'],
    summary: "Change a doctor's details, department or consultation length.",
    changes: ['departments', 'doctors'],
  }),
  'doctors/setActive': define<DoctorSummary>()({
    input: doctorSetActiveInput,
    access: ['admin'],
    summary: 'Deactivate (no upcoming appointments left) or reactivate a doctor.',
    changes: ['departments', 'doctors'],
  }),
  'doctors/setAvailability': define<DoctorDetail>()({
    input: doctorSetAvailabilityInput,
    access: ['admin'],
    summary: "Replace a doctor's weekly hours (day, start, end, slot length).",
    changes: ['doctor_availability'],
  }),
  'doctors/addException': define<DoctorDetail>()({
    input: doctorAddExceptionInput,
    access: ['admin'],
    summary: 'Record leave or extra hours on one date.',
    changes: ['doctor_exceptions'],
  }),
  'doctors/removeException': define<DoctorDetail>()({
    input: doctorRemoveExceptionInput,
    access: ['admin'],
    summary: 'Remove a date of leave or extra hours.',
    changes: ['doctor_exceptions'],
  }),
} as const;
