import { addDays } from '../../../../shared/calendar-date';

export { addDays };

const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

/** The Monday on or before `date`: weeks in the calendar run Monday to Sunday. */
export const mondayOf = (date: string): string => addDays(date, -((weekday(date) + 6) % 7));

const NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const weekdayLabel = (date: string): string => NAMES[weekday(date)] ?? '';
