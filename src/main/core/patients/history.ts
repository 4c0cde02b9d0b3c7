import type { AppointmentStatus, HistoryEntry } from '../../../shared/dto/clinic';
import type { Sqlite } from '../db/open';
import { localDate, localTime } from '../time/zone';

interface HistoryRow {
  id: number;
  starts_at: number;
  doctor_id: number;
  doctor_name: string;
  department_name: string;
  status: AppointmentStatus;
  reason: string;
  cancel_reason: string | null;
  treatment_id: number | null;
  diagnosis: string | null;
  treatment_notes: string | null;
  prescription: string | null;
  next_visit_date: string | null;
  recorded_by_name: string | null;
}

/** A patient's visits, newest first, along `appointments_patient_starts_idx`. */
export function patientHistory(sqlite: Sqlite) {
  const page = sqlite.prepare<[number, number, number], HistoryRow>(
    `SELECT a.id, a.starts_at, a.doctor_id, d.full_name AS doctor_name, dep.name AS department_name, a.status,
       a.reason, a.cancel_reason, t.id AS treatment_id, t.diagnosis, t.treatment_notes, t.prescription,
       t.next_visit_date, s.full_name AS recorded_by_name
     FROM appointments a
     JOIN doctors d ON d.id = a.doctor_id
     JOIN departments dep ON dep.id = d.department_id
     LEFT JOIN treatments t ON t.appointment_id = a.id
     LEFT JOIN staff_users s ON s.id = t.recorded_by
     WHERE a.patient_id = ? ORDER BY a.starts_at DESC, a.id DESC LIMIT ? OFFSET ?`,
  );
  const count = sqlite.prepare<[number], { n: number }>(
    'SELECT count(*) AS n FROM appointments WHERE patient_id = ?',
  );

  return (
    patientId: number,
    paging: { offset: number; limit: number },
    options: { clinical: boolean; timeZone: string },
  ) => {
    const items: HistoryEntry[] = page.all(patientId, paging.limit, paging.offset).map((row) => ({
      appointmentId: row.id,
      date: localDate(row.starts_at, options.timeZone),
      time: localTime(row.starts_at, options.timeZone),
      startsAt: row.starts_at,
      doctorId: row.doctor_id,
      doctorName: row.doctor_name,
      departmentName: row.department_name,
      status: row.status,
      reason: row.reason,
      cancelReason: row.cancel_reason,
      nextVisitDate: row.next_visit_date,
      clinical:
        options.clinical && row.treatment_id !== null
          ? {
              treatmentId: row.treatment_id,
              diagnosis: row.diagnosis ?? '',
              treatmentNotes: row.treatment_notes ?? '',
              prescription: row.prescription ?? '',
              recordedByName: row.recorded_by_name,
            }
          : null,
    }));
    return { items, total: count.get(patientId)?.n ?? 0, offset: paging.offset, limit: paging.limit };
  };
}
