import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  dayRange,
  isValidTimeZone,
  localDate,
  localParts,
  localPartsByIntl,
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

describe('localParts: arithmetic on steady days, Intl where the offset changes', () => {
  const ZONES = [
    'UTC',
    'Europe/London',
    'America/New_York',
    'America/St_Johns', // −3:30 / −2:30
    'America/Sao_Paulo', // DST until 2019, then none
    'Asia/Kolkata', // +5:30, no DST
    'Asia/Kathmandu', // +5:45
    'Australia/Lord_Howe', // a 30-minute DST step
    'Pacific/Chatham', // +12:45 / +13:45
    'Pacific/Apia', // skipped 30 December 2011 entirely
    'Africa/Casablanca', // clocks go back and forward again around Ramadan
    'Europe/Amsterdam', // local mean time with seconds until 1937
  ];

  it('reads every hour of 2026 (and 30 Dec 2011 in Apia) as Intl does, and every minute around each clock change', () => {
    const offset = (instant: number, zone: string) => {
      const p = localPartsByIntl(instant, zone);
      return Date.UTC(p.year, p.month - 1, p.day, 0, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
    };
    const same = (instant: number, zone: string) =>
      JSON.stringify(localParts(instant, zone)) === JSON.stringify(localPartsByIntl(instant, zone));
    let changes = 0;
    for (const zone of ZONES) {
      const mismatches: string[] = [];
      const from = zone === 'Pacific/Apia' ? Date.UTC(2011, 11, 25) : Date.UTC(2026, 0, 1);
      const to = zone === 'Pacific/Apia' ? Date.UTC(2012, 0, 5) : Date.UTC(2027, 0, 1);
      let before = offset(from, zone);
      for (let at = from; at < to; at += 3_600_000) {
        for (const instant of [at - 1, at + 1_799_999])
          if (!same(instant, zone)) mismatches.push(`${zone} ${iso(instant)}`);
        const now = offset(at, zone);
        if (now === before) continue;
        changes += 1;
        before = now;
        // The offset changed within the last hour: every minute of the three hours around it.
        for (let minute = at - 2 * 3_600_000; minute < at + 3_600_000; minute += 60_000) {
          for (const instant of [minute - 1, minute])
            if (!same(instant, zone)) mismatches.push(`${zone} ${iso(instant)}`);
        }
      }
      expect(mismatches.slice(0, 5)).toEqual([]);
    }
    // London, New York, St John's, Lord Howe, Chatham twice each; Casablanca twice; Apia's skipped day.
    expect(changes).toBeGreaterThanOrEqual(13);
  });

  it('reads random instants from 1000 to 9999, and 1900–1940 local mean time, as Intl does', () => {
    let seed = 20261202;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const ranges = [
      [Date.UTC(1000, 0, 1), Date.UTC(9999, 11, 31)],
      [Date.UTC(1900, 0, 1), Date.UTC(1940, 0, 1)],
      [Date.UTC(1970, 0, 1), Date.UTC(2100, 0, 1)],
    ] as const;
    for (const zone of ZONES) {
      for (const [from, to] of ranges) {
        for (let i = 0; i < 1500; i++) {
          const instant = Math.floor(from + next() * (to - from));
          expect(localParts(instant, zone), `${zone} ${iso(instant)}`).toEqual(
            localPartsByIntl(instant, zone),
          );
        }
      }
    }
  });
});
