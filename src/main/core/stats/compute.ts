import type {
  DashboardStats,
  DayStatusCounts,
  DoctorNoShow,
  DoctorStats,
  PeriodStats,
  StatusCounts,
} from '../../../shared/dto/stats';
import { channels, readsOf } from '../../../shared/contract';
import { addDays, dayRange, localDate, monthOf, monthRange, zonedInstant } from '../time/zone';
import { emptyCounts, type Range, type StatsQueries } from './queries';

/**
 * Tables the figures read: a write to any of them drops the memoised figures. The contract's
 * `reads` of each stats channel, so the memo and the windows' refetching agree.
 */
export const DASHBOARD_TABLES = readsOf(channels['stats/dashboard']);
export const DOCTOR_TABLES = readsOf(channels['stats/doctor']);

export const CHART_DAYS = 30;
export const UPCOMING_DAYS = 7;
// SERIES_DAYS (queries.ts) must equal CHART_DAYS + UPCOMING_DAYS; countsPerRange checks it.

export interface StatsMoment {
  now: Date;
  timeZone: string;
}

export function noShowRate(counts: Pick<StatusCounts, 'completed' | 'no_show'>): number | null {
  const due = counts.completed + counts.no_show;
  return due === 0 ? null : counts.no_show / due;
}

const total = (counts: StatusCounts): number =>
  counts.booked + counts.arrived + counts.completed + counts.cancelled + counts.no_show;

function period(counts: StatusCounts, treatments: number): PeriodStats {
  return {
    byStatus: counts,
    total: total(counts),
    noShowRate: noShowRate(counts),
    completedVisits: counts.completed,
    treatments,
  };
}

function addCounts(into: StatusCounts, from: StatusCounts): void {
  for (const key of Object.keys(into) as (keyof StatusCounts)[]) into[key] += from[key];
}

/** The calendar facts every figure hangs off: today and this month in the clinic's zone. */
export function calendarOf({ now, timeZone }: StatsMoment): {
  today: string;
  month: string;
  monthRange: Range;
} {
  const today = localDate(now.getTime(), timeZone);
  const month = monthOf(today);
  return { today, month, monthRange: monthRange(month, timeZone) };
}

/** `count` local days from `first`, as [start, end) instants: one zone conversion per boundary. */
function consecutiveDays(first: string, count: number, timeZone: string): (Range & { date: string })[] {
  const dates = Array.from({ length: count + 1 }, (_, i) => addDays(first, i));
  const starts = dates.map((date) => zonedInstant(date, 0, timeZone));
  return dates.slice(0, count).map((date, i) => ({ date, start: starts[i] ?? 0, end: starts[i + 1] ?? 0 }));
}

export function dashboardStats(
  queries: StatsQueries,
  moment: StatsMoment,
): Omit<DashboardStats, 'computedAt' | 'servedAt'> {
  const { timeZone } = moment;
  const { today, month, monthRange: monthSpan } = calendarOf(moment);

  // The chart's 30 days, then the 7 upcoming ones: each day ends where the next begins.
  const firstDay = addDays(today, -(CHART_DAYS - 1));
  const days = consecutiveDays(firstDay, CHART_DAYS + UPCOMING_DAYS, timeZone);
  const dayCounts = queries.countsPerRange(days);
  const perDay: DayStatusCounts[] = days
    .slice(0, CHART_DAYS)
    .map((day, i) => ({ date: day.date, ...(dayCounts[i] ?? emptyCounts()) }));
  const todayRow = perDay.at(-1);
  const todayByStatus = emptyCounts();
  if (todayRow) addCounts(todayByStatus, todayRow);

  const upcomingDays = days.slice(CHART_DAYS).map((day, i) => {
    const counts = dayCounts[CHART_DAYS + i] ?? emptyCounts();
    return { date: day.date, count: counts.booked + counts.arrived };
  });

  const doctors = queries.doctors();
  const departments = queries.departments();
  const monthByStatus = emptyCounts();
  const perDoctor = new Map<number, StatusCounts>();
  for (const row of queries.doctorCountsInRange(monthSpan)) {
    monthByStatus[row.status] += row.n;
    let counts = perDoctor.get(row.doctor_id);
    if (!counts) perDoctor.set(row.doctor_id, (counts = emptyCounts()));
    counts[row.status] += row.n;
  }

  const departmentOf = new Map(doctors.map((d) => [d.id, d.department_id]));
  const visits = new Map<number, number>();
  for (const [doctorId, counts] of perDoctor) {
    const departmentId = departmentOf.get(doctorId);
    if (departmentId !== undefined)
      visits.set(departmentId, (visits.get(departmentId) ?? 0) + counts.completed);
  }
  const visitsPerDepartment = departments
    .filter((d) => d.active === 1 || (visits.get(d.id) ?? 0) > 0)
    .map((d) => ({ departmentId: d.id, name: d.name, visits: visits.get(d.id) ?? 0 }));

  const noShowPerDoctor: DoctorNoShow[] = doctors
    .filter((d) => d.active === 1 || perDoctor.has(d.id))
    .map((d) => {
      const counts = perDoctor.get(d.id) ?? emptyCounts();
      return {
        doctorId: d.id,
        name: d.full_name,
        noShows: counts.no_show,
        due: counts.completed + counts.no_show,
        rate: noShowRate(counts),
      };
    });

  const lastBackup = queries.rawSetting('lastBackupAt');
  return {
    timeZone,
    today,
    month,
    patientsActive: queries.patientsActive(),
    doctorsActive: doctors.filter((d) => d.active === 1).length,
    departmentsActive: departments.filter((d) => d.active === 1).length,
    todayByStatus,
    upcoming: { total: upcomingDays.reduce((sum, d) => sum + d.count, 0), byDay: upcomingDays },
    thisMonth: period(monthByStatus, queries.treatmentsInRange(monthSpan)),
    pendingExports: queries.pendingExports(),
    outbox: queries.outbox(),
    lastBackupAt: backupInstant(lastBackup),
    perDay,
    visitsPerDepartment,
    noShowPerDoctor,
  };
}

/** The backup feature may store an ISO string or epoch milliseconds; anything else is "never". */
function backupInstant(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString();
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
  return null;
}

export function doctorStats(
  queries: StatsQueries,
  moment: StatsMoment,
  doctor: { id: number; name: string },
): Omit<DoctorStats, 'computedAt' | 'servedAt'> {
  const { timeZone } = moment;
  const { today, month, monthRange: monthSpan } = calendarOf(moment);
  const day = dayRange(today, timeZone);
  return {
    timeZone,
    today,
    month,
    doctorId: doctor.id,
    doctorName: doctor.name,
    day: period(
      queries.oneDoctorCountsInRange(doctor.id, day),
      queries.doctorTreatmentsInRange(doctor.id, day),
    ),
    thisMonth: period(
      queries.oneDoctorCountsInRange(doctor.id, monthSpan),
      queries.doctorTreatmentsInRange(doctor.id, monthSpan),
    ),
  };
}
