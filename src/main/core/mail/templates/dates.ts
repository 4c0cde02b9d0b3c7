import { BoundedCache } from '../../bounded-cache';

const longDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const monthName = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' });

/** Dates already written out: every confirmation and reminder names one of a few hundred days. */
const longDates = new BoundedCache<string, string>(2048);

/** 'Monday 16 March 2026' for a calendar date (already in the clinic's zone). */
export function formatLongDate(date: string): string {
  return (
    longDates.get(date) ??
    longDates.set(date, longDate.format(new Date(`${date}T00:00:00Z`)).replace(',', ''))
  );
}

/** 'March 2026' for 'YYYY-MM'. */
export function formatMonth(month: string): string {
  return monthName.format(new Date(`${month}-01T00:00:00Z`));
}
