import type { AddressInfo } from 'node:net';
import type { SMTPServer as SmtpServerClass } from 'smtp-server';
import { createCore } from '../../src/main/core';
import { openSqlite } from '../../src/main/core/db/open';
import { silentLogger } from '../../src/main/core/logger';
import { zonedInstant } from '../../src/main/core/time/zone';
import { round } from '../measure';
import { ratioOf, unavailable, type BenchContext, type BenchRow } from '../types';

export const REMINDERS = 1000;

export interface LocalSmtp {
  host: string;
  port: number;
  received: () => number;
  close: () => Promise<void>;
}

/** A local SMTP server (the smtp-server package) that accepts and counts every message. */
export async function startLocalSmtp(): Promise<LocalSmtp | null> {
  let SMTPServer: typeof SmtpServerClass;
  try {
    ({ SMTPServer } = await import('smtp-server'));
  } catch {
    return null;
  }
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        count += 1;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    received: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A far-future clinic day the generated data never reaches, holding only the bench's bookings. */
const REMINDER_DAY = '2099-03-02';

/**
 * Puts REMINDERS booked appointments on REMINDER_DAY for active patients who have an email
 * address and agreed to reminders (straight into the working copy: the row measures reminders,
 * not booking), spread over the doctors in 10-minute steps so no two collide.
 */
function bookReminderDay(ctx: BenchContext, timeZone: string): void {
  const sqlite = openSqlite(ctx.dbPath);
  try {
    const patients = sqlite
      .prepare<[number], { id: number }>(
        `SELECT id FROM patients WHERE active = 1 AND email IS NOT NULL AND email_reminders = 1
         ORDER BY id LIMIT ?`,
      )
      .all(REMINDERS);
    const doctors = sqlite.prepare<[], { id: number }>('SELECT id FROM doctors ORDER BY id').all();
    if (patients.length < REMINDERS || doctors.length === 0)
      throw new Error('the large clinic has too few patients with reminders');
    const insert = sqlite.prepare(
      `INSERT INTO appointments (patient_id, doctor_id, starts_at, ends_at, status, reason, created_by)
       VALUES (?, ?, ?, ?, 'booked', 'Bench reminder', NULL)`,
    );
    sqlite.transaction(() => {
      patients.forEach((patient, i) => {
        const doctor = doctors[i % doctors.length]!;
        const minute = 8 * 60 + Math.floor(i / doctors.length) * 10;
        const startsAt = zonedInstant(REMINDER_DAY, minute, timeZone);
        insert.run(patient.id, doctor.id, startsAt, startsAt + 10 * 60_000);
      });
    })();
  } finally {
    sqlite.close();
  }
}

/**
 * Ours: the reminder job for a day holding REMINDERS booked appointments (render each email and
 * its calendar file, queue them in the outbox with the audit row), then the outbox relay delivering
 * them to the local server with the app's own mailer, timed until the server has every message.
 * A second core on the same working copy, configured through CLINIC_DESK_SMTP_URL as a clinic would.
 */
export async function measureReminders(ctx: BenchContext, smtp: LocalSmtp): Promise<number | null> {
  const options = await ctx.core.connectAs('admin', 'test').call('appointments/options', {});
  if (!options.ok) throw new Error(options.error.message);
  bookReminderDay(ctx, options.value.timeZone);
  const core = await createCore({
    dataDir: ctx.dataDir,
    logger: silentLogger,
    clock: ctx.clock,
    env: { CLINIC_DESK_SMTP_URL: `smtp://${smtp.host}:${smtp.port}` },
  });
  try {
    // Mail the rows before queued (the booking row's 2,000 confirmations) goes out first, untimed:
    // otherwise the relay sends it inside this row's time and the server counts it as reminders.
    while ((await core.jobs.sendOutbox()).sent > 0);
    const before = smtp.received();
    const started = process.hrtime.bigint();
    const run = await core.jobs.run('reminders', REMINDER_DAY);
    if (run.status !== 'succeeded') throw new Error(run.error ?? 'the reminder job failed');
    while (smtp.received() - before < REMINDERS) {
      const sent = await core.jobs.sendOutbox();
      if (smtp.received() - before < REMINDERS && sent.sent === 0)
        throw new Error(`the relay stopped after ${smtp.received() - before} messages`);
    }
    return Number(process.hrtime.bigint() - started) / 1e6;
  } finally {
    core.close();
  }
}

/** Reference: a bare pooled nodemailer transport sending the same number of messages. */
async function barePooledLoop(smtp: LocalSmtp): Promise<number> {
  const nodemailer = await import('nodemailer');
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 5,
    host: smtp.host,
    port: smtp.port,
    secure: false,
    ignoreTLS: true,
  });
  const before = smtp.received();
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: REMINDERS }, (_, i) =>
      transport.sendMail({
        from: 'Riverside Family Clinic <clinic@clinic.example>',
        to: `patient${i}@mail.example`,
        subject: 'Reminder: your appointment tomorrow at 09:20',
        text: `Dear patient,\n\nThis is a reminder of your appointment tomorrow at 09:20 with Dr Example.\n`,
        html: `<p>Dear patient,</p><p>This is a reminder of your appointment tomorrow at 09:20 with Dr Example.</p>`,
      }),
    ),
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  transport.close();
  if (smtp.received() - before !== REMINDERS)
    throw new Error('the local SMTP server did not receive every message');
  return ms;
}

export const reminders: BenchRow = {
  id: 'reminders-1000',
  title: 'Reminders for 1,000 appointments to a local SMTP server',
  target: 'ratio ≤ 1.3',
  async run(ctx) {
    const smtp = await startLocalSmtp();
    if (!smtp) return unavailable('ms', null, 'the smtp-server package could not be loaded');
    try {
      const reference = round(await barePooledLoop(smtp), 0);
      const ours = await measureReminders(ctx, smtp);
      if (ours === null) return unavailable('ms', reference, 'no reminder job yet');
      const ratio = ratioOf(ours, reference);
      return {
        ours: round(ours, 0),
        reference,
        ratio: ratio === null ? null : round(ratio, 2),
        unit: 'ms',
        met: ratio !== null && ratio <= 1.3,
      };
    } finally {
      await smtp.close();
    }
  },
};
