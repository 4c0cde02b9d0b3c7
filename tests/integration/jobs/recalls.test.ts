import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/main/core/seed/random';
import { JobFixtures } from '../../support/job-fixtures';
import { SmtpSink } from '../../support/smtp-sink';
import { fixedClock, snapshotDatabase, tempCore, tempDir, type TempCore } from '../../support/temp-core';
import { runJobApp } from './support/run-job-app';

let visits = 0;

/** A follow-up due on `due` for a new patient of `doctor`, from a visit on 2 March. */
function followUp(
  f: JobFixtures,
  doctor: number,
  name: string,
  due: string,
  patient: Parameters<JobFixtures['patient']>[1] = {},
) {
  const p = f.patient(name, patient);
  visits += 1;
  const time = `${String(8 + Math.floor(visits / 6)).padStart(2, '0')}:${String((visits % 6) * 10).padStart(2, '0')}`;
  const visit = f.appointment(p, doctor, '2026-03-02', time, 'completed');
  f.treatment(visit, { diagnosis: 'Check-up', nextVisit: due });
  return p;
}

describe('follow-up recall emails', () => {
  let sink: SmtpSink;
  let t: TempCore;
  let f: JobFixtures;
  const clock = fixedClock('2026-03-16T08:00:00Z'); // Monday 08:00 in London

  beforeEach(async () => {
    clock.set('2026-03-16T08:00:00Z');
    visits = 0;
    sink = new SmtpSink();
    await sink.start();
    t = await tempCore({ clock, env: { CLINIC_DESK_SMTP_URL: sink.url } });
    f = new JobFixtures(t.core.dbPath).clinic();
  });
  afterEach(async () => {
    f.close();
    t.cleanup();
    await sink.stop();
  });

  it('emails each consenting patient with no booking, 7 days ahead, once per follow-up', async () => {
    const gp = f.department('General Practice');
    const doctor = f.doctor('Dr Ada <Lovelace>', gp);
    followUp(f, doctor, 'Ann Due', '2026-03-20', { email: 'ann@example.org' });
    followUp(f, doctor, 'Edge Of Window', '2026-03-23', { email: 'edge@example.org' });
    followUp(f, doctor, 'Too Early', '2026-03-24', { email: 'early@example.org' });
    followUp(f, doctor, 'Already Past', '2026-03-15', { email: 'past@example.org' });
    followUp(f, doctor, 'No Consent', '2026-03-18', { consent: false });
    followUp(f, doctor, 'No Email', '2026-03-18', { email: null });
    followUp(f, doctor, 'Gone Away', '2026-03-18', { active: false });
    const booked = followUp(f, doctor, 'Booked Elsewhere', '2026-03-18', { email: 'b@example.org' });
    const other = f.doctor('Dr Other', gp);
    f.appointment(booked, other, '2026-03-19', '10:00'); // any booking counts: no recall

    const run = await t.core.jobs.run('recalls');
    expect(run).toMatchObject({ period: '2026-03-16', status: 'succeeded' });
    expect(run.counts).toEqual({
      due: 6,
      queued: 2,
      alreadyQueued: 0,
      booked: 1,
      noEmail: 1,
      noConsent: 1,
      inactive: 1,
    });
    expect(await t.core.jobs.sendOutbox()).toEqual({ sent: 2, retrying: 0, failed: 0 });
    const mails = sink.parsed();
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['ann@example.org', 'edge@example.org']);
    const ann = mails.find((m) => m.to[0] === 'ann@example.org')?.message;
    expect(ann?.subject).toBe('Time to book your follow-up visit – Riverside Clinic');
    expect(ann?.text).toContain('Dr Ada <Lovelace> (General Practice) would like to see you again around');
    expect(ann?.html).toContain('Dr Ada &lt;Lovelace&gt;');
    expect(ann?.text).toContain('call us on 01865 000000 or reply to this email');

    // Run again the same day, and the next days: nothing is sent twice for the same follow-up.
    const before = snapshotDatabase(t.core.dbPath);
    const again = await t.core.jobs.run('recalls');
    expect(again.counts).toMatchObject({ queued: 0, alreadyQueued: 2 });
    clock.set('2026-03-17T08:00:00Z');
    const next = await t.core.jobs.run('recalls');
    expect(next.counts).toMatchObject({ queued: 1, alreadyQueued: 2 }); // Too Early is now in the window
    await t.core.jobs.sendOutbox();
    expect(sink.received.map((m) => m.to[0]).sort()).toEqual([
      'ann@example.org',
      'early@example.org',
      'edge@example.org',
    ]);
    expect(before).not.toBe(snapshotDatabase(t.core.dbPath));
  });

  it('the window is a setting, and a booked follow-up gets no recall', async () => {
    const doctor = f.doctor('Dr B', f.department('GP'));
    const p = followUp(f, doctor, 'Soon Booked', '2026-03-26', { email: 'soon@example.org' });
    const db = new Database(t.core.dbPath);
    db.prepare("INSERT INTO settings (key, value) VALUES ('recallDaysBefore', '10')").run();
    db.close();
    f.appointment(p, doctor, '2026-03-26', '10:00'); // booking with that doctor closes the follow-up
    const run = await t.core.jobs.run('recalls');
    expect(run.counts).toMatchObject({ due: 0, queued: 0 });
    followUp(f, doctor, 'Ten Days', '2026-03-26', { email: 'ten@example.org' });
    expect((await t.core.jobs.run('recalls')).counts).toMatchObject({ due: 1, queued: 1 });
  });

  it('catches up after a day the PC was off, and shows on the Jobs screen', async () => {
    const doctor = f.doctor('Dr C', f.department('GP'));
    // Due on the 24th: its window opens on the 17th, the day the PC was off.
    followUp(f, doctor, 'Missed Day', '2026-03-24', { email: 'missed@example.org' });
    expect((await t.core.jobs.checkNow()).map((r) => `${r.job} ${r.period}`)).toContain('recalls 2026-03-16');
    clock.set('2026-03-18T09:30:00Z'); // switched on again two days later
    const caughtUp = await t.core.jobs.checkNow();
    const recall = caughtUp.find((r) => r.job === 'recalls');
    expect(recall).toMatchObject({ period: '2026-03-18', status: 'succeeded' });
    expect(recall?.counts).toMatchObject({ queued: 1 });
    await t.core.jobs.sendOutbox();
    expect(sink.received.map((m) => m.to[0])).toEqual(['missed@example.org']);
    // A second check the same day runs nothing again.
    expect((await t.core.jobs.checkNow()).filter((r) => r.job === 'recalls')).toEqual([]);
    const admin = t.core.connect('test');
    await admin.call('auth/setup', {
      fullName: 'Ada Admin',
      username: 'ada',
      password: 'correct horse battery',
    });
    const overview = await admin.call('jobs/list', {});
    expect(overview.ok && overview.value.find((j) => j.job === 'recalls')).toMatchObject({
      label: 'Follow-up recalls',
      lastRun: { period: '2026-03-18', status: 'succeeded' },
    });
  });
});

