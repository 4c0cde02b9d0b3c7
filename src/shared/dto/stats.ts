/** What the dashboards show. Dates are 'YYYY-MM-DD' and months 'YYYY-MM' in the clinic's zone. */

export type AppointmentStatus = 'booked' | 'arrived' | 'completed' | 'cancelled' | 'no_show';

export const APPOINTMENT_STATUS_ORDER: readonly AppointmentStatus[] = [
  'booked',
  'arrived',
  'completed',
  'cancelled',
  'no_show',
];

export type StatusCounts = Record<AppointmentStatus, number>;

export interface PeriodStats {
  byStatus: StatusCounts;
  total: number;
  /** no-shows ÷ (completed + no-shows); null while nobody was due yet. */
  noShowRate: number | null;
  completedVisits: number;
  /** Treatment records of appointments in the period. */
  treatments: number;
}

export interface DayStatusCounts extends StatusCounts {
  date: string;
}

export interface UpcomingDay {
  date: string;
  /** Booked or arrived appointments that day. */
  count: number;
}

export interface DepartmentVisits {
  departmentId: number;
  name: string;
  visits: number;
}

export interface DoctorNoShow {
  doctorId: number;
  name: string;
  noShows: number;
  /** Completed visits plus no-shows: the appointments that were due. */
  due: number;
  rate: number | null;
}

/** Every figure is memoised in main for five minutes; `computedAt` says when it was counted. */
export interface DashboardStats {
  computedAt: string;
  /** Main's clock when this answer was served: ages are measured on main's clock, never the screen's. */
  servedAt: string;
  timeZone: string;
  today: string;
  month: string;
  patientsActive: number;
  doctorsActive: number;
  departmentsActive: number;
  todayByStatus: StatusCounts;
  /** The seven days after today. */
  upcoming: { total: number; byDay: UpcomingDay[] };
  thisMonth: PeriodStats;
  pendingExports: number;
  outbox: { queued: number; failed: number };
  /** ISO instant of the last good backup; null until one is made. */
  lastBackupAt: string | null;
  /** The last 30 days including today, oldest first. */
  perDay: DayStatusCounts[];
  visitsPerDepartment: DepartmentVisits[];
  noShowPerDoctor: DoctorNoShow[];
}

export interface DoctorStats {
  computedAt: string;
  /** Main's clock when this answer was served. */
  servedAt: string;
  timeZone: string;
  today: string;
  month: string;
  doctorId: number;
  doctorName: string;
  day: PeriodStats;
  thisMonth: PeriodStats;
}
