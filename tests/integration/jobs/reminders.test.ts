import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calendarFile } from '../../../src/main/core/mail/templates/ics';
import { zonedInstant } from '../../../src/main/core/time/zone';
import { JobFixtures } from '../../support/job-fixtures';
import { SmtpSink } from '../../support/smtp-sink';
import { fixedClock, snapshotDatabase, tempCore, type TempCore } from '../../support/temp-core';

const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');

describe('daily reminders', () => {
  let sink: SmtpSink;
  let t: TempCore;
  let f: JobFixtures;
  const clock = fixedClock('2026-03-16T08:00:00Z'); // 08:00 in London (GMT)

  beforeEach(async () => {
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

  it('emails each consenting patient booked today, with HTML, text and an .ics, exactly once', async () => {
    const cardio = f.department('Cardiology & <Heart>');
    const doctor = f.doctor('Dr Ada <i>Lovelace</i>', cardio);
    const ann = f.patient('<b>Ann & "Bo"</b>', { email: 'ann@example.org' });
    const noConsent = f.patient('No Consent', { consent: false });
    const inactive = f.patient('Gone Away', { active: false });
    const noEmail = f.patient('No Email', { email: null });
    const due = f.appointment(ann, doctor, '2026-03-16', '10:30');
    f.appointment(noConsent, doctor, '2026-03-16', '11:00');
    f.appointment(inactive, doctor, '2026-03-16', '11:20');
    f.appointment(noEmail, doctor, '2026-03-16', '11:40');
    f.appointment(ann, doctor, '2026-03-16', '12:00', 'cancelled');
    f.appointment(ann, doctor, '2026-03-17', '10:30');

    const run = await t.core.jobs.run('reminders');
    expect(run).toMatchObject({ period: '2026-03-16', status: 'succeeded' });
    expect(run.counts).toEqual({
      due: 4,
      queued: 1,
      alreadyQueued: 0,
      noEmail: 1,
      noConsent: 1,
      inactive: 1,
    });
    expect(await t.core.jobs.sendOutbox()).toEqual({ sent: 1, retrying: 0, failed: 0 });

    const [mail, ...others] = sink.parsed();
    expect(others).toEqual([]);
    expect(mail!.to).toEqual(['ann@example.org']);
    const m = mail!.message;
    expect(m.subject).toBe('Reminder: your appointment today at 10:30 – Riverside Clinic');
    expect(m.headers.get('message-id')).toBe('<outbox-1@localhost>');
    expect(m.html).toContain('Dear &lt;b&gt;Ann &amp; &quot;Bo&quot;&lt;/b&gt;,');
    expect(m.html).toContain('<tr><th>Doctor</th><td>Dr Ada &lt;i&gt;Lovelace&lt;/i&gt;</td></tr>');
    expect(m.html).toContain('<tr><th>Department</th><td>Cardiology &amp; &lt;Heart&gt;</td></tr>');
    expect(m.html).toContain('Monday 16 March 2026 at 10:30');
    expect(m.html).toContain('1 River Road, Oxford OX1 1AA');
    expect(m.html).not.toMatch(/<b>Ann|<i>Lovelace|<Heart>/);
    expect(m.text).toBe(
      crlf(`Riverside Clinic

Dear <b>Ann & "Bo"</b>,

This is a reminder of your appointment today.

When:       Monday 16 March 2026 at 10:30
Doctor:     Dr Ada <i>Lovelace</i>
Department: Cardiology & <Heart>

If you cannot come, please call us so that someone else can have the time.

Riverside Clinic
1 River Road, Oxford OX1 1AA
Phone 01865 000000

Times are local clinic time (Europe/London).
`),
    );
    const start = zonedInstant('2026-03-16', 630, 'Europe/London');
    expect(m.attachments).toHaveLength(1);
    expect(m.attachments[0]!.filename).toBe('appointment.ics');
    expect(m.attachments[0]!.contentType).toBe('text/calendar');
    expect(
      m.attachments[0]!.content.equals(
        Buffer.from(
          calendarFile({
            uid: `appointment-${due}@clinic-desk`,
            stamp: clock.now().getTime(),
            start,
            end: start + 20 * 60_000,
            summary: 'Appointment with Dr Ada <i>Lovelace</i> (Cardiology & <Heart>)',
            description: 'Riverside Clinic\nDr Ada <i>Lovelace</i>, Cardiology & <Heart>',
            location: 'Riverside Clinic, 1 River Road, Oxford OX1 1AA',
          }),
        ),
      ),
    ).toBe(true);
    const ics = m.attachments[0]!.content.toString('utf8');
    expect(ics).toContain('\r\nDTSTART:20260316T103000Z\r\n');
    expect(ics).toContain('\r\nLOCATION:Riverside Clinic\\, 1 River Road\\, Oxford OX1 1AA\r\n');

    // Running the same day again queues and sends nothing more.
    const before = snapshotDatabase(t.core.dbPath);
    const again = await t.core.jobs.run('reminders');
    expect(again.counts).toMatchObject({ queued: 0, alreadyQueued: 1 });
    expect(await t.core.jobs.sendOutbox()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(sink.received).toHaveLength(1);
    expect(JSON.parse(snapshotDatabase(t.core.dbPath)).email_outbox).toEqual(JSON.parse(before).email_outbox);
  });

  it('uses the clinic day across the spring DST change (appointment at 00:30 local on 29 March)', async () => {
    clock.set('2026-03-29T07:00:00Z'); // 08:00 BST
    const dep = f.department('General');
    const doctor = f.doctor('Dr Who', dep);
    const p = f.patient('Early Bird', { email: 'early@example.org' });
    f.appointment(p, doctor, '2026-03-29', '00:30'); // still GMT: 00:30Z
    f.appointment(p, doctor, '2026-03-29', '23:30'); // BST: 22:30Z
    f.appointment(p, doctor, '2026-03-30', '00:10'); // BST: 23:10Z on the 29th in UTC, but the 30th locally
    // A fresh install also catches up the latest monthly report (February), which has no activity.
    const run = await t.core.jobs.checkNow();
    expect(run.map((r) => [r.job, r.period])).toEqual([
      ['reminders', '2026-03-29'],
      ['recalls', '2026-03-29'],
      ['monthly-report', '2026-02'],
    ]);
    expect(run[0]!.counts).toMatchObject({ due: 2, queued: 2 });
    await t.core.jobs.sendOutbox();
    // Sent through the relay's window, so in any order: each of the day's two, once.
    expect(
      sink
        .parsed()
        .map((m) => m.message.subject)
        .sort(),
    ).toEqual([
      'Reminder: your appointment today at 00:30 – Riverside Clinic',
      'Reminder: your appointment today at 23:30 – Riverside Clinic',
    ]);
    // The catch-up check later that day runs nothing again.
    clock.set('2026-03-29T20:00:00Z');
    expect(await t.core.jobs.checkNow()).toEqual([]);
  });
});