const NOW = '2026-03-16T08:00:00Z';
const RECALLS = 12;
const TRIALS = 6;

/** The app on `dataDir`, sending the day's recalls; SIGKILLed `killAfterMs` after READY when given. */
const runApp = async (dataDir: string, smtpUrl: string, killAfterMs?: number) =>
  (
    await runJobApp({
      job: 'recalls',
      dataDir,
      now: NOW,
      smtpUrl,
      ...(killAfterMs === undefined ? {} : { killAfterMs }),
    })
  ).outcome;

describe('recall emails across a crash (the app SIGKILLed)', () => {
  const sink = new SmtpSink();
  const template = tempDir('clinic-desk-recall-template-');
  const work = tempDir('clinic-desk-recall-');

  beforeAll(async () => {
    await sink.start();
    const t = await tempCore({ dataDir: template });
    t.core.close();
    const f = new JobFixtures(join(template, 'clinic.db')).clinic();
    const doctor = f.doctor('Dr Once', f.department('General'));
    for (let i = 0; i < RECALLS; i++)
      followUp(f, doctor, `Patient ${i}`, '2026-03-20', { email: `p${i}@example.org` });
    f.close();
  }, 120_000);

  afterAll(async () => {
    await sink.stop();
    rmSync(template, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it(`every recall arrives, and none twice unless the kill fell mid-send (${TRIALS} kills)`, async () => {
    const random = seededRandom(Number(process.env['RECALL_SEED'] ?? 1515));
    const outcomes: string[] = [];
    for (let n = 1; n <= TRIALS; n++) {
      sink.received.length = 0;
      const dir = join(work, `trial-${n}`);
      mkdirSync(dir, { recursive: true });
      cpSync(join(template, 'clinic.db'), join(dir, 'clinic.db'));
      // Kill somewhere between start-up and well after a full run on a loaded machine.
      const first = await runApp(dir, sink.url, Math.floor(random.next() * 1500));
      const probe = new Database(join(dir, 'clinic.db'), { readonly: true });
      const state = probe
        .prepare("SELECT count(*) AS queued, coalesce(sum(status = 'sent'), 0) AS sent FROM email_outbox")
        .get() as { queued: number; sent: number };
      probe.close();
      outcomes.push(`${first}: ${state.queued} queued, ${state.sent} sent`);
      expect(await runApp(dir, sink.url)).toBe('done');
      const counts = new Map<string, number>();
      for (const mail of sink.received) counts.set(mail.to[0] ?? '', (counts.get(mail.to[0] ?? '') ?? 0) + 1);
      expect(counts.size, `trial ${n}: nothing lost`).toBe(RECALLS);
      const db = new Database(join(dir, 'clinic.db'), { readonly: true });
      // One outbox row per follow-up, ever; a second copy only for a row the crash left 'sending'.
      expect(db.prepare("SELECT count(*) AS n FROM email_outbox WHERE kind = 'recall'").get()).toEqual({
        n: RECALLS,
      });
      for (const [address, times] of counts) {
        if (times === 1) continue;
        expect(times).toBe(2);
        const row = db.prepare('SELECT attempts FROM email_outbox WHERE to_address = ?').get(address) as {
          attempts: number;
        };
        expect(row.attempts).toBeGreaterThanOrEqual(2);
      }
      db.close();
    }
    console.log(`recall crash trials: ${outcomes.join('; ')}`);
  }, 900_000);
});
