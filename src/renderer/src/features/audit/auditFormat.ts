/** 'YYYY-MM-DD HH:MM' of an instant on the clinic's wall clock, whatever the PC's own zone. */
export function formatInstant(iso: string, timeZone: string): string {
  const parts: Record<string, string> = {};
  const formatter = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  for (const part of formatter.formatToParts(new Date(iso))) parts[part.type] = part.value;
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}`;
}

/** 'set_availability' → 'Set availability', 'staff_user' → 'Staff user'. */
export function humanize(code: string): string {
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function describeAuditRange(offset: number, shown: number, total: number): string {
  if (total === 0) return 'No entries';
  return `Showing ${offset + 1}–${offset + shown} of ${total} entries`;
}
