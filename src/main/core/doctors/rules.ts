import { formatTimeOfDay, parseTimeOfDay, WEEKDAY_NAMES } from '../../../shared/time-of-day';
import { UserError } from '../errors';
import type { DoctorRow, DoctorValues, ExceptionRow, WeeklyHours } from './store';

/** Validated by the contract already; a failure here is a bug, not bad input. */
export function minutes(text: string): number {
  const value = parseTimeOfDay(text);
  if (value === null) throw new Error(`Unparsed time of day reached a handler: ${text}`);
  return value;
}

/** Departments that take new doctors: existing and not retired. */
export function assertOpenDepartment(department: { name: string; active: number } | undefined): {
  name: string;
} {
  if (!department) throw new UserError('not_found', 'That department no longer exists. Choose another.');
  if (!department.active) {
    throw new UserError(
      'conflict',
      `The ${department.name} department is retired and takes no new doctors. Choose another or reinstate it.`,
    );
  }
  return department;
}

/** The audit's list of what an update changes; empty when nothing does. */
export function doctorChanges(
  row: DoctorRow,
  input: DoctorValues,
  newDepartmentName: string | null,
): string[] {
  const changes: string[] = [];
  if (newDepartmentName !== null) changes.push(`department ${row.department_name} → ${newDepartmentName}`);
  if (row.full_name !== input.fullName) changes.push(`name ${row.full_name} → ${input.fullName}`);
  if (row.consultation_minutes !== input.consultationMinutes) {
    changes.push(`consultation ${row.consultation_minutes} → ${input.consultationMinutes} minutes`);
  }
  if (row.qualifications !== input.qualifications) changes.push('qualifications');
  if (row.email !== input.email) changes.push('email');
  if (row.phone !== input.phone) changes.push('phone');
  return changes;
}

/** A doctor with upcoming appointments keeps them: deactivating is refused until they are moved. */
export function assertNoUpcoming(row: DoctorRow, upcoming: number): void {
  if (upcoming > 0) {
    throw new UserError(
      'conflict',
      `${row.full_name} still has ${upcoming} upcoming appointment${upcoming === 1 ? '' : 's'}. Cancel or move them before deactivating.`,
    );
  }
}

/** Weekly hours from the form, in minutes, sorted by weekday then start. */
export function weeklyHours(
  rows: readonly { weekday: number; start: string; end: string; slotMinutes: number }[],
): WeeklyHours[] {
  return rows
    .map((r) => ({
      weekday: r.weekday,
      startMinute: minutes(r.start),
      endMinute: minutes(r.end),
      slotMinutes: r.slotMinutes,
    }))
    .sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute);
}

/** "Mon 09:00–12:00/15m, …" for the audit trail. */
export function describeWeek(rows: readonly WeeklyHours[]): string {
  return rows
    .map(
      (r) =>
        `${WEEKDAY_NAMES[r.weekday]?.slice(0, 3) ?? '?'} ${formatTimeOfDay(r.startMinute)}–${formatTimeOfDay(r.endMinute)}/${r.slotMinutes}m`,
    )
    .join(', ');
}

/** Leave or extra hours may not overlap another entry of the same doctor on the same day. */
export function assertNoOverlap(
  doctorName: string,
  date: string,
  start: number,
  end: number,
  sameDay: readonly ExceptionRow[],
): void {
  const clash = sameDay.find((other) => start < other.end_minute && other.start_minute < end);
  if (!clash) return;
  const kind = clash.kind === 'leave' ? 'leave' : 'extra hours';
  throw new UserError(
    'conflict',
    `${doctorName} already has ${kind} on ${date} from ${formatTimeOfDay(clash.start_minute)} to ${formatTimeOfDay(clash.end_minute)}. Remove it first or choose other times.`,
  );
}

/** Exceptions are for today or later; the past is history. */
export function assertNotPast(date: string, today: string): void {
  if (date < today) {
    throw new UserError('invalid_input', 'That date has passed. Choose today or a later date.');
  }
}
