import { statSync } from 'node:fs';
import { openSqlite } from '../../src/main/core/db/open';
import { isChannelName } from '../../src/shared/contract';
import { addDays, dayRange } from '../../src/main/core/time/zone';
import { median, round } from '../measure';
import { ratioOf, unavailable, type BenchContext, type BenchRow } from '../types';

const BOOKINGS = 2000;
/** The timed bookings and bare INSERTs go in BLOCKS alternating blocks of BLOCK. */
const BLOCKS = 10;
const BLOCK = BOOKINGS / BLOCKS;
/** Untimed, after the timed runs: this many more of each with the WAL pinned, to count its frames. */
const SAMPLE = 200;
const TARGET = 1.5;

/**
 * WAL frames (pages) one commit of `work` writes, on average over `count` commits. A reader holds
 * a snapshot meanwhile so no checkpoint restarts the WAL and its growth is every frame written;
 * run apart from the timed loops, which checkpoint as usual; the WAL is emptied first.
 */
async function walFramesPerCommit(dbPath: string, count: number, work: () => Promise<void> | void) {
  // An emptied WAL first: a restarted WAL is rewritten from its start and would not grow.
  const writer = openSqlite(dbPath);
  try {
    const [result] = writer.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result?.busy !== 0) throw new Error('The WAL could not be emptied to count frames.');
  } finally {
    writer.close();
  }
  const pin = openSqlite(dbPath, { readonly: true });
  try {
    const pageSize = pin.pragma('page_size', { simple: true }) as number;
    const walSize = () => statSync(`${dbPath}-wal`).size;
    pin.exec('BEGIN');
    pin.prepare('SELECT count(*) FROM sqlite_sequence').get();
    const before = walSize();
    await work();
    const frames = (walSize() - before) / (pageSize + 24);
    pin.exec('COMMIT');
    return round(frames / count, 1);
  } finally {
    pin.close();
  }
}

/**
 * Ours: appointments booked one after another through `appointments/book` as reception
 * (validation, active-patient and slot checks, audit row, confirmation, each its own transaction)
 * into free slots found beforehand with `appointments/freeSlots`. Answers `book(first, count)`,
 * which books slots first … first + count − 1 of the `count` prepared.
 */
async function prepareBookings(
  ctx: BenchContext,
  wantedCount: number,
): Promise<((first: number, count: number) => Promise<void>) | null> {
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
    .all(dayRange(options.value.today, options.value.timeZone).start, wantedCount)
    .map((row) => row.id);
  sqlite.close();
  // Free slots from two weeks ahead on (the generated clinic is sparse there), doctor by doctor.
  const wanted: { doctorId: number; startsAt: number }[] = [];
  let from = addDays(options.value.today, 14);
  while (wanted.length < wantedCount) {
    for (const doctor of options.value.doctors) {
      const free = await reception.call('appointments/freeSlots', { doctorId: doctor.id, from, days: 14 });
      if (!free.ok) throw new Error(free.error.message);
      for (const slot of free.value.doctors.flatMap((d) => d.slots)) {
        wanted.push({ doctorId: doctor.id, startsAt: slot.startsAt });
      }
      if (wanted.length >= wantedCount) break;
    }
    from = addDays(from, 14);
  }
  const book = async (first: number, count: number) => {
    for (let i = first; i < first + count; i++) {
      const slot = wanted[i]!;
      const result = await reception.call('appointments/book', {
        patientId: patients[i % patients.length]!,
        doctorId: slot.doctorId,
        startsAt: slot.startsAt,
        reason: 'Bench',
      });
      if (!result.ok) throw new Error(result.error.message);
    }
  };
  return book;
}

/** Far in the future, where the generated clinic has nothing: no slot collides. */
const BARE_BASE = Date.parse('2099-01-04T09:00:00Z');

/**
 * Bare prepared INSERTs into appointments, one autocommit each: `insert` answers the seconds
 * `count` rows from `base` on took; `close` removes every row inserted (untimed) and closes.
 */
