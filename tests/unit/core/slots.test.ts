import { describe, expect, it } from 'vitest';
import {
  candidateSlotAt,
  candidateSlots,
  freeSlots,
  type SlotPlan,
} from '../../../src/main/core/appointments/slots';

const LONDON = 'Europe/London';
const utc = (iso: string) => Date.parse(iso);
const times = (plan: SlotPlan, date: string) =>
  candidateSlots(plan, date, 1).map((s) => new Date(s.startsAt).toISOString());

describe('slots in the clinic time zone', () => {
  // Sundays 29 March and 25 October 2026 are Europe/London's DST days.
  const sundayNight: SlotPlan = {
    weekly: [
      { weekday: 0, startMinute: 0, endMinute: 4 * 60, slotMinutes: 30 },
      { weekday: 0, startMinute: 9 * 60, endMinute: 10 * 60, slotMinutes: 30 },
    ],
    exceptions: [],
    consultationMinutes: 20,
    timeZone: LONDON,
  };

  it('skips the hour the clocks jump over on 29 March 2026 and shifts later slots to BST', () => {
    expect(times(sundayNight, '2026-03-29')).toEqual([
      '2026-03-29T00:00:00.000Z', // 00:00 GMT
      '2026-03-29T00:30:00.000Z', // 00:30 GMT; 01:00 and 01:30 do not exist
      '2026-03-29T01:00:00.000Z', // 02:00 BST
      '2026-03-29T01:30:00.000Z',
      '2026-03-29T02:00:00.000Z',
      '2026-03-29T02:30:00.000Z', // 03:30 BST
      '2026-03-29T08:00:00.000Z', // 09:00 BST
      '2026-03-29T08:30:00.000Z',
    ]);
    const slots = candidateSlots(sundayNight, '2026-03-29', 1);
    expect(slots.map((s) => s.time)).toEqual([
      '00:00',
      '00:30',
      '02:00',
      '02:30',
      '03:00',
      '03:30',
      '09:00',
      '09:30',
    ]);
  });

  it('offers the repeated hour once on 25 October 2026 and shifts later slots to GMT', () => {
    expect(times(sundayNight, '2026-10-25')).toEqual([
      '2026-10-24T23:00:00.000Z', // 00:00 BST
      '2026-10-24T23:30:00.000Z',
      '2026-10-25T00:00:00.000Z', // 01:00 BST (first occurrence)
      '2026-10-25T00:30:00.000Z', // 01:30 BST
      '2026-10-25T02:00:00.000Z', // 02:00 GMT
      '2026-10-25T02:30:00.000Z',
      '2026-10-25T03:00:00.000Z',
      '2026-10-25T03:30:00.000Z',
      '2026-10-25T09:00:00.000Z', // 09:00 GMT
      '2026-10-25T09:30:00.000Z',
    ]);
  });

  it('keeps real 30-minute lengths and the same wall times across a week spanning the change', () => {
    const weekdays: SlotPlan = {
      ...sundayNight,
      weekly: [1, 2, 3, 4, 5].map((weekday) => ({
        weekday,
        startMinute: 540,
        endMinute: 570,
        slotMinutes: 30,
      })),
    };
    const week = candidateSlots(weekdays, '2026-03-26', 7);
    expect(week.map((s) => `${s.date} ${s.time}`)).toEqual([
      '2026-03-26 09:00',
      '2026-03-27 09:00',
      '2026-03-30 09:00',
      '2026-03-31 09:00',
      '2026-04-01 09:00',
    ]);
    expect(week[1]?.startsAt).toBe(utc('2026-03-27T09:00:00Z'));
    expect(week[2]?.startsAt).toBe(utc('2026-03-30T08:00:00Z'));
    expect(week.every((s) => s.endsAt - s.startsAt === 30 * 60_000)).toBe(true);
  });

  it('removes leave, adds extra hours in consultation-length slots, and drops busy and past ones', () => {
    const plan: SlotPlan = {
      weekly: [{ weekday: 3, startMinute: 9 * 60, endMinute: 11 * 60, slotMinutes: 30 }],
      exceptions: [
        { date: '2026-03-11', kind: 'leave', startMinute: 9 * 60 + 45, endMinute: 10 * 60 + 15 },
        { date: '2026-03-11', kind: 'extra', startMinute: 17 * 60, endMinute: 18 * 60 },
        { date: '2026-03-18', kind: 'leave', startMinute: 0, endMinute: 1440 },
      ],
      consultationMinutes: 20,
      timeZone: LONDON,
    };
    const day = candidateSlots(plan, '2026-03-11', 1);
    expect(day.map((s) => `${s.time}${s.onLeave ? ' leave' : ''}`)).toEqual([
      '09:00',
      '09:30 leave',
      '10:00 leave',
      '10:30',
      '17:00',
      '17:20',
      '17:40',
    ]);
    const busy = [{ startsAt: utc('2026-03-11T10:30:00Z'), endsAt: utc('2026-03-11T11:00:00Z') }];
    expect(freeSlots(day, busy, utc('2026-03-11T09:10:00Z')).map((s) => s.time)).toEqual([
      '17:00',
      '17:20',
      '17:40',
    ]);
    expect(candidateSlots(plan, '2026-03-18', 1).every((s) => s.onLeave)).toBe(true);
  });
});

