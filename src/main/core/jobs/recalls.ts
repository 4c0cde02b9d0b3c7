import { recallEmail } from '../mail/templates/recall';
import { addDays, dayRange } from '../time/zone';
import type { JobContext, JobCounts } from './context';

interface DueFollowUp {
  id: number;
  due_date: string;
  patient_name: string;
  email: string | null;
  active: number;
  email_reminders: number;
  doctor_name: string;
  department: string;
  has_booking: number;
}

/** One recall per follow-up, ever: the outbox refuses a second message with this key. */
export const recallKey = (followUpId: number) => `recall:${followUpId}`;

/**
 * Queues the recall email for every open follow-up due within `recallDaysBefore` days of `date`
 * (and not yet past) whose patient has no appointment booked, is active, has an email address and
 * agreed to reminders. Like the reminders: one transaction with the audit entry, dedupe key
 * recall:<follow-up>, so a rerun, a crash or a day the PC was off never sends one twice, and a
 * missed day is covered by the next run (its window still holds the follow-up).
 */
export function queueRecalls(ctx: JobContext, date: string): JobCounts {
  const { sqlite, settings, outbox } = ctx;
  const timeZone = settings.get('timeZone');
  const horizon = addDays(date, settings.get('recallDaysBefore'));
  const { start } = dayRange(date, timeZone);
  const rows = sqlite
    .prepare<[number, string, string], DueFollowUp>(
      `SELECT f.id, f.due_date, p.full_name AS patient_name, p.email, p.active, p.email_reminders,
              d.full_name AS doctor_name, dep.name AS department,
              EXISTS (SELECT 1 FROM appointments a WHERE a.patient_id = f.patient_id
                        AND a.status = 'booked' AND a.starts_at >= ?) AS has_booking
       FROM follow_ups f
       JOIN patients p ON p.id = f.patient_id
       JOIN doctors d ON d.id = f.doctor_id
       JOIN departments dep ON dep.id = d.department_id
       WHERE f.status = 'open' AND f.due_date >= ? AND f.due_date <= ?
       ORDER BY f.due_date, f.id`,
    )
    .all(start, date, horizon);
  const clinic = {
    clinicName: settings.get('clinicName'),
    clinicAddress: settings.get('clinicAddress'),
    clinicPhone: settings.get('clinicPhone'),
  };
  const counts = {
    due: rows.length,
    queued: 0,
    alreadyQueued: 0,
    booked: 0,
    noEmail: 0,
    noConsent: 0,
    inactive: 0,
  };
  sqlite.transaction(() => {
    for (const row of rows) {
      if (row.has_booking === 1) counts.booked += 1;
      else if (row.active !== 1) counts.inactive += 1;
      else if (!row.email) counts.noEmail += 1;
      else if (row.email_reminders !== 1) counts.noConsent += 1;
      else {
        const added = outbox.enqueue({
          dedupeKey: recallKey(row.id),
          kind: 'recall',
          to: row.email,
          ...recallEmail({
            ...clinic,
            patientName: row.patient_name,
            doctorName: row.doctor_name,
            department: row.department,
            dueDate: row.due_date,
          }),
        });
        if (added) counts.queued += 1;
        else counts.alreadyQueued += 1;
      }
    }
    ctx.audit.record(ctx.actor, {
      action: 'jobs.recalls',
      entity: 'job_runs',
      entityId: `recalls:${date}`,
      summary: `Follow-up recalls for ${date}: ${counts.queued} queued, ${counts.alreadyQueued} already queued.`,
    });
  })();
  return counts;
}
