import { calendarFile } from '../mail/templates/ics';
import { reminderEmail } from '../mail/templates/reminder';
import { dayRange, formatMinutes, localDate, localParts } from '../time/zone';
import type { JobContext, JobCounts } from './context';

interface DueAppointment {
  id: number;
  starts_at: number;
  ends_at: number;
  patient_name: string;
  email: string | null;
  active: number;
  email_reminders: number;
  doctor_name: string;
  department: string;
}

export const reminderKey = (appointmentId: number, date: string) => `reminder:${appointmentId}:${date}`;

/**
 * Queues one reminder per appointment booked on `date` (clinic zone) whose patient is active, has
 * an email address and agreed to reminders. All of the day's rows go in one transaction with the
 * audit entry, and each has the dedupe key reminder:<appointment>:<date>, so a rerun (or a rerun
 * after a crash) queues exactly what is missing: nothing twice, nothing lost.
 */
export function queueReminders(ctx: JobContext, date: string): JobCounts {
  const { sqlite, settings, outbox } = ctx;
  const timeZone = settings.get('timeZone');
  const { start, end } = dayRange(date, timeZone);
  const rows = sqlite
    .prepare<[number, number], DueAppointment>(
      `SELECT a.id, a.starts_at, a.ends_at, p.full_name AS patient_name, p.email, p.active,
              p.email_reminders, d.full_name AS doctor_name, dep.name AS department
       FROM appointments a
       JOIN patients p ON p.id = a.patient_id
       JOIN doctors d ON d.id = a.doctor_id
       JOIN departments dep ON dep.id = d.department_id
       WHERE a.starts_at >= ? AND a.starts_at < ? AND a.status = 'booked'
       ORDER BY a.starts_at, a.id`,
    )
    .all(start, end);
  const clinic = {
    clinicName: settings.get('clinicName'),
    clinicAddress: settings.get('clinicAddress'),
    clinicPhone: settings.get('clinicPhone'),
  };
  const stamp = ctx.clock.now().getTime();
  const isToday = localDate(stamp, timeZone) === date;
  const counts = { due: rows.length, queued: 0, alreadyQueued: 0, noEmail: 0, noConsent: 0, inactive: 0 };

  sqlite.transaction(() => {
    for (const row of rows) {
      if (row.active !== 1) counts.inactive += 1;
      else if (!row.email) counts.noEmail += 1;
      else if (row.email_reminders !== 1) counts.noConsent += 1;
      else {
        const local = localParts(row.starts_at, timeZone);
        const time = formatMinutes(local.minute);
        const email = reminderEmail({
          ...clinic,
          patientName: row.patient_name,
          doctorName: row.doctor_name,
          department: row.department,
          date: local.date,
          time,
          timeZone,
          isToday,
        });
        const ics = calendarFile({
          uid: `appointment-${row.id}@clinic-desk`,
          stamp,
          start: row.starts_at,
          end: row.ends_at,
          summary: `Appointment with ${row.doctor_name} (${row.department})`,
          description: `${clinic.clinicName}\n${row.doctor_name}, ${row.department}`,
          location: [clinic.clinicName, clinic.clinicAddress].filter(Boolean).join(', '),
        });
        const added = outbox.enqueue({
          dedupeKey: reminderKey(row.id, date),
          kind: 'reminder',
          to: row.email,
          ...email,
          attachments: [
            {
              filename: 'appointment.ics',
              contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
              content: Buffer.from(ics, 'utf8').toString('base64'),
            },
          ],
        });
        if (added) counts.queued += 1;
        else counts.alreadyQueued += 1;
      }
    }
    ctx.audit.record(ctx.actor, {
      action: 'jobs.reminders',
      entity: 'job_runs',
      entityId: `reminders:${date}`,
      summary: `Reminders for ${date}: ${counts.queued} queued, ${counts.alreadyQueued} already queued.`,
    });
  })();
  return counts;
}