describe('the one slot a booking checks', () => {
  // A small deterministic generator, so a failure names a plan that can be run again.
  const random = (seed: number) => () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };

  it("is the slot the date's list has at that instant, for every minute of ordinary and DST days", () => {
    const next = random(20261202);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const zones = [LONDON, 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'];
    // DST days of those zones in 2026 and ordinary days around them.
    const dates = [
      '2026-03-08',
      '2026-03-29',
      '2026-04-05',
      '2026-10-04',
      '2026-10-25',
      '2026-11-01',
      '2026-06-17',
    ];
    let compared = 0;
    let found = 0;
    const mismatches: string[] = [];
    for (let round = 0; round < 60; round++) {
      const date = pick(dates);
      const day = new Date(`${date}T12:00:00Z`).getUTCDay();
      const windowOf = () => {
        const start = Math.floor(next() * 20) * 60 + pick([0, 15, 30, 45]);
        return { start, end: Math.min(1440, start + 30 + Math.floor(next() * 300)) };
      };
      const plan: SlotPlan = {
        // Overlapping weekly windows with different lengths, some on other weekdays.
        weekly: Array.from({ length: 1 + Math.floor(next() * 3) }, () => {
          const { start, end } = windowOf();
          return {
            weekday: next() < 0.8 ? day : (day + 1) % 7,
            startMinute: start,
            endMinute: end,
            slotMinutes: pick([10, 15, 20, 30, 45]),
          };
        }),
        exceptions: Array.from({ length: Math.floor(next() * 3) }, () => {
          const { start, end } = windowOf();
          return {
            date: next() < 0.8 ? date : '2026-01-01',
            kind: pick(['leave', 'extra'] as const),
            startMinute: start,
            endMinute: end,
          };
        }),
        consultationMinutes: pick([15, 20, 25]),
        timeZone: pick(zones),
      };
      const listed = candidateSlots(plan, date, 1);
      // Every listed instant, a minute either side of it, and every half hour around the date.
      const from = Date.parse(`${date}T00:00:00Z`) - 16 * 3_600_000;
      const instants = new Set(listed.flatMap((s) => [s.startsAt - 60_000, s.startsAt, s.startsAt + 60_000]));
      for (let at = from; at < from + 56 * 3_600_000; at += 30 * 60_000) instants.add(at);
      for (const at of instants) {
        const expected = listed.find((s) => s.startsAt === at) ?? null;
        const got = candidateSlotAt(plan, date, at);
        if (JSON.stringify(got) !== JSON.stringify(expected)) {
          mismatches.push(`round ${round}, ${plan.timeZone} ${new Date(at).toISOString()}`);
        }
        compared++;
        if (expected) found++;
      }
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(60 * 112);
    expect(found).toBeGreaterThan(1_000);
  });
});
