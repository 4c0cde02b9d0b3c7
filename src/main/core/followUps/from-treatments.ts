import type { Sqlite } from '../db/open';

/**
 * The follow-up triggers that fire per row on insert (drizzle/0005). A bulk load of a whole
 * history suspends them and calls `openFollowUpsFromTreatments` once its indexes are built: fired
 * per treatment before the indexes exist, the first one scans every appointment each time.
 */
export const FOLLOW_UP_INSERT_TRIGGERS = [
  'follow_ups_open_on_treatment',
  'follow_ups_close_on_booking',
] as const;

/**
 * One follow-up per treatment with a next-visit date, in one statement: booked when a later visit
 * with the same doctor exists (that visit's id), open otherwise: the rows migration 0005 made from
 * existing records. The `+` keeps SQLite on the patient's own visits (patient_id, starts_at):
 * without statistics it otherwise walks the doctor's whole later diary for every treatment, which
 * on the ten-year clinic (300,000 next-visit dates, 33,000 visits a doctor) never finishes.
 */
export function openFollowUpsFromTreatments(sqlite: Sqlite): number {
  return sqlite
    .prepare(
      `INSERT INTO follow_ups (patient_id, doctor_id, treatment_id, due_date, status, appointment_id, closed_at, created_at)
       SELECT a.patient_id, a.doctor_id, t.id, t.next_visit_date,
         CASE WHEN later.id IS NULL THEN 'open' ELSE 'booked' END, later.id,
         CASE WHEN later.id IS NULL THEN NULL ELSE t.created_at END, t.created_at
       FROM treatments t
       JOIN appointments a ON a.id = t.appointment_id
       LEFT JOIN appointments later ON later.id = (
         SELECT l.id FROM appointments l
         WHERE l.patient_id = a.patient_id AND +l.doctor_id = a.doctor_id AND l.starts_at > a.starts_at
           AND l.status IN ('booked', 'arrived', 'completed')
         ORDER BY l.starts_at LIMIT 1)
       WHERE t.next_visit_date IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.treatment_id = t.id)`,
    )
    .run().changes;
}
