import type { AppointmentStatus, AppointmentView, TreatmentRecord } from '../../../shared/dto/clinic';
import type { Sqlite } from '../db/open';
import { localTime, localDate } from '../time/zone';

interface ViewRow {
  id: number;
  patient_id: number;
  patient_number: string;
  patient_name: string;
  doctor_id: number;
  doctor_name: string;
  department_id: number;
  department_name: string;
  starts_at: number;
  ends_at: number;
  status: AppointmentStatus;
  reason: string;
  cancel_reason: string | null;
  treatment_id: number | null;
}

interface TreatmentRow {
  id: number;
  appointment_id: number;
  diagnosis: string;
  treatment_notes: string;
  prescription: string;
  next_visit_date: string | null;
  recorded_by: number | null;
  recorded_by_name: string | null;
  created_at: number;
  updated_at: number;
}

const VIEW_SELECT = `SELECT a.id, a.patient_id, p.patient_number, p.full_name AS patient_name, a.doctor_id,
    d.full_name AS doctor_name, d.department_id, dep.name AS department_name, a.starts_at, a.ends_at,
    a.status, a.reason, a.cancel_reason, t.id AS treatment_id
  FROM appointments a
  JOIN patients p ON p.id = a.patient_id
  JOIN doctors d ON d.id = a.doctor_id
  JOIN departments dep ON dep.id = d.department_id
  LEFT JOIN treatments t ON t.appointment_id = a.id`;

export const toTreatment = (row: TreatmentRow): TreatmentRecord => ({
  id: row.id,
  diagnosis: row.diagnosis,
  treatmentNotes: row.treatment_notes,
  prescription: row.prescription,
  nextVisitDate: row.next_visit_date,
  recordedBy: row.recorded_by,
  recordedByName: row.recorded_by_name,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Appointments as the screens show them: names joined in, times in the clinic's zone. */
export function appointmentViews(sqlite: Sqlite) {
  const byId = sqlite.prepare<[number], ViewRow>(`${VIEW_SELECT} WHERE a.id = ?`);
  const inRange = sqlite.prepare<
    { start: number; end: number; doctor: number | null; department: number | null },
    ViewRow
  >(
    `${VIEW_SELECT} WHERE a.starts_at >= @start AND a.starts_at < @end
       AND (@doctor IS NULL OR a.doctor_id = @doctor) AND (@department IS NULL OR d.department_id = @department)
     ORDER BY a.starts_at, d.full_name, a.id`,
  );
  const treatmentSelect = `SELECT t.id, t.appointment_id, t.diagnosis, t.treatment_notes, t.prescription,
      t.next_visit_date, t.recorded_by, s.full_name AS recorded_by_name, t.created_at, t.updated_at
    FROM treatments t LEFT JOIN staff_users s ON s.id = t.recorded_by`;
  const treatmentById = sqlite.prepare<[number], TreatmentRow>(`${treatmentSelect} WHERE t.id = ?`);
  const treatmentByAppointment = sqlite.prepare<[number], TreatmentRow>(
    `${treatmentSelect} WHERE t.appointment_id = ?`,
  );

  const toView = (row: ViewRow, timeZone: string): AppointmentView => ({
    id: row.id,
    patientId: row.patient_id,
    patientNumber: row.patient_number,
    patientName: row.patient_name,
    doctorId: row.doctor_id,
    doctorName: row.doctor_name,
    departmentId: row.department_id,
    departmentName: row.department_name,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    date: localDate(row.starts_at, timeZone),
    time: localTime(row.starts_at, timeZone),
    endTime: localTime(row.ends_at, timeZone),
    status: row.status,
    reason: row.reason,
    cancelReason: row.cancel_reason,
    treatmentId: row.treatment_id,
  });

  return {
    get(id: number, timeZone: string): AppointmentView | null {
      const row = byId.get(id);
      return row ? toView(row, timeZone) : null;
    },
    range(
      filter: {
        start: number;
        end: number;
        doctorId?: number | undefined;
        departmentId?: number | undefined;
      },
      timeZone: string,
    ): AppointmentView[] {
      return inRange
        .all({
          start: filter.start,
          end: filter.end,
          doctor: filter.doctorId ?? null,
          department: filter.departmentId ?? null,
        })
        .map((row) => toView(row, timeZone));
    },
    treatment(id: number): (TreatmentRecord & { appointmentId: number }) | null {
      const row = treatmentById.get(id);
      return row ? { ...toTreatment(row), appointmentId: row.appointment_id } : null;
    },
    treatmentOf(appointmentId: number): TreatmentRecord | null {
      const row = treatmentByAppointment.get(appointmentId);
      return row ? toTreatment(row) : null;
    },
  };
}

export type AppointmentViews = ReturnType<typeof appointmentViews>;
