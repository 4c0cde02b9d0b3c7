/** A doctor's "next visit" as reception's to-do: who, with whom, when, and whether it is handled. */
export type FollowUpStatus = 'open' | 'booked' | 'not_needed';

export interface FollowUpItem {
  id: number;
  patientId: number;
  patientNumber: string;
  patientName: string;
  phone: string | null;
  doctorId: number;
  doctorName: string;
  /** YYYY-MM-DD (clinic time zone). */
  dueDate: string;
  status: FollowUpStatus;
  /** Open and due before today. */
  overdue: boolean;
  /** The recall email for it is queued or sent. */
  recalled: boolean;
}
