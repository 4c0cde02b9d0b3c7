const longDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const monthName = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' });

/** Dates already written out: every confirmation and reminder names one of a few hundred days. */
const longDates = new Map<string, string>();
const LONG_DATES_KEPT = 2048;

/** 'Monday 16 March 2026' for a calendar date (already in the clinic's zone). */
export function formatLongDate(date: string): string {
  let long = longDates.get(date);
  if (long === undefined) {
    long = longDate.format(new Date(`${date}T00:00:00Z`)).replace(',', '');
    if (longDates.size >= LONG_DATES_KEPT) longDates.clear();
    longDates.set(date, long);
  }
  return long;
}

/** 'March 2026' for 'YYYY-MM'. */
export function formatMonth(month: string): string {
  return monthName.format(new Date(`${month}-01T00:00:00Z`));
}
