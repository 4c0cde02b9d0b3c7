import { z } from 'zod';

/** Field rules shared by the clinic's channels: every string has a length limit. */

export const recordId = (what: string) =>
  z
    .number({ error: `Choose a ${what}.` })
    .int(`Choose a ${what}.`)
    .positive(`Choose a ${what}.`)
    .max(2_147_483_647, `Choose a ${what}.`);

function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** A calendar date 'YYYY-MM-DD' between 1900 and 2199. */
export const isoDate = (message = 'Enter a date as YYYY-MM-DD.') =>
  z
    .string({ error: message })
    .trim()
    .max(10, message)
    .refine((value) => isRealDate(value) && value >= '1900-01-01' && value < '2200-01-01', message);

/** An instant in epoch milliseconds, within this century or the next. */
export const instant = z
  .number({ error: 'Choose a time.' })
  .int('Choose a time.')
  .min(Date.UTC(2000, 0, 1), 'Choose a time.')
  .max(Date.UTC(2200, 0, 1), 'Choose a time.');

/** Free text with a length limit; trimmed. */
export const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max.toLocaleString('en-GB')} characters.`);

export const requiredText = (max: number, label: string, missing: string) => text(max, label).min(1, missing);
