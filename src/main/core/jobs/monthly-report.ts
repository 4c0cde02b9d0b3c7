import type { MonthlyReportData, ReportFollowUps, ReportStatusTotals } from '../../../shared/dto/jobs';
import type { Sqlite } from '../db/open';
import { formatMonth } from '../mail/templates/dates';
import { reportEmail } from '../mail/templates/report';
import { addMonths, formatMinutes, localParts, monthRange } from '../time/zone';
import type { JobContext, JobCounts } from './context';

export const reportKey = (doctorId: number, month: string) => `report:${doctorId}:${month}`;
export const TOP_DIAGNOSES = 5;

/**
 * The doctor's follow-ups due in `month` as they stand at `asOf` (the report's instant): due =
 * due date in the month; booked = of those, closed by a booking; notNeeded = closed as not
 * needed; overdue = still open with the due date before the report's local date. A follow-up
 * booked and then cancelled is open again, so it counts as overdue, not booked.
 */
export function followUpFigures(
  sqlite: Sqlite,
  doctorId: number,
  month: string,
  asOf: number,
  timeZone: string,
): ReportFollowUps {
  const local = localParts(asOf, timeZone);
  const row = sqlite
    .prepare<
      { doctorId: number; from: string; to: string; today: string },
      { due: number; booked: number; notNeeded: number; overdue: number }
    >(
      `SELECT count(*) AS due,
         coalesce(sum(status = 'booked'), 0) AS booked,
         coalesce(sum(status = 'not_needed'), 0) AS notNeeded,
         coalesce(sum(status = 'open' AND due_date < @today), 0) AS overdue
       FROM follow_ups WHERE doctor_id = @doctorId AND due_date >= @from AND due_date < @to`,
    )
    .get({ doctorId, from: `${month}-01`, to: `${addMonths(month, 1)}-01`, today: local.date });
  return {
    due: row?.due ?? 0,
    booked: row?.booked ?? 0,
    notNeeded: row?.notNeeded ?? 0,
    overdue: row?.overdue ?? 0,
    asOf: `${local.date} ${formatMinutes(local.minute)}`,
  };
}

/**
 * The figures of one doctor's month. Only stored rows, the month and the report's instant `asOf`
 * (for the follow-ups' standing) feed it, and every list has a total order, so building it twice
 * at the same instant gives the same report.
 */
export function buildMonthlyReport(
  sqlite: Sqlite,
  doctorId: number,
  month: string,
  timeZone: string,
  asOf: number,
): MonthlyReportData | null {
  const doctor = sqlite
    .prepare<[number], { full_name: string; department: string }>(
      `SELECT d.full_name, dep.name AS department FROM doctors d JOIN departments dep ON dep.id = d.department_id
       WHERE d.id = ?`,
    )
    .get(doctorId);
  if (!doctor) return null;
  const { start, end } = monthRange(month, timeZone);
  const totals: ReportStatusTotals = { booked: 0, arrived: 0, completed: 0, cancelled: 0, no_show: 0 };
  for (const row of sqlite
    .prepare<[number, number, number], { status: keyof ReportStatusTotals; n: number }>(
      `SELECT status, count(*) AS n FROM appointments
       WHERE doctor_id = ? AND starts_at >= ? AND starts_at < ? GROUP BY status`,
    )
    .all(doctorId, start, end)) {
    totals[row.status] = row.n;
  }
  const totalAppointments =
    totals.booked + totals.arrived + totals.completed + totals.cancelled + totals.no_show;
  const attended = totalAppointments - totals.cancelled;
  const treatmentsRecorded =
    sqlite
      .prepare<[number, number, number], { n: number }>(
        `SELECT count(*) AS n FROM treatments t JOIN appointments a ON a.id = t.appointment_id
         WHERE a.doctor_id = ? AND a.starts_at >= ? AND a.starts_at < ?`,
      )
      .get(doctorId, start, end)?.n ?? 0;
  const topDiagnoses = sqlite
    .prepare<[number, number, number, number], { diagnosis: string; count: number }>(
      `SELECT t.diagnosis AS diagnosis, count(*) AS count FROM treatments t
       JOIN appointments a ON a.id = t.appointment_id
       WHERE a.doctor_id = ? AND a.starts_at >= ? AND a.starts_at < ? AND trim(t.diagnosis) <> ''
       GROUP BY t.diagnosis ORDER BY count DESC, t.diagnosis LIMIT ?`,
    )
    .all(doctorId, start, end, TOP_DIAGNOSES);
  const completedVisits = sqlite
    .prepare<
      [number, number, number],
      { starts_at: number; patient: string; diagnosis: string | null; treatment: string | null }
    >(
      `SELECT a.starts_at, p.full_name AS patient, t.diagnosis, t.treatment_notes AS treatment
       FROM appointments a JOIN patients p ON p.id = a.patient_id
       LEFT JOIN treatments t ON t.appointment_id = a.id
       WHERE a.doctor_id = ? AND a.starts_at >= ? AND a.starts_at < ? AND a.status = 'completed'
       ORDER BY a.starts_at, a.id`,
    )
    .all(doctorId, start, end)
    .map((row) => {
      const local = localParts(row.starts_at, timeZone);
      return {
        date: local.date,
        time: formatMinutes(local.minute),
        patient: row.patient,
        diagnosis: row.diagnosis ?? '',
        treatment: row.treatment ?? '',
      };
    });
  return {
    month,
    periodLabel: formatMonth(month),
    doctorName: doctor.full_name,
    department: doctor.department,
    totals,
    totalAppointments,
    noShowRate: attended > 0 ? totals.no_show / attended : null,
    treatmentsRecorded,
    topDiagnoses,
    completedVisits,
    followUps: followUpFigures(sqlite, doctorId, month, asOf, timeZone),
  };
}

