import { APPOINTMENT_TRANSITIONS, type AppointmentStatus } from '../../../../shared/dto/clinic';

/** Only a booked appointment can be moved (`appointments/reschedule` refuses any other). */
export const canMove = (status: AppointmentStatus): boolean => status === 'booked';
/** Whatever may still become cancelled, by the one table of allowed status changes. */
export const canCancel = (status: AppointmentStatus): boolean =>
  APPOINTMENT_TRANSITIONS[status].includes('cancelled');
