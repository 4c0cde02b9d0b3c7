import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  dayRange,
  isValidTimeZone,
  localDate,
  localTime,
  monthRange,
  weekday,
  zonedInstant,
} from '../../../src/main/core/time/zone';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('clinic time zone arithmetic', () => {
  it('maps local wall times to UTC instants in winter and summer', () => {
    expect(iso(zonedInstant('2026-01-15', 8 * 60, 'Europe/London'))).toBe('2026-01-15T08:00:00.000Z');
    expect(iso(zonedInstant('2026-07-15', 8 * 60, 'Europe/London'))).toBe('2026-07-15T07:00:00.000Z');
    expect(iso(zonedInstant('2026-07-15', 8 * 60, 'America/New_York'))).toBe('2026-07-15T12:00:00.000Z');
    expect(iso(zonedInstant('2026-07-15', 8 * 60, 'Asia/Kolkata'))).toBe('2026-07-15T02:30:00.000Z');
  });

  it('gives the spring-forward day 23 hours and the autumn day 25 (London, 2026)', () => {
    const spring = dayRange('2026-03-29', 'Europe/London');
    expect(spring.end - spring.start).toBe(23 * HOUR);
    const autumn = dayRange('2026-10-25', 'Europe/London');
    expect(autumn.end - autumn.start).toBe(25 * HOUR);
    const plain = dayRange('2026-06-01', 'Europe/London');
    expect(plain.end - plain.start).toBe(24 * HOUR);
  });

  it('answers a day range asked again (remembered) exactly as computed, and a caller cannot change it', () => {
    const dates = Array.from({ length: 400 }, (_, i) => addDays('2026-01-01', i));
    for (const zone of ['Europe/London', 'America/New_York', 'Asia/Kolkata']) {
      const first = dates.map((d) => dayRange(d, zone));
      const computed = dates.map((d) => ({
        start: zonedInstant(d, 0, zone),
        end: zonedInstant(addDays(d, 1), 0, zone),
      }));
      expect(first).toEqual(computed);
      first[0]!.start = 0;
      expect(dates.map((d) => dayRange(d, zone))).toEqual(computed);
    }
  });

  it('handles the skipped and the repeated hour', () => {
    // 01:30 does not exist on 29 March 2026 in London (01:00 → 02:00): it moves on to 02:30 BST.
    expect(iso(zonedInstant('2026-03-29', 90, 'Europe/London'))).toBe('2026-03-29T01:30:00.000Z');
    expect(localTime(zonedInstant('2026-03-29', 90, 'Europe/London'), 'Europe/London')).toBe('02:30');
    // 01:30 happens twice on 25 October 2026: the first (BST) one is chosen.
    expect(iso(zonedInstant('2026-10-25', 90, 'Europe/London'))).toBe('2026-10-25T00:30:00.000Z');
    // 08:00 on both DST days is the usual local 08:00.
    expect(localTime(zonedInstant('2026-03-29', 480, 'Europe/London'), 'Europe/London')).toBe('08:00');
    expect(localTime(zonedInstant('2026-10-25', 480, 'Europe/London'), 'Europe/London')).toBe('08:00');
  });

  it('knows which local date an instant falls on', () => {
    const lateEvening = Date.parse('2026-07-15T23:30:00Z');
    expect(localDate(lateEvening, 'UTC')).toBe('2026-07-15');
    expect(localDate(lateEvening, 'Europe/London')).toBe('2026-07-16');
    expect(localDate(lateEvening, 'America/Los_Angeles')).toBe('2026-07-15');
  });

  it('steps days and months across year ends and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(weekday('2026-11-29')).toBe(0);
    const march = monthRange('2026-03', 'Europe/London');
    expect(iso(march.start)).toBe('2026-03-01T00:00:00.000Z');
    expect(iso(march.end)).toBe('2026-03-31T23:00:00.000Z');
  });

  it('rejects unknown zones', () => {
    expect(isValidTimeZone('Europe/London')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
