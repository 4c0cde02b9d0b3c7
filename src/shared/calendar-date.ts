/**
 * Calendar-date arithmetic on 'YYYY-MM-DD' strings, shared by the core, the renderer and the
 * change scopes: no time zone applies to a calendar date.
 */

/** The year, month (1–12) and day of a 'YYYY-MM-DD' date; anything else is refused. */
export function parseCalendarDate(date: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Not a calendar date: ${date}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

export function addDays(date: string, days: number): string {
  const { year, month, day } = parseCalendarDate(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
