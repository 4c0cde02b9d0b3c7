import { z } from 'zod';

/**
 * Times of day cross the contract as 'HH:MM' (what people read and type) and are stored as
 * minutes after local midnight. '24:00' is allowed as an end time, so a shift can run to midnight.
 */
const PATTERN = /^([01]\d|2[0-4]):([0-5]\d)$/;

export function parseTimeOfDay(text: string): number | null {
  const match = PATTERN.exec(text);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes : null;
}

export function formatTimeOfDay(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export const timeOfDay = z
  .string()
  .trim()
  .refine((text) => parseTimeOfDay(text) !== null, 'Enter a time as HH:MM, for example 09:30.');

/** A calendar date 'YYYY-MM-DD' that exists (no 31 February). */
export const calendarDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD.')
  .refine((text) => {
    const [y, m, d] = text.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'This date does not exist.');

export const WEEKDAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;
