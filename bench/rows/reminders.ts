import type { AddressInfo } from 'node:net';
import type { SMTPServer as SmtpServerClass } from 'smtp-server';
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

/**
 * OURS — fill in at merge (one function): queue reminders for REMINDERS appointments of tomorrow
 * through the reminder job, relay the outbox to `smtp` with the app's mailer, and answer the
 * milliseconds until `smtp.received()` reaches REMINDERS. Answer null while there is no job.
 */
// eslint-disable-next-line @typescript-eslint/require-await
export async function measureReminders(_ctx: BenchContext, _smtp: LocalSmtp): Promise<number | null> {
  return null;
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