/**
 * Stores and emails the report of every doctor who had appointments or follow-ups due in `month`. Each doctor's
 * report, its email and the audit entry share one transaction; a report already stored is kept
 * as it is (a rerun re-sends nothing and changes nothing), so the stored text never drifts.
 */
export function queueMonthlyReports(ctx: JobContext, month: string): JobCounts {
  const { sqlite, settings, outbox } = ctx;
  const timeZone = settings.get('timeZone');
  const clinicName = settings.get('clinicName');
  const { start, end } = monthRange(month, timeZone);
  const doctors = sqlite
    .prepare<{ start: number; end: number; from: string; to: string }, { id: number; email: string | null }>(
      `SELECT d.id, d.email FROM doctors d
       WHERE EXISTS (SELECT 1 FROM appointments a WHERE a.doctor_id = d.id AND a.starts_at >= @start AND a.starts_at < @end)
          OR EXISTS (SELECT 1 FROM follow_ups f WHERE f.doctor_id = d.id AND f.due_date >= @from AND f.due_date < @to)
       ORDER BY d.id`,
    )
    .all({ start, end, from: `${month}-01`, to: `${addMonths(month, 1)}-01` });
  const stored = sqlite.prepare<[number, string], { html: string; text: string; data: string }>(
    'SELECT html, text, data FROM monthly_reports WHERE doctor_id = ? AND month = ?',
  );
  const insert = sqlite.prepare<[number, string, string, string, string, number]>(
    `INSERT INTO monthly_reports (doctor_id, month, html, text, data, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const counts = {
    doctors: doctors.length,
    stored: 0,
    alreadyStored: 0,
    queued: 0,
    alreadyQueued: 0,
    noEmail: 0,
  };
  for (const doctor of doctors) {
    sqlite.transaction(() => {
      let report = stored.get(doctor.id, month);
      let subject: string;
      if (report) {
        counts.alreadyStored += 1;
        const data = JSON.parse(report.data) as MonthlyReportData;
        subject = reportEmail(clinicName, data).subject;
      } else {
        const now = ctx.clock.now().getTime();
        const data = buildMonthlyReport(sqlite, doctor.id, month, timeZone, now);
        if (!data) return;
        const email = reportEmail(clinicName, data);
        insert.run(doctor.id, month, email.html, email.text, JSON.stringify(data), now);
        report = { html: email.html, text: email.text, data: JSON.stringify(data) };
        subject = email.subject;
        counts.stored += 1;
      }
      if (!doctor.email) {
        counts.noEmail += 1;
      } else if (
        outbox.enqueue({
          dedupeKey: reportKey(doctor.id, month),
          kind: 'report',
          to: doctor.email,
          subject,
          html: report.html,
          text: report.text,
        })
      ) {
        counts.queued += 1;
      } else {
        counts.alreadyQueued += 1;
      }
      ctx.audit.record(ctx.actor, {
        action: 'jobs.monthly-report',
        entity: 'monthly_reports',
        entityId: `${doctor.id}:${month}`,
        summary: `Monthly report ${month} for doctor #${doctor.id}.`,
      });
    })();
  }
  return counts;
}
