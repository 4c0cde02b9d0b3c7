import { APPOINTMENT_TRANSITIONS, STATUS_LABELS, type AppointmentStatus } from '../../../shared/dto/clinic';
import { UserError } from '../errors';

export const canMove = (from: AppointmentStatus, to: AppointmentStatus): boolean =>
  APPOINTMENT_TRANSITIONS[from].includes(to);

/** The status machine: anything but booked → arrived → completed, booked|arrived → cancelled, booked → no_show is refused. */
export function assertTransition(from: AppointmentStatus, to: AppointmentStatus): void {
  if (canMove(from, to)) return;
  const allowed = APPOINTMENT_TRANSITIONS[from].map((s) => `“${STATUS_LABELS[s]}”`);
  const hint =
    allowed.length === 0
      ? `A ${STATUS_LABELS[from].toLowerCase()} appointment cannot change any more.`
      : `From “${STATUS_LABELS[from]}” it can only become ${allowed.join(' or ')}.`;
  throw new UserError(
    'conflict',
    `This appointment is “${STATUS_LABELS[from]}”, so it cannot be changed to “${STATUS_LABELS[to]}”. ${hint}`,
  );
}
