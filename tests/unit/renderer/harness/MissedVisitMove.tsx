import { MoveDialog } from '../../../../src/renderer/src/features/appointments/MoveDialog';

/**
 * The move dialog opened on a visit still booked for Monday 9 March 2026, a day that has passed
 * (the clinic's today, from the stand-in main, is Wednesday 11 March): the patient missed it and
 * phones to move it.
 */
export function MissedVisitMove() {
  return (
    <MoveDialog
      appointment={{
        id: 41,
        patientName: 'Chloe Wright',
        patientNumber: 'P000041',
        doctorId: 3,
        doctorName: 'Dr Daniel Fernández',
        date: '2026-03-09',
        time: '09:00',
      }}
      onClose={() => undefined}
    />
  );
}
