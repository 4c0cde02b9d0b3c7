import {
  addDays,
  dayRange,
  formatMinutes,
  localParts,
  weekday,
  zonedInstant,
  type IsoDate,
} from '../time/zone';

/** A weekly row of `doctor_availability`. */
export interface WeeklyHours {
  weekday: number;
  startMinute: number;
  endMinute: number;
  slotMinutes: number;
}

/** A row of `doctor_exceptions`: leave removes time on one date, extra adds time. */
export interface DateException {
  date: IsoDate;
  kind: 'leave' | 'extra';
  startMinute: number;
  endMinute: number;
}

export interface CandidateSlot {
  startsAt: number;
  endsAt: number;
  date: IsoDate;
  /** Wall-clock minutes after local midnight. */
  minute: number;
  time: string;
  /** Inside the doctor's hours but covered by leave: not bookable. */
  onLeave: boolean;
}

export interface SlotPlan {
  weekly: readonly WeeklyHours[];
  exceptions: readonly DateException[];
  /** Slot length for extra hours, which carry none of their own. */
  consultationMinutes: number;
  timeZone: string;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * Maps wall-clock minutes of one date to instants. On the 363 ordinary days a year local time is
 * midnight plus the minutes; on a DST day each time goes through `zonedInstant`, and a time the
 * clocks skip (01:30 on a spring-forward day) has no instant at all.
 */
function dayClock(date: IsoDate, timeZone: string): (minute: number) => number | null {
  const { start, end } = dayRange(date, timeZone);
  if (end - start === DAY) return (minute) => start + minute * MINUTE;
  return (minute) => {
    const at = zonedInstant(date, minute, timeZone);
    const shown = localParts(at, timeZone);
    return shown.date === date && shown.minute === minute ? at : null;
  };
}

const overlaps = (aStart: number, aEnd: number, bStart: number, bEnd: number): boolean =>
  aStart < bEnd && bStart < aEnd;

/** One date's bookable windows (weekly hours, then extra hours) and its leave, in minutes. */
function dayPlan(plan: SlotPlan, date: IsoDate) {
  const day = weekday(date);
  const windows = plan.weekly
    .filter((w) => w.weekday === day)
    .map((w) => ({ start: w.startMinute, end: w.endMinute, slot: w.slotMinutes }));
  const todays = plan.exceptions.filter((e) => e.date === date);
  for (const extra of todays.filter((e) => e.kind === 'extra')) {
    windows.push({ start: extra.startMinute, end: extra.endMinute, slot: plan.consultationMinutes });
  }
  return { windows, leave: todays.filter((e) => e.kind === 'leave') };
}

type DayPlan = ReturnType<typeof dayPlan>;

const slotOf = (
  date: IsoDate,
  minute: number,
  startsAt: number,
  slotMinutes: number,
  leave: DayPlan['leave'],
): CandidateSlot => ({
  startsAt,
  endsAt: startsAt + slotMinutes * MINUTE,
  date,
  minute,
  time: formatMinutes(minute),
  onLeave: leave.some((l) => overlaps(minute, minute + slotMinutes, l.startMinute, l.endMinute)),
});

/**
 * Every slot a doctor offers on `days` dates from `from`, in the clinic's time zone, before
 * removing booked ones: weekly hours plus extra hours, each cut into slots that fit wholly inside,
 * with slots that touch leave marked `onLeave`. Pure: the database is read by the caller.
 * An hour that occurs twice on an autumn DST day is offered once (its first occurrence).
 */
export function candidateSlots(plan: SlotPlan, from: IsoDate, days: number): CandidateSlot[] {
  const slots: CandidateSlot[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(from, i);
    const { windows, leave } = dayPlan(plan, date);
    if (windows.length === 0) continue;
    const clock = dayClock(date, plan.timeZone);
    const seen = new Set<number>();
    for (const window of windows) {
      for (let minute = window.start; minute + window.slot <= window.end; minute += window.slot) {
        const startsAt = clock(minute);
        if (startsAt === null || seen.has(startsAt)) continue;
        seen.add(startsAt);
        slots.push(slotOf(date, minute, startsAt, window.slot, leave));
      }
    }
  }
  return slots.sort((a, b) => a.startsAt - b.startsAt);
}

/**
 * The slot `candidateSlots(plan, date, 1)` lists at the instant `startsAt`, or null when it lists
 * none there: what a booking checks, without building the date's other slots. The first window
 * that yields the instant gives the slot, as the list's "offered once" does.
 */
export function candidateSlotAt(plan: SlotPlan, date: IsoDate, startsAt: number): CandidateSlot | null {
  const { windows, leave } = dayPlan(plan, date);
  if (windows.length === 0) return null;
  const clock = dayClock(date, plan.timeZone);
  for (const window of windows) {
    for (let minute = window.start; minute + window.slot <= window.end; minute += window.slot) {
      if (clock(minute) === startsAt) return slotOf(date, minute, startsAt, window.slot, leave);
    }
  }
  return null;
}

export interface BusyInterval {
  startsAt: number;
  endsAt: number;
}

/** Bookable slots: not on leave, starting after `now`, not overlapping an active appointment. */
export function freeSlots(candidates: readonly CandidateSlot[], busy: readonly BusyInterval[], now: number) {
  return candidates.filter(
    (slot) =>
      !slot.onLeave &&
      slot.startsAt > now &&
      !busy.some((b) => overlaps(slot.startsAt, slot.endsAt, b.startsAt, b.endsAt)),
  );
}
