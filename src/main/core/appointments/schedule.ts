import type { Sqlite } from '../db/open';
import { addDays, dayRange, weekday, type IsoDate } from '../time/zone';
import {
  candidateSlotAt,
  candidateSlots,
  freeSlots,
  type BusyInterval,
  type CandidateSlot,
  type DateException,
  type SlotPlan,
  type WeeklyHours,
} from './slots';

export interface DoctorRow {
  id: number;
  full_name: string;
  active: number;
  consultation_minutes: number;
  department_id: number;
  department_name: string;
}

/** A doctor's hours, leave and bookings as stored, turned into slots by `slots.ts`. */
export function scheduleQueries(sqlite: Sqlite) {
  const doctor = sqlite.prepare<[number], DoctorRow>(
    `SELECT d.id, d.full_name, d.active, d.consultation_minutes, d.department_id, dep.name AS department_name
     FROM doctors d JOIN departments dep ON dep.id = d.department_id WHERE d.id = ?`,
  );
  const activeDoctors = sqlite.prepare<{ department: number | null; doctor: number | null }, DoctorRow>(
    `SELECT d.id, d.full_name, d.active, d.consultation_minutes, d.department_id, dep.name AS department_name
     FROM doctors d JOIN departments dep ON dep.id = d.department_id
     WHERE d.active = 1 AND (@department IS NULL OR d.department_id = @department)
       AND (@doctor IS NULL OR d.id = @doctor)
     ORDER BY d.full_name, d.id`,
  );
  const weekly = sqlite.prepare<[number], WeeklyHours>(
    `SELECT weekday, start_minute AS startMinute, end_minute AS endMinute, slot_minutes AS slotMinutes
     FROM doctor_availability WHERE doctor_id = ? ORDER BY weekday, start_minute`,
  );
  const weeklyOn = sqlite.prepare<[number, number], WeeklyHours>(
    `SELECT weekday, start_minute AS startMinute, end_minute AS endMinute, slot_minutes AS slotMinutes
     FROM doctor_availability WHERE doctor_id = ? AND weekday = ? ORDER BY start_minute`,
  );
  const exceptions = sqlite.prepare<[number, string, string], DateException>(
    `SELECT date, kind, start_minute AS startMinute, end_minute AS endMinute
     FROM doctor_exceptions WHERE doctor_id = ? AND date >= ? AND date < ?`,
  );
  // Slot holders that start up to a day before the range can still overlap its first slots.
  const busy = sqlite.prepare<[number, number, number, number], BusyInterval & { id: number }>(
    `SELECT id, starts_at AS startsAt, ends_at AS endsAt FROM appointments
     WHERE doctor_id = ? AND starts_at >= ? AND starts_at < ? AND ends_at > ?
       AND status IN ('booked', 'arrived', 'completed')`,
  );

  const planOf = (
    d: DoctorRow,
    hours: WeeklyHours[],
    from: IsoDate,
    days: number,
    timeZone: string,
  ): SlotPlan => ({
    weekly: hours,
    exceptions: exceptions.all(d.id, from, addDays(from, days)),
    consultationMinutes: d.consultation_minutes,
    timeZone,
  });
  const candidates = (d: DoctorRow, from: IsoDate, days: number, timeZone: string): CandidateSlot[] =>
    candidateSlots(planOf(d, weekly.all(d.id), from, days, timeZone), from, days);

  const busyBetween = (doctorId: number, start: number, end: number, exceptId?: number): BusyInterval[] =>
    busy.all(doctorId, start - 24 * 3_600_000, end, start).filter((b) => b.id !== exceptId);

  return {
    doctor: (id: number) => doctor.get(id),
    activeDoctors: (filter: { departmentId?: number | undefined; doctorId?: number | undefined }) =>
      activeDoctors.all({ department: filter.departmentId ?? null, doctor: filter.doctorId ?? null }),
    /** The doctor's candidate slot at `startsAt` on `date`, or null (see `candidateSlotAt`). */
    candidateAt: (d: DoctorRow, date: IsoDate, startsAt: number, timeZone: string): CandidateSlot | null =>
      // The date's weekday only: the other six days' hours are not looked at.
      candidateSlotAt(planOf(d, weeklyOn.all(d.id, weekday(date)), date, 1, timeZone), date, startsAt),
    busyBetween,
    /** Bookable slots of one doctor over `days` dates from `from`. */
    free(d: DoctorRow, from: IsoDate, days: number, timeZone: string, now: number): CandidateSlot[] {
      const start = dayRange(from, timeZone).start;
      const end = dayRange(addDays(from, days - 1), timeZone).end;
      return freeSlots(candidates(d, from, days, timeZone), busyBetween(d.id, start, end), now);
    },
  };
}

export type ScheduleQueries = ReturnType<typeof scheduleQueries>;
