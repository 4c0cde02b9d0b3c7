import { describe, expect, it } from 'vitest';
import { candidateSlots, freeSlots, type SlotPlan } from '../../../src/main/core/appointments/slots';

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
