import { openSqlite } from '../../src/main/core/db/open';
import { isChannelName } from '../../src/shared/contract';
import { addDays, dayRange } from '../../src/main/core/time/zone';
import { round } from '../measure';
import { ratioOf, unavailable, type BenchContext, type BenchRow } from '../types';

const BOOKINGS = 2000;

/**
 * Ours: BOOKINGS appointments booked one after another through `appointments/book` as reception
 * (validation, active-patient and slot checks, audit row, each its own transaction) into free
 * slots found beforehand with `appointments/freeSlots`, answered as appointments per second.
 */
export async function measureBooking(ctx: BenchContext): Promise<number | null> {
  if (!isChannelName('appointments/book')) return null;
  const reception = ctx.core.connectAs('reception', 'test');
  const options = await reception.call('appointments/options', {});
  if (!options.ok) throw new Error(options.error.message);
  const sqlite = openSqlite(ctx.dbPath, { readonly: true });
  // Patients with nothing booked from today on, so no booking meets the patient-overlap rule
  // (a smaller clinic is not sparse two weeks ahead).
  const patients = sqlite
    .prepare<[number, number], { id: number }>(
      `SELECT id FROM patients p WHERE active = 1
         AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.patient_id = p.id AND a.starts_at >= ?)
       ORDER BY id LIMIT ?`,
    )
    .all(dayRange(options.value.today, options.value.timeZone).start, BOOKINGS)
    .map((row) => row.id);
  sqlite.close();
  // Free slots from two weeks ahead on (the generated clinic is sparse there), doctor by doctor.
  const wanted: { doctorId: number; startsAt: number }[] = [];
  let from = addDays(options.value.today, 14);
  while (wanted.length < BOOKINGS) {
    for (const doctor of options.value.doctors) {
      const free = await reception.call('appointments/freeSlots', { doctorId: doctor.id, from, days: 14 });
      if (!free.ok) throw new Error(free.error.message);
      for (const slot of free.value.doctors.flatMap((d) => d.slots)) {
        wanted.push({ doctorId: doctor.id, startsAt: slot.startsAt });
      }
      if (wanted.length >= BOOKINGS) break;
    }
    from = addDays(from, 14);
  }
  const started = process.hrtime.bigint();
  for (let i = 0; i < BOOKINGS; i++) {
    const slot = wanted[i]!;
    const result = await reception.call('appointments/book', {
      patientId: patients[i % patients.length]!,
      doctorId: slot.doctorId,
      startsAt: slot.startsAt,
      reason: 'Bench',
    });
    if (!result.ok) throw new Error(result.error.message);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return BOOKINGS / seconds;
}

/** Reference: the same number of rows through a bare prepared INSERT, one autocommit each. */
function bareInsertsPerSecond(ctx: BenchContext): number {
  const sqlite = openSqlite(ctx.dbPath);
  try {
    const insert = sqlite.prepare(
      `INSERT INTO appointments (patient_id, doctor_id, starts_at, ends_at, status, reason, created_by)
       VALUES (?, ?, ?, ?, 'booked', 'Bench', NULL)`,
    );
    // Far in the future, where the generated clinic has nothing: no slot collides.
    const base = Date.parse('2099-01-04T09:00:00Z');
    const started = process.hrtime.bigint();
    for (let i = 0; i < BOOKINGS; i++) {
      const startsAt = base + i * 20 * 60_000;
      insert.run(1 + (i % 1000), 1 + (i % 5), startsAt, startsAt + 20 * 60_000);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    // The follow-ups trigger closed open follow-ups onto these rows: reopen them, then delete.
    sqlite.transaction(() => {
      sqlite
        .prepare(
          `UPDATE follow_ups SET status = 'open', appointment_id = NULL, closed_at = NULL
           WHERE appointment_id IN (SELECT id FROM appointments WHERE reason = 'Bench' AND starts_at >= ?)`,
        )
        .run(base);
      sqlite.prepare(`DELETE FROM appointments WHERE reason = 'Bench' AND starts_at >= ?`).run(base);
    })();
    return BOOKINGS / seconds;
  } finally {
    sqlite.close();
  }
}

export const booking: BenchRow = {
  id: 'booking-throughput',
  title: 'Booking throughput through the contract',
  target: 'ratio reported',
  async run(ctx) {
    const reference = round(bareInsertsPerSecond(ctx), 0);
    const ours = await measureBooking(ctx);
    if (ours === null) return unavailable('appointments/s', reference, 'no appointments/book channel yet');
    const ratio = ratioOf(reference, ours);
    return {
      ours: round(ours, 0),
      reference,
      ratio: ratio === null ? null : round(ratio, 2),
      unit: 'appointments/s',
      met: true,
      note: 'ratio = reference ÷ ours (how many times slower than a bare INSERT with FULL sync)',
    };
  },
};
