import type { AppointmentView } from '../../../shared/dto/clinic';
import type { Sqlite } from '../db/open';
import type { Outbox } from '../outbox/outbox';
import type { BookingDetails, BookingEvent } from '../mail/templates/booking';
import type { SettingsStore } from '../settings/store';

interface Recipient {
  email: string | null;
  active: number;
  email_reminders: number;
  updated_at: number;
}

export const confirmationKey = (appointmentId: number, event: BookingEvent, updatedAt: number) =>
  `booking:${appointmentId}:${event}:${updatedAt}`;

/**
 * Queues the patient's confirmation of a booking, move or cancellation. Call it inside the
 * transaction that made the change, after the write, so the appointment and its email are stored
 * together or not at all. The dedupe key carries the appointment's updated_at, so each change
 * sends one email and a retried call sends none twice. Patients without an email address, without
 * consent to email, or archived get nothing. Returns true when a row was queued.
 */
export function bookingConfirmations(sqlite: Sqlite, settings: SettingsStore, outbox: () => Outbox) {
  const recipient = sqlite.prepare<[number], Recipient>(
    `SELECT p.email, p.active, p.email_reminders, a.updated_at
     FROM appointments a JOIN patients p ON p.id = a.patient_id WHERE a.id = ?`,
  );
  const queueTo = (
    to: { email: string | null; active: boolean; emailReminders: boolean },
    updatedAt: number,
    event: BookingEvent,
    appointment: AppointmentView,
    previous?: { date: string; time: string; doctorName: string },
  ): boolean => {
    if (!to.email || !to.active || !to.emailReminders) return false;
    // The facts, not the rendering: the relay renders them when it sends (a smaller row to commit).
    const details: BookingDetails = {
      event,
      clinicName: settings.get('clinicName'),
      clinicAddress: settings.get('clinicAddress'),
      clinicPhone: settings.get('clinicPhone'),
      patientName: appointment.patientName,
      doctorName: appointment.doctorName,
      department: appointment.departmentName,
      date: appointment.date,
      time: appointment.time,
      timeZone: settings.get('timeZone'),
      ...(previous ? { previous } : {}),
    };
    return outbox().enqueue({
      dedupeKey: confirmationKey(appointment.id, event, updatedAt),
      kind: `booking-${event}`,
      to: to.email,
      facts: { template: 'booking', details },
    });
  };
  return {
    queue(
      event: BookingEvent,
      appointment: AppointmentView,
      previous?: { date: string; time: string; doctorName: string },
    ): boolean {
      const row = recipient.get(appointment.id);
      if (!row) return false;
      const to = { email: row.email, active: row.active === 1, emailReminders: row.email_reminders === 1 };
      return queueTo(to, row.updated_at, event, appointment, previous);
    },
    /**
     * The same, for a caller that has just read the patient and written the appointment in this
     * transaction (a booking): `updatedAt` is the appointment's updated_at as written.
     */
    queueTo,
  };
}
