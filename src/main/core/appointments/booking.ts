import type { Sqlite } from '../db/open';
import { UserError } from '../errors';
import type { BookablePatient, PatientRecords } from '../patients/records';
import { localDate, localTime } from '../time/zone';
import type { DoctorRow, ScheduleQueries } from './schedule';
import type { CandidateSlot } from './slots';

export const SLOT_TAKEN = 'That slot was just taken by another booking. Choose another free slot.';

/** True for the partial unique index that keeps one active appointment per doctor and start. */
export function isSlotUniqueViolation(error: unknown): boolean {
  return (
    error instanceof Error &&
    'code' in error &&
    error.code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    /appointments\.doctor_id, appointments\.starts_at/.test(error.message)
  );
}

export interface BookingRequest {
  patientId: number;
  doctorId: number;
  startsAt: number;
  now: number;
  timeZone: string;
  /** When moving an appointment, it does not conflict with itself. */
  exceptAppointmentId?: number;
}

/**
 * The booking rules, checked inside the write transaction: an active patient and doctor, a future
 * slot inside the doctor's hours and not on leave, free for the doctor, and no overlapping active
 * appointment for the patient. The database's unique index is the last word on the doctor's slot.
 */
export function bookingRules(sqlite: Sqlite, schedule: ScheduleQueries, patients: PatientRecords) {
  const patientOverlap = sqlite.prepare<
    [number, number, number, number, number | null],
    { starts_at: number; doctor_name: string }
  >(
    `SELECT a.starts_at, d.full_name AS doctor_name FROM appointments a JOIN doctors d ON d.id = a.doctor_id
     WHERE a.patient_id = ? AND a.starts_at >= ? AND a.starts_at < ? AND a.ends_at > ? AND a.id IS NOT ?
       AND a.status IN ('booked', 'arrived') LIMIT 1`,
  );
  const insert = sqlite.prepare(
    `INSERT INTO appointments (patient_id, doctor_id, starts_at, ends_at, status, reason, created_by, created_at, updated_at)
     VALUES (@patientId, @doctorId, @startsAt, @endsAt, 'booked', @reason, @createdBy, @now, @now)`,
  );
  const move = sqlite.prepare(
    'UPDATE appointments SET doctor_id = ?, starts_at = ?, ends_at = ?, updated_at = ? WHERE id = ?',
  );

  return {
    checkBookable(request: BookingRequest): {
      patient: BookablePatient;
      doctor: DoctorRow;
      slot: CandidateSlot;
    } {
      const patient = patients.requireBookable(request.patientId);
      if (!patient.active) {
        throw new UserError(
          'conflict',
          `${patient.fullName} (${patient.patientNumber}) is deactivated and cannot be booked. Reactivate the patient first.`,
        );
      }
      const doctor = schedule.doctor(request.doctorId);
      if (!doctor) throw new UserError('not_found', 'That doctor does not exist.');
      if (doctor.active !== 1) {
        throw new UserError('conflict', `${doctor.full_name} is no longer active and cannot be booked.`);
      }
      if (request.startsAt <= request.now) {
        throw new UserError('conflict', 'That time has already passed. Choose a future slot.');
      }
      const date = localDate(request.startsAt, request.timeZone);
      const slot = schedule.candidateAt(doctor, date, request.startsAt, request.timeZone);
      if (!slot) {
        throw new UserError(
          'conflict',
          `${doctor.full_name} does not see patients at ${localTime(request.startsAt, request.timeZone)} on ${date}. Choose one of the free slots.`,
        );
      }
      if (slot.onLeave) {
        throw new UserError('conflict', `${doctor.full_name} is on leave at ${slot.time} on ${date}.`);
      }
      const busy = schedule.busyBetween(doctor.id, slot.startsAt, slot.endsAt, request.exceptAppointmentId);
      if (busy.some((b) => b.startsAt < slot.endsAt && slot.startsAt < b.endsAt)) {
        throw new UserError('conflict', SLOT_TAKEN);
      }
      const clash = patientOverlap.get(
        patient.id,
        slot.startsAt - 24 * 3_600_000,
        slot.endsAt,
        slot.startsAt,
        // `id IS NOT NULL` keeps every row; with an id it skips the appointment being moved.
        request.exceptAppointmentId ?? null,
      );
      if (clash) {
        throw new UserError(
          'conflict',
          `${patient.fullName} already has an appointment at ${localTime(clash.starts_at, request.timeZone)} on ${localDate(clash.starts_at, request.timeZone)} with ${clash.doctor_name}.`,
        );
      }
      return { patient, doctor, slot };
    },

    insert(row: {
      patientId: number;
      doctorId: number;
      startsAt: number;
      endsAt: number;
      reason: string;
      createdBy: number;
      now: number;
    }): number {
      return Number(insert.run(row).lastInsertRowid);
    },

    move(id: number, doctorId: number, startsAt: number, endsAt: number, now: number): void {
      move.run(doctorId, startsAt, endsAt, now, id);
    },

    /** Runs a booking write, turning a lost race for the slot into the same sentence as the check. */
    withSlotConflict<T>(write: () => T): T {
      try {
        return write();
      } catch (error) {
        if (isSlotUniqueViolation(error)) throw new UserError('conflict', SLOT_TAKEN);
        throw error;
      }
    },
  };
}
