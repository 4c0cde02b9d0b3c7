import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../../src/main/core/api';
import { bookingEmail } from '../../../src/main/core/mail/templates/booking';
import { bodyOf, type OutboxRow } from '../../../src/main/core/outbox/outbox';
import { CLINIC_NOW, expectRefused, freeSlotsOf, registerPatient, value } from '../../support/clinic';
import { SmtpSink } from '../../support/smtp-sink';
import { fixedClock, tempCore, type TempCore } from '../../support/temp-core';

const FERNANDEZ = 1;
const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');

describe('booking confirmations through the outbox', () => {
  let sink: SmtpSink;
  let t: TempCore;
  let desk: Connection;
  const clock = fixedClock(CLINIC_NOW);

  beforeAll(async () => {
    sink = new SmtpSink();
    await sink.start();
    t = await tempCore({ demo: true, clock, env: { CLINIC_DESK_SMTP_URL: sink.url } });
    desk = t.core.connectAs('reception', 'test');
  });
  afterAll(async () => {
    t.cleanup();
    await sink.stop();
  });

  const outbox = (): OutboxRow[] => {
    const db = new Database(t.core.dbPath, { readonly: true });
    try {
      return db
        .prepare('SELECT * FROM email_outbox WHERE kind LIKE ? ORDER BY id')
        .all('booking-%') as OutboxRow[];
    } finally {
      db.close();
    }
  };
  const updatedAt = (id: number): number => {
    const db = new Database(t.core.dbPath, { readonly: true });
    try {
      return (
        db.prepare('SELECT updated_at FROM appointments WHERE id = ?').get(id) as { updated_at: number }
      ).updated_at;
    } finally {
      db.close();
    }
  };

  it('queues an escaped HTML + text confirmation for booked, moved and cancelled, each once', async () => {
    const ann = await registerPatient(desk, {
      fullName: '<img src=x onerror=alert(1)> Ann & "Bo"',
      phone: '+44 7700 300001',
      email: 'ann@example.org',
      emailReminders: true,
    });
    const [first, second] = await freeSlotsOf(desk, FERNANDEZ, '2026-03-12');
    const booked = await value(desk, 'appointments/book', {
      patientId: ann.id,
      doctorId: FERNANDEZ,
      startsAt: first!.startsAt,
      reason: '<script>x()</script>',
    });
    let rows = outbox();
    expect(rows.map((r) => [r.kind, r.dedupe_key, r.to_address, r.status])).toEqual([
      ['booking-booked', `booking:${booked.id}:booked:${updatedAt(booked.id)}`, 'ann@example.org', 'queued'],
    ]);
    // Stored as its facts (a few hundred bytes), rendered when sent: the same email as before.
    expect(rows[0]!.html).toBe('');
    expect(rows[0]!.facts!.length).toBeLessThan(500);
    const html = bodyOf(rows[0]!).html;
    expect(html).toContain('Dear &lt;img src=x onerror=alert(1)&gt; Ann &amp; &quot;Bo&quot;,');
    expect(html).not.toMatch(/<img|<script/);
    expect(rows[0]!.subject).toBe(
      `Your appointment is booked: Thursday 12 March 2026 at ${first!.time} – Riverside Family Clinic`,
    );
    expect(bodyOf(rows[0]!).text).toContain('Dear <img src=x onerror=alert(1)> Ann & "Bo",');

    clock.advance(60_000);
    await value(desk, 'appointments/reschedule', { id: booked.id, startsAt: second!.startsAt });
    clock.advance(60_000);
    await value(desk, 'appointments/cancel', { id: booked.id, reason: 'Patient asked' });
    rows = outbox();
    expect(rows.map((r) => r.kind)).toEqual(['booking-booked', 'booking-rescheduled', 'booking-cancelled']);
    expect(bodyOf(rows[1]!).html).toContain(`<tr><th>Was</th><td>Thursday 12 March 2026 at ${first!.time}`);
    expect(bodyOf(rows[1]!).text).toContain(`When:       Thursday 12 March 2026 at ${second!.time}`);
    expect(rows[2]!.dedupe_key).toBe(`booking:${booked.id}:cancelled:${updatedAt(booked.id)}`);

    // The relay delivers them as multipart HTML + text, still escaped on the wire.
    expect(await t.core.jobs.sendOutbox()).toMatchObject({ sent: 3, failed: 0 });
    const sent = sink.parsed().map((m) => m.message);
    // The relay sends a window of messages at once, so they may arrive in any order: each once.
    expect(sent.map((m) => m.subject).sort()).toEqual(rows.map((r) => r.subject).sort());
    for (const m of sent) {
      expect(m.html).not.toMatch(/<img|<script/);
      expect(m.text).toContain(crlf('Dear <img src=x onerror=alert(1)> Ann & "Bo",'));
    }
  });

  it('renders from the stored facts the very email the booking rendered before, and sends it', async () => {
    const admin = t.core.connectAs('admin', 'test');
    const settings = await value(admin, 'settings/get', {});
    const cy = await registerPatient(desk, {
      fullName: 'Cy <b>Dahl</b>',
      phone: '+44 7700 300005',
      email: 'cy@example.org',
      emailReminders: true,
    });
    const [first, second] = await freeSlotsOf(desk, FERNANDEZ, '2026-03-17');
    const booked = await value(desk, 'appointments/book', {
      patientId: cy.id,
      doctorId: FERNANDEZ,
      startsAt: first!.startsAt,
    });
    clock.advance(60_000);
    const moved = await value(desk, 'appointments/reschedule', { id: booked.id, startsAt: second!.startsAt });
    const rows = outbox().filter((r) => r.to_address === 'cy@example.org');
    // What the booking and the move rendered inside their transactions before 0008.
    const letter = {
      clinicName: settings.clinicName,
      clinicAddress: settings.clinicAddress,
      clinicPhone: settings.clinicPhone,
      patientName: booked.patientName,
      doctorName: booked.doctorName,
      department: booked.departmentName,
      timeZone: settings.timeZone,
    };
    const before = [
      bookingEmail({ ...letter, event: 'booked', date: booked.date, time: booked.time }),
      bookingEmail({
        ...letter,
        event: 'rescheduled',
        date: moved.date,
        time: moved.time,
        previous: { date: booked.date, time: booked.time, doctorName: booked.doctorName },
      }),
    ];
    expect(rows.map((r) => ({ subject: r.subject, ...bodyOf(r) }))).toEqual(before);

    expect(await t.core.jobs.sendOutbox()).toMatchObject({ failed: 0 });
    const sent = sink.parsed().filter((m) => m.to.includes('cy@example.org'));
    expect(sent.map((m) => m.message.subject).sort()).toEqual(before.map((e) => e.subject).sort());
    const onWire = sent.find((m) => m.message.subject === before[0]!.subject)!.message;
    // Byte for byte, but for the wire's CRLF line ends.
    expect(crlf(onWire.html)).toBe(crlf(before[0]!.html));
    expect(crlf(onWire.text ?? '').trimEnd()).toBe(crlf(before[0]!.text).trimEnd());
  });

  it('still sends a confirmation stored rendered before migration 0008 (no facts)', async () => {
    const db = new Database(t.core.dbPath);
    try {
      db.prepare(
        `INSERT INTO email_outbox (dedupe_key, kind, to_address, subject, html, text, status, attempts, next_attempt_at)
         VALUES ('booking:999999:booked:1', 'booking-booked', 'old@example.org', 'Old subject',
                 '<p>Old body, rendered when queued</p>', 'Old body, rendered when queued', 'queued', 0, 0)`,
      ).run();
    } finally {
      db.close();
    }
    expect(await t.core.jobs.sendOutbox()).toMatchObject({ failed: 0 });
    const old = sink.parsed().find((m) => m.to.includes('old@example.org'));
    expect(old?.message.subject).toBe('Old subject');
    expect(old?.message.html).toBe('<p>Old body, rendered when queued</p>');
    expect(old?.message.text).toContain('Old body, rendered when queued');
    expect(outbox().find((r) => r.to_address === 'old@example.org')?.status).toBe('sent');
  });

  it('queues nothing for patients without consent or without an email address', async () => {
    const before = outbox().length;
    const noConsent = await registerPatient(desk, {
      fullName: 'No Consent',
      phone: '+44 7700 300002',
      email: 'nc@example.org',
      emailReminders: false,
    });
    const noEmail = await registerPatient(desk, { fullName: 'No Email', phone: '+44 7700 300003' });
    const slots = await freeSlotsOf(desk, FERNANDEZ, '2026-03-13');
    await value(desk, 'appointments/book', {
      patientId: noConsent.id,
      doctorId: FERNANDEZ,
      startsAt: slots[0]!.startsAt,
    });
    await value(desk, 'appointments/book', {
      patientId: noEmail.id,
      doctorId: FERNANDEZ,
      startsAt: slots[1]!.startsAt,
    });
    expect(outbox()).toHaveLength(before);
  });

  it('a refused booking queues no email (the outbox row shares the booking transaction)', async () => {
    const bo = await registerPatient(desk, {
      fullName: 'Refused Bo',
      phone: '+44 7700 300004',
      email: 'bo@example.org',
      emailReminders: true,
    });
    const [slot] = await freeSlotsOf(desk, FERNANDEZ, '2026-03-16');
    await value(desk, 'appointments/book', {
      patientId: bo.id,
      doctorId: FERNANDEZ,
      startsAt: slot!.startsAt,
    });
    const count = outbox().length;
    // The same slot again: refused as a conflict, and neither appointment nor email is written.
    await expectRefused(
      t.core.dbPath,
      desk,
      'appointments/book',
      { patientId: bo.id, doctorId: FERNANDEZ, startsAt: slot!.startsAt },
      'conflict',
    );
    expect(outbox()).toHaveLength(count);
  });
});
