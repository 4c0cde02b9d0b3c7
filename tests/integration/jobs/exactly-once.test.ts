import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { RELAY_WINDOW } from '../../../src/main/core/outbox/relay';
import { seededRandom } from '../../../src/main/core/seed/random';
import { JobFixtures } from '../../support/job-fixtures';
import { SmtpSink } from '../../support/smtp-sink';
import { tempCore, tempDir } from '../../support/temp-core';
import { runJobApp } from './support/run-job-app';

const NOW = '2026-03-16T08:00:00Z';
const REMINDERS = 25;
// ONCE_TRIALS runs fewer kills on a loaded machine (the 600 s timeout holds about 20 quiet).
const TRIALS = Number(process.env['ONCE_TRIALS'] ?? 20);

/** The app on `dataDir`, sending the day's reminders; SIGKILLed `killAfterMs` after READY when given. */
const runApp = (dataDir: string, smtpUrl: string, killAfterMs?: number) =>
  runJobApp({
    job: 'reminders',
    dataDir,
    now: NOW,
    smtpUrl,
    ...(killAfterMs === undefined ? {} : { killAfterMs }),
  });

describe('exactly-once reminders under SIGKILL', () => {
  const sink = new SmtpSink();
  const template = tempDir('clinic-desk-once-template-');
  const work = tempDir('clinic-desk-once-');

  beforeAll(async () => {
    await sink.start();
    const t = await tempCore({ dataDir: template });
    t.core.close();
    const f = new JobFixtures(join(template, 'clinic.db')).clinic();
    const dep = f.department('General');
    const doctor = f.doctor('Dr Once', dep);
    for (let i = 0; i < REMINDERS; i++) {
      const p = f.patient(`Patient ${i}`, { email: `p${i}@example.org` });
      f.appointment(
        p,
        doctor,
        '2026-03-16',
        `${String(9 + Math.floor(i / 3)).padStart(2, '0')}:${String((i % 3) * 20).padStart(2, '0')}`,
      );
    }
    f.close();
  }, 120_000);

  afterAll(async () => {
    await sink.stop();
    rmSync(template, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it(`sends every due reminder, and none twice unless the kill fell between the server's acceptance and the outbox update, at most ${RELAY_WINDOW} per crash (${TRIALS} kills)`, async () => {
    const random = seededRandom(Number(process.env['ONCE_SEED'] ?? 4242));
    const trialDir = (n: number) => {
      const dir = join(work, `trial-${n}`);
      mkdirSync(dir, { recursive: true });
      cpSync(join(template, 'clinic.db'), join(dir, 'clinic.db'));
      return dir;
    };
    // Calibrate: how long a whole uninterrupted run takes on this machine.
    const calibration = await runApp(trialDir(0), sink.url);
    expect(calibration.outcome).toBe('done');
    expect(sink.received).toHaveLength(REMINDERS);

    let duplicates = 0;
    let killedBeforeEnd = 0;
    const windows: number[] = [];
    const phases: string[] = [];
    for (let n = 1; n <= TRIALS; n++) {
      sink.received.length = 0;
      const dir = trialDir(n);
      const killAt = Math.floor(random.next() * calibration.duration * 1.2);
      const first = await runApp(dir, sink.url, killAt);
      if (first.outcome === 'killed') killedBeforeEnd += 1;
      const probe = new Database(join(dir, 'clinic.db'), { readonly: true });
      const state = probe
        .prepare(
          `SELECT count(*) AS queued, sum(status = 'sent') AS sent, sum(status = 'sending') AS sending FROM email_outbox`,
        )
        .get() as { queued: number; sent: number | null; sending: number | null };
      probe.close();
      phases.push(
        state.queued === 0
          ? 'before queueing'
          : (state.sent ?? 0) === REMINDERS
            ? 'after sending'
            : `while sending (${state.sent ?? 0} sent, ${state.sending ?? 0} in flight)`,
      );
      const second = await runApp(dir, sink.url);
      expect(second.outcome).toBe('done');

      const counts = new Map<string, number>();
      for (const mail of sink.received) counts.set(mail.to[0]!, (counts.get(mail.to[0]!) ?? 0) + 1);
      // Nothing lost: every patient got their reminder.
      expect(counts.size, `trial ${n}`).toBe(REMINDERS);
      const twice = [...counts].filter(([, c]) => c > 1);
      expect(
        twice.every(([, c]) => c === 2),
        `trial ${n}`,
      ).toBe(true);
      // A duplicate is only ever a message the crash left 'sending' (re-queued on restart).
      const db = new Database(join(dir, 'clinic.db'), { readonly: true });
      for (const [address] of twice) {
        const row = db.prepare('SELECT attempts FROM email_outbox WHERE to_address = ?').get(address) as {
          attempts: number;
        };
        expect(row.attempts).toBeGreaterThanOrEqual(2);
      }
      const queuedTwice = db.prepare('SELECT count(*) AS n FROM email_outbox').get() as { n: number };
      expect(queuedTwice.n).toBe(REMINDERS);
      db.close();
      // The relay has at most RELAY_WINDOW messages out at once: no crash can duplicate more.
      expect(twice.length, `trial ${n}`).toBeLessThanOrEqual(RELAY_WINDOW);
      duplicates += twice.length;
      windows.push(twice.length);
    }
    console.log(
      `exactly-once: ${TRIALS} kills (${killedBeforeEnd} before the run ended), ${duplicates} duplicate(s) in total, per trial ${JSON.stringify(windows)}; a full run took ${Math.round(calibration.duration)} ms; kills landed: ${phases.join('; ')}`,
    );
    expect(duplicates).toBeLessThanOrEqual(TRIALS * RELAY_WINDOW);
  }, 600_000);
});
