import type { AppointmentView } from '../../../../shared/dto/clinic';

export type TodayShow = 'all' | 'expected' | 'waiting';

/** What the front desk narrowed Today to; remembered at this PC. */
export interface TodayFilter {
  doctorId: string | null;
  departmentId: string | null;
  show: TodayShow;
}

export const NO_FILTER: TodayFilter = { doctorId: null, departmentId: null, show: 'all' };

/** Lower-case, accent-free, so "Zoë" is found by "zoe". */
const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Does the appointment's patient match every word typed (name or patient number)? */
export function matchesSearch(appointment: AppointmentView, search: string): boolean {
  const haystack = fold(`${appointment.patientName} ${appointment.patientNumber}`);
  return fold(search)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/** The day's appointments for the chosen doctor/department and search, before the status choice. */
export function inScope(
  items: readonly AppointmentView[],
  filter: TodayFilter,
  search: string,
): AppointmentView[] {
  return items.filter(
    (a) =>
      (filter.doctorId === null || String(a.doctorId) === filter.doctorId) &&
      (filter.departmentId === null || String(a.departmentId) === filter.departmentId) &&
      matchesSearch(a, search),
  );
}

export function byShow(items: readonly AppointmentView[], show: TodayShow): AppointmentView[] {
  if (show === 'expected') return items.filter((a) => a.status === 'booked');
  if (show === 'waiting') return items.filter((a) => a.status === 'arrived');
  return [...items];
}

/** A remembered filter from an older version or another hand is read defensively. */
export function readFilter(value: unknown): TodayFilter {
  if (typeof value !== 'object' || value === null) return NO_FILTER;
  const v = value as Record<string, unknown>;
  const id = (x: unknown): string | null => (typeof x === 'string' && /^\d+$/.test(x) ? x : null);
  const show = v.show === 'expected' || v.show === 'waiting' ? v.show : 'all';
  return { doctorId: id(v.doctorId), departmentId: id(v.departmentId), show };
}
