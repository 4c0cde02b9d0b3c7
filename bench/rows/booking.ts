import { openSqlite } from '../../src/main/core/db/open';
import { isChannelName } from '../../src/shared/contract';
import { round } from '../measure';
import { ratioOf, unavailable, type BenchContext, type BenchRow } from '../types';

const BOOKINGS = 2000;

/**
 * OURS — fill in at merge (one function): book BOOKINGS appointments one after another through
 * `appointments/book` as reception (validation, audit row, constraint checks, each its own
 * transaction) into free slots of the working copy, and answer appointments per second. Answer
 * null while the channel does not exist.
 */
// eslint-disable-next-line @typescript-eslint/require-await
export async function measureBooking(_ctx: BenchContext): Promise<number | null> {
  if (!isChannelName('appointments/book')) return null;
  throw new Error('appointments/book exists: write measureBooking() in bench/rows/booking.ts.');
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
    sqlite.prepare(`DELETE FROM appointments WHERE reason = 'Bench' AND starts_at >= ?`).run(base);
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
