/** Calendar-date arithmetic on 'YYYY-MM-DD' strings; no time zone applies to a date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

/** The Monday on or before `date`: weeks in the calendar run Monday to Sunday. */
export const mondayOf = (date: string): string => addDays(date, -((weekday(date) + 6) % 7));

const NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const weekdayLabel = (date: string): string => NAMES[weekday(date)] ?? '';
