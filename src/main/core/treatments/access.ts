import type { SessionInfo } from '../../../shared/dto';
import type { Sqlite } from '../db/open';
import { UserError } from '../errors';

/**
 * Who sees what of a patient's clinical record:
 * - administrators: every patient's history with clinical notes;
 * - doctors: the history, with clinical notes, of patients they have treated or are booked
 *   with (any appointment of theirs, whatever its status); other patients' histories are refused;
 * - the front desk: every patient's visits (date, doctor, department, status, next visit), but
 *   never diagnosis, treatment notes or prescription, which they do not need to run the desk.
 */
export function clinicalAccess(sqlite: Sqlite) {
  const related = sqlite.prepare<[number, number], { one: number }>(
    'SELECT 1 AS one FROM appointments WHERE patient_id = ? AND doctor_id = ? LIMIT 1',
  );
  const isDoctorsPatient = (session: SessionInfo, patientId: number): boolean =>
    session.doctorId !== null && related.get(patientId, session.doctorId) !== undefined;

  return {
    isDoctorsPatient,
    /** Refuses doctors the history of patients who are not theirs; answers whether notes show. */
    historyAccess(session: SessionInfo, patientId: number): { clinical: boolean } {
      if (session.role === 'admin') return { clinical: true };
      if (session.role === 'reception') return { clinical: false };
      if (!isDoctorsPatient(session, patientId)) {
        throw new UserError(
          'forbidden',
          'You can see the history of your own patients only: patients you have treated or who are booked with you.',
        );
      }
      return { clinical: true };
    },
  };
}

export type ClinicalAccess = ReturnType<typeof clinicalAccess>;
