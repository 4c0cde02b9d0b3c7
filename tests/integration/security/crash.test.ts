import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/main/core/seed/random';
import { CLINIC_NOW, TODAY } from '../../support/clinic';
import { nodeChild } from '../../support/node-child';
import { fixedClock, tempCore, tempDir } from '../../support/temp-core';

const root = join(import.meta.dirname, '..', '..', '..');
const KILLS = Number(process.env['CRASH_KILLS'] ?? 50);

function isAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface Committed {
  id: number;
  consent: boolean;
}

/** Starts the writer and SIGKILLs it `killAfterMs` after it printed READY; resolves with what it committed. */
function runWriter(dataDir: string, killAfterMs: number): Promise<Committed[]> {
  return new Promise((resolve, reject) => {
    // Node itself on the writer's bundle, no wrapper process: the SIGKILL must hit the writer.
    const child = spawn(
      process.execPath,
      nodeChild('tests/integration/security/support/booking-writer.ts', dataDir, CLINIC_NOW, TODAY),
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    let armed = false;
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!armed && out.includes('READY\n')) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' && isAlive(child.pid)) {
        reject(new Error('the killed process was not the writer itself'));
        return;
      }
      if (signal !== 'SIGKILL') {
        reject(new Error(`the writer stopped by itself (${code}): ${err}`));
        return;
      }
      const committed = [...out.matchAll(/^COMMITTED (\d+) ([01])$/gm)].map((m) => ({
        id: Number(m[1]),
        consent: m[2] === '1',
      }));
      resolve(committed);
    });
  });
}

describe('crash consistency under SIGKILL', () => {
  const dataDir = tempDir('clinic-desk-crash-');

  beforeAll(async () => {
    const t = await tempCore({ dataDir, demo: true, clock: fixedClock(CLINIC_NOW) });
    t.core.close();
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(`keeps the database intact and every committed booking with its outbox row (${KILLS} kills)`, async () => {
    const random = seededRandom(Number(process.env['CRASH_SEED'] ?? 6060));
    const committed: Committed[] = [];
    let withEmail = 0;
    for (let n = 1; n <= KILLS; n++) {
      const killAfter = 50 + Math.floor(random.next() * 350);
      committed.push(...(await runWriter(dataDir, killAfter)));

      const db = new Database(join(dataDir, 'clinic.db'));
      try {
        expect(db.pragma('integrity_check', { simple: true }), `kill ${n}`).toBe('ok');
        expect(db.pragma('foreign_key_check'), `kill ${n}`).toEqual([]);
        // Nothing the writer saw committed is missing.
        const exists = db.prepare<[number], { status: string }>(
          'SELECT status FROM appointments WHERE id = ?',
        );
        const confirmation = db.prepare<[string], { n: number }>(
          'SELECT count(*) AS n FROM email_outbox WHERE dedupe_key LIKE ?',
        );
        for (const c of committed) {
          expect(exists.get(c.id)?.status, `kill ${n}: appointment ${c.id}`).toBe('booked');
          expect(confirmation.get(`booking:${c.id}:booked:%`)?.n, `kill ${n}: outbox of ${c.id}`).toBe(
            c.consent ? 1 : 0,
          );
        }
        // Including bookings committed just before the kill that the writer had no time to report:
        // each stored booking of a consenting patient has exactly its one confirmation, and no
        // confirmation exists without its booking.
        const orphans = db
          .prepare(
            `SELECT a.id FROM appointments a JOIN patients p ON p.id = a.patient_id
             WHERE a.reason = 'crash test' AND p.email_reminders = 1
               AND NOT EXISTS (SELECT 1 FROM email_outbox o WHERE o.dedupe_key LIKE 'booking:' || a.id || ':booked:%')`,
          )
          .all();
        expect(orphans, `kill ${n}: bookings without their email`).toEqual([]);
        // The LIKE alone made this a scan of every appointment for every email (23 million
        // comparisons by the last kill, most of the file's time). The id equality is implied by
        // the LIKE (an id's digits hold no ':'), so it finds the same rows, by primary key.
        const emailsWithoutBooking = db
          .prepare(
            `SELECT o.dedupe_key FROM email_outbox o WHERE o.kind = 'booking-booked' AND NOT EXISTS (
               SELECT 1 FROM appointments a
               WHERE a.id = CAST(substr(o.dedupe_key, 9, instr(substr(o.dedupe_key, 9), ':') - 1) AS INTEGER)
                 AND o.dedupe_key LIKE 'booking:' || a.id || ':booked:%')`,
          )
          .all();
        expect(emailsWithoutBooking, `kill ${n}: emails without their booking`).toEqual([]);
        withEmail = (
          db.prepare(`SELECT count(*) AS n FROM email_outbox WHERE kind = 'booking-booked'`).get() as {
            n: number;
          }
        ).n;
      } finally {
        db.close();
      }
    }
    console.log(
      `crash: ${KILLS} kills, ${committed.length} bookings reported committed, ${withEmail} confirmations queued`,
    );
    // The kills must have landed while bookings were being written, or the test proves nothing.
    expect(committed.length).toBeGreaterThan(KILLS);
    expect(withEmail).toBeGreaterThan(0);
  }, 1_200_000);
});
