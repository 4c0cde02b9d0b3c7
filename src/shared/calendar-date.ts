/**
 * Calendar-date arithmetic on 'YYYY-MM-DD' strings, shared by the core, the renderer and the
 * change scopes: no time zone applies to a calendar date.
 */
export function addDays(date: string, days: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Not a calendar date: ${date}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days))
    .toISOString()
    .slice(0, 10);
}
