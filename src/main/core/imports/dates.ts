import type { DateOrder } from '../../../shared/dto/imports';

const pad = (n: number) => String(n).padStart(2, '0');

function iso(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

export type ParsedDate = { date: string } | { ambiguous: true } | { invalid: true };

/**
 * A date of birth as clinics write it: 1980-03-25, 1980/3/25, 25/03/1980, 03/25/1980,
 * 25.03.1980, 25-03-1980 (time of day after it ignored). Day/month order is the clinic's setting;
 * without one, a date that reads both ways (04/05/1980) is reported as ambiguous.
 */
export function parseBirthDate(raw: string, order: DateOrder | null): ParsedDate {
  const value = raw.trim().replace(/[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?Z?$/, '');
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value);
  if (m) {
    const date = iso(Number(m[1]), Number(m[2]), Number(m[3]));
    return date ? { date } : { invalid: true };
  }
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
  if (!m) return { invalid: true };
  const a = Number(m[1]);
  const b = Number(m[2]);
  const y = Number(m[3]);
  if (order === 'DMY') {
    const date = iso(y, b, a);
    return date ? { date } : { invalid: true };
  }
  if (order === 'MDY') {
    const date = iso(y, a, b);
    return date ? { date } : { invalid: true };
  }
  const dayFirst = iso(y, b, a);
  const monthFirst = iso(y, a, b);
  if (dayFirst && monthFirst && dayFirst !== monthFirst) return { ambiguous: true };
  const date = dayFirst ?? monthFirst;
  return date ? { date } : { invalid: true };
}
