import { addDays, parseCalendarDate as parseDate } from '../../../shared/calendar-date';
import { BoundedCache } from '../bounded-cache';

/**
 * Calendar arithmetic in the clinic's IANA time zone, with Intl only (no dependency). Instants are
 * epoch milliseconds (UTC); calendar dates are 'YYYY-MM-DD'; times of day are minutes after local
 * midnight. Every "today", "this month" and "08:00" in Clinic Desk goes through here, so DST days
 * (23 or 25 hours long) are handled in one place.
 */

export type IsoDate = string;

export { addDays };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface LocalParts {
  date: IsoDate;
  year: number;
  month: number;
  day: number;
  /** Minutes after local midnight. */
  minute: number;
  second: number;
}

/** The wall-clock date and time at `instant` in `timeZone`, as Intl reads it (the reference). */
export function localPartsByIntl(instant: number, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) parts[p.type] = p.value;
  const year = Number(parts['year']);
  const month = Number(parts['month']);
  const day = Number(parts['day']);
  return {
    date: `${parts['year']}-${parts['month']}-${parts['day']}`,
    year,
    month,
    day,
    minute: Number(parts['hour']) * 60 + Number(parts['minute']),
    second: Number(parts['second']),
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Intl's own range, inside which the arithmetic below writes dates as Intl does (4-digit years). */
const FAST_FROM = Date.UTC(1000, 0, 2);
const FAST_UNTIL = Date.UTC(9999, 11, 30);

/**
 * The offset of each UTC day already looked at, per zone: a number when the zone keeps one offset
 * from the day's first to its last millisecond (as on every day but the few a year when clocks
 * change: real zones change their offset at most once in any 24 hours), null when it changes.
 */
const steadyDays = new Map<string, BoundedCache<number, number | null>>();

/** Local time minus UTC, in ms, of wall-clock `parts` shown at `instant` (whole seconds, as shown). */
function offsetShown(parts: LocalParts, instant: number): number {
  const { year, month, day, minute, second } = parts;
  const asUtc = Date.UTC(year, month - 1, day, Math.floor(minute / 60), minute % 60, second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

const intlOffset = (instant: number, timeZone: string): number =>
  offsetShown(localPartsByIntl(instant, timeZone), instant);

function steadyOffset(instant: number, timeZone: string): number | null {
  let days = steadyDays.get(timeZone);
  if (!days) {
    days = new BoundedCache(4096);
    steadyDays.set(timeZone, days);
  }
  const index = Math.floor(instant / DAY_MS);
  const known = days.get(index);
  if (known !== undefined) return known;
  const first = intlOffset(index * DAY_MS, timeZone);
  return days.set(index, first === intlOffset((index + 1) * DAY_MS - 1, timeZone) ? first : null);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * The wall-clock date and time at `instant` in `timeZone`. Intl is asked once or twice per UTC day
 * and zone (a booking, a calendar page or a report reads the same few days again and again); on a
 * day the zone keeps one offset, the rest is arithmetic, which gives exactly what Intl would
 * (tests/unit/core/zone.test.ts compares both around every DST change of several zones).
 */
export function localParts(instant: number, timeZone: string): LocalParts {
  if (!(instant >= FAST_FROM && instant < FAST_UNTIL)) return localPartsByIntl(instant, timeZone);
  const offset = steadyOffset(instant, timeZone);
  if (offset === null) return localPartsByIntl(instant, timeZone);
  const local = new Date(instant + offset);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + 1;
  const day = local.getUTCDate();
  return {
    date: `${year}-${pad2(month)}-${pad2(day)}`,
    year,
    month,
    day,
    minute: local.getUTCHours() * 60 + local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

export const localDate = (instant: number, timeZone: string): IsoDate => localParts(instant, timeZone).date;

/** 'HH:MM' of a number of minutes after midnight. */
export function formatMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export const localTime = (instant: number, timeZone: string): string =>
  formatMinutes(localParts(instant, timeZone).minute);

/** Offset of local time from UTC at `instant`, in milliseconds. */
const offsetAt = (instant: number, timeZone: string): number =>
  offsetShown(localParts(instant, timeZone), instant);

/**
 * The instant at which the wall clock in `timeZone` shows `date` `minute`. Like Temporal's
 * 'compatible' rule: a time skipped by a spring-forward gap is moved forward by the gap (01:30
 * becomes 02:30), and a time that occurs twice (autumn) maps to its first occurrence.
 */
export function zonedInstant(date: IsoDate, minute: number, timeZone: string): number {
  const { year, month, day } = parseDate(date);
  const wall = Date.UTC(year, month - 1, day, 0, minute);
  // Two passes converge for every real zone: guess with the offset at the wall time, then re-check.
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  if (first === second) {
    // Ambiguous (autumn): prefer the earlier instant if it shows the same wall time.
    const earlier = second - 60 * 60 * 1000;
    const p = localParts(earlier, timeZone);
    return p.date === date && p.minute === minute ? earlier : second;
  }
  // In a gap neither candidate shows the wall time; the later one is the wall time pushed forward.
  return Math.max(first, second);
}

/** Day ranges already worked out (six Intl calls each): a few years of dates in one or two zones. */
const dayRanges = new BoundedCache<string, { start: number; end: number }>(4096);

/** [start, end) of a local calendar day, in epoch ms: 23, 24 or 25 hours long. */
export function dayRange(date: IsoDate, timeZone: string): { start: number; end: number } {
  const key = `${timeZone} ${date}`;
  const known = dayRanges.get(key);
  if (known) return { start: known.start, end: known.end };
  const range = dayRanges.set(key, {
    start: zonedInstant(date, 0, timeZone),
    end: zonedInstant(addDays(date, 1), 0, timeZone),
  });
  return { start: range.start, end: range.end };
}

/** 0 = Sunday … 6 = Saturday, of a calendar date (independent of any zone). */
export function weekday(date: IsoDate): number {
  const { year, month, day } = parseDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

export type YearMonth = string;

export const monthOf = (date: IsoDate): YearMonth => date.slice(0, 7);

export function addMonths(month: YearMonth, months: number): YearMonth {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) throw new RangeError(`Not a month: ${month}`);
  const d = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1 + months, 1));
  return d.toISOString().slice(0, 7);
}

/** [start, end) of a local calendar month, in epoch ms. */
export function monthRange(month: YearMonth, timeZone: string): { start: number; end: number } {
  return {
    start: zonedInstant(`${month}-01`, 0, timeZone),
    end: zonedInstant(`${addMonths(month, 1)}-01`, 0, timeZone),
  };
}
