import type { AppointmentStatus, StatusCounts } from '../../../../shared/dto/stats';

export const STATUS_LABELS: Record<AppointmentStatus, string> = {
  booked: 'Booked',
  arrived: 'Arrived',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

/** Mantine palette names per status, used by the charts and the badges alike. */
export const STATUS_COLORS: Record<AppointmentStatus, string> = {
  booked: 'blue',
  arrived: 'cyan',
  completed: 'teal',
  cancelled: 'gray',
  no_show: 'red',
};

/** "updated just now", "updated 42 s ago", "updated 3 min ago". */
export function updatedAgo(computedAt: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - Date.parse(computedAt)) / 1000));
  if (seconds < 5) return 'updated just now';
  if (seconds < 120) return `updated ${seconds} s ago`;
  return `updated ${Math.floor(seconds / 60)} min ago`;
}

export function percent(rate: number | null): string {
  if (rate === null) return '—';
  const value = rate * 100;
  return `${value < 10 && value > 0 ? value.toFixed(1) : Math.round(value)}%`;
}

export const formatCount = (n: number): string => n.toLocaleString('en-GB');

/** "3 completed · 1 booked": the statuses that occur, in workflow order. */
export function describeCounts(counts: StatusCounts): string {
  const parts = (Object.keys(STATUS_LABELS) as AppointmentStatus[])
    .filter((status) => counts[status] > 0)
    .map((status) => `${formatCount(counts[status])} ${STATUS_LABELS[status].toLowerCase()}`);
  return parts.length > 0 ? parts.join(' · ') : 'none';
}

/** '2026-03-29' → '29 Mar', for chart axes (the date is already the clinic's). */
export function shortDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
}

/** '2026-03' → 'March 2026'. */
export function monthName(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (m ?? 1) - 1, 1)).toLocaleDateString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** The last backup, or "never" until the backup feature has made one. */
export function backupLabel(lastBackupAt: string | null, now: number): string {
  if (lastBackupAt === null) return 'never';
  const hours = Math.floor((now - Date.parse(lastBackupAt)) / 3_600_000);
  if (hours < 1) return 'less than an hour ago';
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

/** The dashboard warns when the last good backup is older than two days, or there is none. */
export function backupIsStale(lastBackupAt: string | null, now: number): boolean {
  return lastBackupAt === null || now - Date.parse(lastBackupAt) > 48 * 3_600_000;
}
