import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../../src/main/core/api';
import { expectRefused, value } from '../../support/clinic';
import { auditRows, readRows } from '../../support/db-read';
import { JobFixtures } from '../../support/job-fixtures';
import { SmtpSink } from '../../support/smtp-sink';
import { fixedClock, tempCore, type TempCore } from '../../support/temp-core';

/**
 * Issue 9, item 1: the front desk could mail a patient's diagnoses anywhere by changing the
 * patient's email and starting a history export. Now it can only request one; a doctor of the
 * patient or the administrator approves it, seeing (and confirming) an address changed in the
 * last 24 hours, and the file goes only to the address on file.
 */
describe('history export requests (front desk asks, doctor or administrator approves)', () => {
  const ATTACKER = 'attacker@evil.example';
  const ON_FILE = 'pat@example.org';
  const DIAGNOSIS = 'Secret diagnosis 4471';
  let sink: SmtpSink;
  let t: TempCore;
  let clock: ReturnType<typeof fixedClock>;
  let f: JobFixtures;
  let patient: number;
  let stranger: number;
  let desk: Connection;
  let doctor: Connection;
  let otherDoctor: Connection;
  let admin: Connection;

  const exportFiles = () => {
    const folder = join(t.dataDir, 'exports');
    return existsSync(folder) ? readdirSync(folder) : [];
  };
  const outboxRows = () =>
    readRows<{ to_address: string; kind: string }>(
      t.core.dbPath,
      'SELECT to_address, kind FROM email_outbox',
    );
  const setEmail = async (connection: Connection, patientId: number, email: string) => {
    const current = await value(connection, 'patients/get', { id: patientId });
    return value(connection, 'patients/update', {
      id: patientId,
      fullName: current.fullName,
      dateOfBirth: current.dateOfBirth,
      sex: current.sex,
      email,
    });
  };
  const listed = async (connection: Connection) => value(connection, 'exports/list', {});

  beforeEach(async () => {
    sink = new SmtpSink();
    await sink.start();
    clock = fixedClock('2026-03-16T10:00:00Z');
    t = await tempCore({ demo: 'without-visits', clock, env: { CLINIC_DESK_SMTP_URL: sink.url } });
    f = new JobFixtures(t.core.dbPath);
    const [fernandez] = readRows<{ doctor_id: number }>(
      t.core.dbPath,
      "SELECT doctor_id FROM staff_users WHERE username = 'dr.fernandez'",
    );
    const [other] = readRows<{ username: string; doctor_id: number }>(
      t.core.dbPath,
      "SELECT username, doctor_id FROM staff_users WHERE role = 'doctor' AND username <> 'dr.fernandez' LIMIT 1",
    );
    patient = f.patient('Pat Example', { email: ON_FILE, number: 'X000001' });
    const visit = f.appointment(patient, fernandez!.doctor_id, '2026-01-10', '09:00', 'completed');
    f.treatment(visit, { diagnosis: DIAGNOSIS, notes: 'Rest', prescription: 'Tea' });
    stranger = f.patient('Sam Stranger', { email: 'sam@example.org', number: 'X000002' });
    f.appointment(stranger, other!.doctor_id, '2026-01-11', '09:00', 'completed');
    desk = t.core.connectAs('reception', 'test');
    doctor = t.core.connectAs('dr.fernandez', 'test');
    otherDoctor = t.core.connectAs(other!.username, 'test');
    admin = t.core.connectAs('admin', 'test');
  });
  afterEach(async () => {
    f.close();
    t.cleanup();
    await sink.stop();
  });

  it('the attack: the front desk changes the email, then exports; nothing is written or sent', async () => {
    await setEmail(desk, patient, ATTACKER);
    // Before: the CSV with the diagnosis was written and mailed to the new address.
    await expectRefused(t.core.dbPath, desk, 'exports/startHistory', { patientId: patient }, 'forbidden');
    await expectRefused(
      t.core.dbPath,
      desk,
      'exports/startHistory',
      { patientId: patient, confirmRecentEmailChange: true },
      'forbidden',
    );
    expect(exportFiles()).toEqual([]);
    expect(outboxRows()).toEqual([]);
    expect(await t.core.jobs.sendOutbox()).toMatchObject({ sent: 0 });
    expect(sink.received).toEqual([]);
  });

  it('a request writes and sends nothing until approved; approval must confirm an address changed today', async () => {
    await setEmail(desk, patient, ATTACKER);
    const { exportId } = await value(desk, 'exports/requestHistory', { patientId: patient });
    expect(exportFiles()).toEqual([]);
    expect(outboxRows()).toEqual([]);
    expect(await listed(desk)).toEqual([
      expect.objectContaining({
        id: exportId,
        status: 'requested',
        filePath: null,
        requestedByName: expect.any(String),
      }),
    ]);

    // The doctor sees the request, the address it would go to, and that it changed today.
    const [waiting] = await listed(doctor);
    expect(waiting).toMatchObject({
      id: exportId,
      status: 'requested',
      emailTo: ATTACKER,
      emailChangedAt: '2026-03-16T10:00:00.000Z',
    });
    // Approving without saying so is refused with a sentence, and changes nothing.
    await expectRefused(
      t.core.dbPath,
      doctor,
      'exports/approve',
      { id: exportId },
      'conflict',
      /changed less than 24 hours ago .*confirm/,
    );
    expect(exportFiles()).toEqual([]);

    // The doctor phones the patient, who confirms the new address: approved with the confirmation.
    await value(doctor, 'exports/approve', { id: exportId, confirmRecentEmailChange: true });
    const done = await t.core.jobs.waitExport(exportId);
    expect(done).toMatchObject({ status: 'done', rows: 1, emailTo: ATTACKER, emailChangeConfirmed: true });
    expect(await t.core.jobs.sendOutbox()).toMatchObject({ sent: 1 });
    expect(sink.parsed().map((m) => m.to)).toEqual([[ATTACKER]]);

    const audit = auditRows(t.core.dbPath).filter((r) => r.entity === 'exports');
    expect(audit.map((r) => [r.action, r.username])).toEqual([
      ['exports.request', 'reception'],
      ['exports.approve', 'dr.fernandez'],
      ['exports.finished', 'system'],
      ['exports.send', 'system'],
    ]);
    expect(audit[1]!.summary).toMatch(/changed in the last 24 hours: confirmed/);
    for (const row of audit) {
      expect(row.entity_id).toBe(String(exportId));
      expect(row.summary).not.toMatch(/Pat Example|X000001|example|Secret|@/);
    }
  });

  it('sends the approved CSV only to the address on file, over real SMTP; the front desk sees status, never the file', async () => {
    await setEmail(desk, patient, ON_FILE); // saving the record with the same address is not a change
    const { exportId } = await value(desk, 'exports/requestHistory', { patientId: patient });
    await value(doctor, 'exports/approve', { id: exportId });
    const done = await t.core.jobs.waitExport(exportId);
    expect(done).toMatchObject({ status: 'done', emailTo: ON_FILE, emailChangeConfirmed: false });
    expect(await t.core.jobs.sendOutbox()).toMatchObject({ sent: 1 });
    const [mail] = sink.parsed();
    expect(mail!.to).toEqual([ON_FILE]);
    const csv = mail!.message.attachments[0]!.content.toString('utf8');
    expect(csv).toContain(DIAGNOSIS);
    expect(readFileSync(done.filePath!, 'utf8')).toBe(csv);

    const [deskView] = await listed(desk);
    expect(deskView).toMatchObject({ id: exportId, status: 'done', filePath: null, fileName: null });
    expect(JSON.stringify(await listed(desk))).not.toContain(DIAGNOSIS);
    await expectRefused(t.core.dbPath, desk, 'exports/reveal', { id: exportId }, 'forbidden');
    await expectRefused(t.core.dbPath, desk, 'exports/resend', { id: exportId }, 'forbidden');
    await expectRefused(t.core.dbPath, desk, 'exports/retry', { id: exportId }, 'forbidden');
    await expectRefused(t.core.dbPath, desk, 'exports/approve', { id: exportId }, 'forbidden');

    // A later address change by the front desk does not redirect a resend to the new address.
    await setEmail(desk, patient, ATTACKER);
    await expectRefused(t.core.dbPath, doctor, 'exports/resend', { id: exportId }, 'conflict', /has changed/);
    expect(await t.core.jobs.sendOutbox()).toMatchObject({ sent: 0 });
    expect(sink.received).toHaveLength(1);
  });

  it('a refusal needs a reason, writes nothing, and ends the request', async () => {
    const { exportId } = await value(desk, 'exports/requestHistory', { patientId: patient });
    await expectRefused(
      t.core.dbPath,
      doctor,
      'exports/refuse',
      { id: exportId, reason: ' ' },
      'invalid_input',
    );
    const refused = await value(doctor, 'exports/refuse', {
      id: exportId,
      reason: 'Ask the patient to come in.',
    });
    expect(refused).toMatchObject({
      status: 'refused',
      refusalReason: 'Ask the patient to come in.',
      filePath: null,
    });
    await expectRefused(
      t.core.dbPath,
      admin,
      'exports/approve',
      { id: exportId },
      'conflict',
      /already been refused/,
    );
    expect(exportFiles()).toEqual([]);
    expect(outboxRows()).toEqual([]);
    expect((await listed(desk))[0]).toMatchObject({
      status: 'refused',
      refusalReason: 'Ask the patient to come in.',
    });
    expect(
      auditRows(t.core.dbPath)
        .filter((r) => r.entity === 'exports')
        .map((r) => r.action),
    ).toEqual(['exports.request', 'exports.refuse']);
  });

  it('a doctor decides only requests about their own patients; the administrator decides any', async () => {
    const { exportId } = await value(desk, 'exports/requestHistory', { patientId: stranger });
    expect((await listed(doctor)).map((e) => e.id)).not.toContain(exportId);
    await expectRefused(t.core.dbPath, doctor, 'exports/approve', { id: exportId }, 'not_found');
    await expectRefused(t.core.dbPath, doctor, 'exports/refuse', { id: exportId, reason: 'No' }, 'not_found');
    expect((await listed(otherDoctor)).map((e) => e.id)).toContain(exportId);
    await value(admin, 'exports/approve', { id: exportId });
    expect(await t.core.jobs.waitExport(exportId)).toMatchObject({
      status: 'done',
      decidedByName: expect.any(String),
    });
  });

  it('the administrator exports a history directly; doctors and the administrator confirm an address changed in the last 24 hours', async () => {
    await setEmail(desk, patient, 'new@example.org');
    for (const who of [doctor, admin]) {
      await expectRefused(
        t.core.dbPath,
        who,
        'exports/startHistory',
        { patientId: patient },
        'conflict',
        /changed less than 24 hours ago/,
      );
    }
    const confirmed = await value(admin, 'exports/startHistory', {
      patientId: patient,
      confirmRecentEmailChange: true,
    });
    expect(await t.core.jobs.waitExport(confirmed.exportId)).toMatchObject({
      status: 'done',
      emailTo: 'new@example.org',
      emailChangeConfirmed: true,
    });
    // A day later the address is simply the one on file.
    clock.advance(24 * 60 * 60_000);
    doctor = t.core.connectAs('dr.fernandez', 'test'); // the idle lock ended yesterday's session
    const later = await value(doctor, 'exports/startHistory', { patientId: patient });
    expect(await t.core.jobs.waitExport(later.exportId)).toMatchObject({
      status: 'done',
      emailChangeConfirmed: false,
    });
    expect(await t.core.jobs.sendOutbox()).toMatchObject({ sent: 2 });
    expect(sink.parsed().map((m) => m.to)).toEqual([['new@example.org'], ['new@example.org']]);
  });

  it('each role lists and reveals only the exports it may see', async () => {
    const range = await value(admin, 'exports/startRange', { from: '2026-01-01', to: '2026-01-31' });
    const own = await value(doctor, 'exports/startHistory', { patientId: patient });
    const request = await value(desk, 'exports/requestHistory', { patientId: stranger });
    await t.core.jobs.waitExport(range.exportId);
    await t.core.jobs.waitExport(own.exportId);

    expect((await listed(admin)).map((e) => e.id)).toEqual([request.exportId, own.exportId, range.exportId]);
    expect((await listed(desk)).map((e) => e.id)).toEqual([request.exportId]);
    expect((await listed(doctor)).map((e) => e.id)).toEqual([own.exportId]);
    expect((await listed(otherDoctor)).map((e) => e.id)).toEqual([request.exportId]);

    expect(await value(admin, 'exports/reveal', { id: range.exportId })).toMatchObject({ shown: false });
    expect(await value(doctor, 'exports/reveal', { id: own.exportId })).toMatchObject({ shown: false });
    await expectRefused(t.core.dbPath, desk, 'exports/reveal', { id: range.exportId }, 'forbidden');
    await expectRefused(t.core.dbPath, doctor, 'exports/reveal', { id: range.exportId }, 'not_found');
    await expectRefused(t.core.dbPath, otherDoctor, 'exports/reveal', { id: own.exportId }, 'not_found');
    await expectRefused(t.core.dbPath, otherDoctor, 'exports/resend', { id: own.exportId }, 'not_found');
  });
});