function bareInserts(ctx: BenchContext) {
  const sqlite = openSqlite(ctx.dbPath);
  const statement = sqlite.prepare(
    `INSERT INTO appointments (patient_id, doctor_id, starts_at, ends_at, status, reason, created_by)
     VALUES (?, ?, ?, ?, 'booked', 'Bench', NULL)`,
  );
  return {
    insert(count: number, base: number): number {
      const started = process.hrtime.bigint();
      for (let i = 0; i < count; i++) {
        const startsAt = base + i * 20 * 60_000;
        statement.run(1 + (i % 1000), 1 + (i % 5), startsAt, startsAt + 20 * 60_000);
      }
      return Number(process.hrtime.bigint() - started) / 1e9;
    },
    close(): void {
      try {
        // The follow-ups trigger closed open follow-ups onto these rows: reopen them, then delete.
        sqlite.transaction(() => {
          sqlite
            .prepare(
              `UPDATE follow_ups SET status = 'open', appointment_id = NULL, closed_at = NULL
               WHERE appointment_id IN (SELECT id FROM appointments WHERE reason = 'Bench' AND starts_at >= ?)`,
            )
            .run(BARE_BASE);
          sqlite.prepare(`DELETE FROM appointments WHERE reason = 'Bench' AND starts_at >= ?`).run(BARE_BASE);
        })();
        // The sample's pinned WAL is checkpointed here, untimed, not in the next row's timed loop.
        sqlite.pragma('wal_checkpoint(PASSIVE)');
      } finally {
        sqlite.close();
      }
    },
  };
}

export const booking: BenchRow = {
  id: 'booking-throughput',
  title: 'Booking throughput through the contract',
  target: `≤ ${TARGET}× a bare INSERT`,
  async run(ctx) {
    const book = await prepareBookings(ctx, BOOKINGS + SAMPLE);
    const bare = bareInserts(ctx);
    try {
      // BLOCKS blocks of bare INSERTs and bookings, alternating, each side judged by its median
      // block: on this kind of machine a disk's fsync time drifts by ±25 % over a few seconds, and
      // one pass of each side after the other measured the drift as much as the work.
      const bareSeconds: number[] = [];
      const bookSeconds: number[] = [];
      for (let block = 0; block < BLOCKS; block++) {
        bareSeconds.push(bare.insert(BLOCK, BARE_BASE + block * BLOCK * 20 * 60_000));
        if (book) {
          const started = process.hrtime.bigint();
          await book(block * BLOCK, BLOCK);
          bookSeconds.push(Number(process.hrtime.bigint() - started) / 1e9);
        }
      }
      const reference = round(BLOCK / median(bareSeconds), 0);
      const bareFrames = await walFramesPerCommit(ctx.dbPath, SAMPLE, () => {
        bare.insert(SAMPLE, BARE_BASE + 400 * 86_400_000);
      });
      if (!book) return unavailable('appointments/s', reference, 'no appointments/book channel yet');
      const bookFrames = await walFramesPerCommit(ctx.dbPath, SAMPLE, () => book(BOOKINGS, SAMPLE));
      const ours = BLOCK / median(bookSeconds);
      const ratio = ratioOf(reference, ours);
      const blockRatios = bookSeconds.map((seconds, i) => seconds / bareSeconds[i]!);
      const blockRatioMin = round(Math.min(...blockRatios), 2);
      const blockRatioMax = round(Math.max(...blockRatios), 2);
      // What a booking costs on top of the bare INSERT, in each block and then the median: the
      // ratio is 1 + this ÷ the bare INSERT's own time, which moves with the disk's fsync.
      const msPerBareInsert = round((median(bareSeconds) / BLOCK) * 1000, 3);
      const extraMsPerBooking = round(
        median(bookSeconds.map((seconds, i) => ((seconds - bareSeconds[i]!) / BLOCK) * 1000)),
        3,
      );
      return {
        ours: round(ours, 0),
        reference,
        ratio: ratio === null ? null : round(ratio, 2),
        unit: 'appointments/s',
        met: ratio === null ? null : ratio <= TARGET,
        note:
          'ratio = reference ÷ ours (how many times slower than a bare INSERT with FULL sync), ' +
          `medians of ${BLOCKS} alternating blocks of ${BLOCK} each (block ratios ` +
          `${blockRatioMin}–${blockRatioMax}); a bare INSERT ${msPerBareInsert} ms, a booking ` +
          `${extraMsPerBooking} ms more (median of the blocks' differences); ` +
          `WAL frames per commit ${bookFrames} (booking: appointment, audit row, ` +
          `confirmation) vs ${bareFrames} (bare INSERT), counted over ${SAMPLE} more of each, untimed`,
        extra: {
          walFramesPerBooking: bookFrames,
          walFramesPerBareInsert: bareFrames,
          blockRatioMin,
          blockRatioMax,
          msPerBareInsert,
          extraMsPerBooking,
        },
      };
    } finally {
      bare.close();
    }
  },
};
