import { z } from 'zod';
import type {
  AppointmentDetails,
  AppointmentList,
  AppointmentView,
  BookingOptions,
  FreeSlots,
  RescheduledAppointment,
} from '../dto/clinic';
import { define, emptyInput, type ChangeScope } from './define';
import { instant, isoDate, recordId, requiredText, text } from './fields';
import { clinicalFields } from './treatments';

const appointmentId = recordId('appointment');

/** A write's answer is the appointment as it now stands: its doctor's day is where it changed. */
const dayOf = (a: AppointmentView): ChangeScope => ({
  appointments: [{ doctorId: a.doctorId, departmentId: a.departmentId, date: a.date }],
});

/** A move changes two doctor-days: the one it left and the one it went to (one when they are the same). */
const bothDaysOf = (a: RescheduledAppointment): ChangeScope => {
  const to = { doctorId: a.doctorId, departmentId: a.departmentId, date: a.date };
  const { doctorId, departmentId, date } = a.movedFrom;
  const same = doctorId === to.doctorId && date === to.date;
  return { appointments: same ? [to] : [{ doctorId, departmentId, date }, to] };
};

/** Exactly one of doctor or department (or neither, for the whole clinic). */
const scope = {
  doctorId: recordId('doctor').optional(),
  departmentId: recordId('department').optional(),
};
const oneScope = (value: { doctorId?: number | undefined; departmentId?: number | undefined }) =>
  value.doctorId === undefined || value.departmentId === undefined;
const oneScopeIssue = { message: 'Choose a doctor or a department, not both.', path: ['doctorId'] };

export const freeSlotsInput = z
  .strictObject({
    ...scope,
    from: isoDate('Choose the first day as YYYY-MM-DD.'),
    days: z.number().int().min(1, 'Ask for 1 to 14 days.').max(14, 'Ask for 1 to 14 days.').default(7),
  })
  .refine(oneScope, oneScopeIssue);

export const appointmentsListInput = z
  .strictObject({
    ...scope,
    from: isoDate('Choose the first day as YYYY-MM-DD.'),
    days: z.number().int().min(1, 'Ask for 1 to 7 days.').max(7, 'Ask for 1 to 7 days.').default(1),
  })
  .refine(oneScope, oneScopeIssue);

export const bookInput = z.strictObject({
  patientId: recordId('patient'),
  doctorId: recordId('doctor'),
  startsAt: instant,
  reason: text(300, 'The reason for the visit').default(''),
});

export const rescheduleInput = z.strictObject({
  id: appointmentId,
  doctorId: recordId('doctor').optional(),
  startsAt: instant,
});

export const cancelInput = z.strictObject({
  id: appointmentId,
  reason: requiredText(300, 'The reason', 'Say why the appointment is cancelled.'),
});

export const appointmentIdInput = z.strictObject({ id: appointmentId });

export const completeInput = z.strictObject({ id: appointmentId, ...clinicalFields });

export const appointmentChannels = {
  'appointments/options': define<BookingOptions>()({
    input: emptyInput,
    access: ['admin', 'reception', 'doctor'],
    summary: "Active departments and doctors to book with, the clinic's time zone and today's date.",
    reads: ['departments', 'doctors', 'settings'],
  }),
  'appointments/freeSlots': define<FreeSlots>()({
    input: freeSlotsInput,
    access: ['admin', 'reception', 'doctor'],
    summary: "Free slots of a doctor or a department's doctors from a date, up to 14 days.",
    reads: ['appointments', 'departments', 'doctor_availability', 'doctor_exceptions', 'doctors', 'settings'],
    appointmentsSlice: (input) => input,
  }),
  'appointments/list': define<AppointmentList>()({
    input: appointmentsListInput,
    access: ['admin', 'reception', 'doctor'],
    summary: 'Appointments of a day or a week by doctor or department; doctors see their own.',
    reads: ['appointments', 'departments', 'doctors', 'patients', 'settings', 'treatments'],
    appointmentsSlice: (input) => input,
  }),
  'appointments/get': define<AppointmentDetails>()({
    input: appointmentIdInput,
    access: ['admin', 'reception', 'doctor'],
    summary: 'One appointment with its treatment record (clinical fields for admin and its doctor).',
    reads: ['appointments', 'departments', 'doctors', 'email_outbox', 'patients', 'settings', 'treatments'],
  }),
  'appointments/book': define<AppointmentView>()({
    input: bookInput,
    access: ['admin', 'reception'],
    summary: 'Book an active patient into a free slot of an active doctor.',
    changes: ['appointments', 'email_outbox'],
    scopeOf: dayOf,
  }),
  'appointments/reschedule': define<RescheduledAppointment>()({
    input: rescheduleInput,
    access: ['admin', 'reception'],
    summary: 'Move a booked appointment to another free slot (same rules as booking).',
    changes: ['appointments', 'email_outbox'],
    scopeOf: bothDaysOf,
  }),
  'appointments/cancel': define<AppointmentView>()({
    input: cancelInput,
    access: ['admin', 'reception', 'doctor'],
    summary: 'Cancel a booked or arrived appointment with a reason (doctors: their own).',
    changes: ['appointments', 'email_outbox'],
    scopeOf: dayOf,
  }),
  'appointments/checkIn': define<AppointmentView>()({
    input: appointmentIdInput,
    access: ['admin', 'reception', 'doctor'],
    summary: 'Mark a booked patient as arrived (doctors: their own).',
    changes: ['appointments'],
    scopeOf: dayOf,
  }),
  'appointments/noShow': define<AppointmentView>()({
    input: appointmentIdInput,
    access: ['admin', 'reception', 'doctor'],
    summary: 'Mark a booked appointment as a no-show once its time has come (doctors: their own).',
    changes: ['appointments'],
    scopeOf: dayOf,
  }),
  'appointments/complete': define<AppointmentDetails>()({
    input: completeInput,
    access: ['doctor'],
    summary: "Complete an arrived visit with the doctor's diagnosis, notes, prescription and next visit.",
    changes: ['appointments', 'treatments'],
    scopeOf: dayOf,
  }),
} as const;
