import type { PatientSummary } from '../dto';

/** Statuses of an appointment; the transitions between them are in `appointmentTransitions`. */
export const APPOINTMENT_STATUSES = ['booked', 'arrived', 'completed', 'cancelled', 'no_show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const STATUS_LABELS: Record<AppointmentStatus, string> = {
  booked: 'Booked',
  arrived: 'Arrived',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

/** Every allowed status change: booked → arrived → completed; booked|arrived → cancelled; booked → no_show. */
export const APPOINTMENT_TRANSITIONS: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  booked: ['arrived', 'cancelled', 'no_show'],
  arrived: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
  no_show: [],
};

/** Statuses that hold a doctor's slot (the partial unique index uses the same list). */
export const SLOT_HOLDING_STATUSES: readonly AppointmentStatus[] = ['booked', 'arrived', 'completed'];

export interface PatientDetails extends PatientSummary {
  address: string;
  emergencyContact: string;
  notes: string;
  emailReminders: boolean;
  deactivatedReason: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface DuplicateCandidate extends PatientSummary {
  /** Why it looks like the same person. */
  reason: 'name_and_birth_date' | 'phone';
}

export interface DoctorOption {
  id: number;
  fullName: string;
  departmentId: number;
  departmentName: string;
  consultationMinutes: number;
}

export interface DepartmentOption {
  id: number;
  name: string;
}

export interface BookingOptions {
  departments: DepartmentOption[];
  doctors: DoctorOption[];
  /** The clinic's IANA time zone, in which every date and time below is shown. */
  timeZone: string;
  /** Today's date in the clinic, 'YYYY-MM-DD'. */
  today: string;
}

export interface Slot {
  startsAt: number;
  endsAt: number;
  /** Clinic-local date and time, computed in main so the screens never do zone arithmetic. */
  date: string;
  time: string;
}

export interface DoctorSlots {
  doctorId: number;
  doctorName: string;
  departmentName: string;
  slots: Slot[];
}

export interface FreeSlots {
  timeZone: string;
  from: string;
  days: number;
  doctors: DoctorSlots[];
}

export interface AppointmentView {
  id: number;
  patientId: number;
  patientNumber: string;
  patientName: string;
  doctorId: number;
  doctorName: string;
  departmentId: number;
  departmentName: string;
  startsAt: number;
  endsAt: number;
  date: string;
  time: string;
  endTime: string;
  status: AppointmentStatus;
  reason: string;
  cancelReason: string | null;
  treatmentId: number | null;
}

/** What the move and cancel dialogs show and send: from a day's list or a patient's history. */
export type AppointmentRef = Pick<
  AppointmentView,
  'id' | 'patientName' | 'patientNumber' | 'doctorId' | 'doctorName' | 'date' | 'time'
>;

/** A moved appointment as it is now, with the doctor, day and time it left. */
export interface RescheduledAppointment extends AppointmentView {
  movedFrom: {
    doctorId: number;
    doctorName: string;
    departmentId: number;
    date: string;
    time: string;
  };
}

export interface AppointmentList {
  timeZone: string;
  today: string;
  /** Main's clock, so screens offer "no-show" only once an appointment has started. */
  now: number;
  from: string;
  days: number;
  items: AppointmentView[];
}

export interface TreatmentRecord {
  id: number;
  diagnosis: string;
  treatmentNotes: string;
  prescription: string;
  nextVisitDate: string | null;
  recordedBy: number | null;
  recordedByName: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface AppointmentDetails extends AppointmentView {
  treatment: TreatmentRecord | null;
}

/** One visit in a patient's history. `clinical` is null when the caller may not see clinical notes. */
export interface HistoryEntry {
  appointmentId: number;
  date: string;
  time: string;
  startsAt: number;
  doctorId: number;
  doctorName: string;
  departmentName: string;
  status: AppointmentStatus;
  reason: string;
  cancelReason: string | null;
  nextVisitDate: string | null;
  clinical: {
    treatmentId: number;
    diagnosis: string;
    treatmentNotes: string;
    prescription: string;
    recordedByName: string | null;
  } | null;
}

export interface PatientHistory {
  items: HistoryEntry[];
  total: number;
  offset: number;
  limit: number;
  /** False for the front desk: visits are listed, diagnoses and notes are withheld. */
  clinicalVisible: boolean;
}
