import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXPORT_EMAILS_WHERE } from '../../../src/main/core/exports/service';
import type { JobProgress } from '../../../src/shared/dto/jobs';
import { JobFixtures } from '../../support/job-fixtures';
import { SmtpSink } from '../../support/smtp-sink';
import { fixedClock, snapshotDatabase, tempCore, type TempCore } from '../../support/temp-core';

const HEADER =
  'patient_number,patient_name,appointment_date,appointment_time,doctor,department,status,diagnosis,treatment_notes,prescription,next_visit';

describe('patient history export (real worker thread)', () => {
  let sink: SmtpSink;
  let t: TempCore;
  let f: JobFixtures;
  let patient: number;
  let doctor: number;

  beforeEach(async () => {
    sink = new SmtpSink();
    await sink.start();
    t = await tempCore({
      demo: 'without-visits',
      clock: fixedClock('2026-03-16T10:00:00Z'),
      env: { CLINIC_DESK_SMTP_URL: sink.url },
    });
    f = new JobFixtures(t.core.dbPath);
    const dep = f.department('Skin Clinic');
    doctor = f.doctor('Dr Skin, "Jr"', dep);
    patient = f.patient('=HYPERLINK("evil")', { email: 'pat@example.org', number: 'X000001' });
    const a1 = f.appointment(patient, doctor, '2026-01-10', '09:00', 'completed');
    f.treatment(a1, {
      diagnosis: '+cmd|calc',
      notes: '=SUM(A1:A9)\nline two\r\nline "three"',
      prescription: '-2 tablets',
      nextVisit: '2026-02-01',
    });
    const a2 = f.appointment(patient, doctor, '2026-07-01', '14:15', 'booked'); // BST
    f.treatment(a2, { diagnosis: '@risk', notes: '\tTabbed' });
    f.appointment(patient, doctor, '2026-02-01', '08:00', 'no_show');
    const other = f.patient('Someone Else');
    f.appointment(other, doctor, '2026-01-11', '09:00', 'completed');
  });
  afterEach(async () => {
    f.close();
    t.cleanup();
    await sink.stop();
  });

  it('returns an id at once, writes a neutralised RFC 4180 CSV with BOM, and emails it to the patient', async () => {
    const admin = t.core.connectAs('admin', 'test');
    const progress: JobProgress[] = [];
    const finished: unknown[] = [];
    admin.onEvent((event, payload) => {
      if (event === 'jobs/progress') progress.push(payload as JobProgress);
      if (event === 'jobs/finished') finished.push(payload);
    });
    const started = await admin.call('exports/startHistory', { patientId: patient });
    expect(started.ok).toBe(true);
    const exportId = started.ok ? started.value.exportId : 0;

    const item = await t.core.jobs.waitExport(exportId);
    // When and to whom: queued at the fixed clock's instant, Resend possible (issue 11, defect 6).
    expect(item).toMatchObject({
      status: 'done',
      rows: 3,
      patientNumber: 'X000001',
      emailStatus: 'queued',
      emailTo: 'pat@example.org',
      emailAt: '2026-03-16T10:00:00.000Z',
      emailNote: null,
      cannotResend: null,
    });
    expect(progress.at(-1)).toEqual({ kind: 'export', exportId, rows: 3 });
    expect(finished).toEqual([
      {
        kind: 'export',
        ok: true,
        exportId,
        title: 'Export finished',
        message: `Export #${exportId} is ready: 3 rows.`,
      },
    ]);
    const bytes = readFileSync(item.filePath!);
    expect(readdirSync(dirname(item.filePath!))).toEqual([item.fileName]); // no .partial left behind
    const expected =
      '\uFEFF' +
      [
        HEADER,
        `X000001,"'=HYPERLINK(""evil"")",2026-01-10,09:00,"Dr Skin, ""Jr""",Skin Clinic,completed,"'+cmd|calc","'=SUM(A1:A9)\nline two\r\nline ""three""","'-2 tablets",2026-02-01`,
        `X000001,"'=HYPERLINK(""evil"")",2026-02-01,08:00,"Dr Skin, ""Jr""",Skin Clinic,no_show,,,,`,
        `X000001,"'=HYPERLINK(""evil"")",2026-07-01,14:15,"Dr Skin, ""Jr""",Skin Clinic,booked,"'@risk","'\tTabbed",,`,
      ].join('\r\n') +
      '\r\n';
    expect(bytes.toString('utf8')).toBe(expected);
    // A CSV reader gets the neutralised values back, multi-line note included.
    const parsed = Papa.parse<string[]>(bytes.toString('utf8').slice(1), {
      newline: '\r\n',
      skipEmptyLines: true,
    });
    expect(parsed.data[1]![8]).toBe('\'=SUM(A1:A9)\nline two\r\nline "three"');

    expect(await t.core.jobs.sendOutbox()).toMatchObject({ sent: 1 });
    expect(await t.core.jobs.waitExport(exportId)).toMatchObject({
      emailStatus: 'sent',
      emailAt: '2026-03-16T10:00:00.000Z',
    });
    const [mail] = sink.parsed();
    expect(mail!.to).toEqual(['pat@example.org']);
    expect(mail!.message.subject).toMatch(/^Your medical history from /);
    expect(mail!.message.html).toContain('Dear =HYPERLINK(&quot;evil&quot;),');
    expect(mail!.message.attachments).toHaveLength(1);
    expect(mail!.message.attachments[0]!.filename).toBe(item.fileName);
    expect(mail!.message.attachments[0]!.content.equals(bytes)).toBe(true);

    // Resend queues a second message with its own key; the first is untouched.
    const resent = await admin.call('exports/resend', { id: exportId });
    expect(resent.ok).toBe(true);
    expect(await t.core.jobs.waitExport(exportId)).toMatchObject({ emailStatus: 'queued' }); // the resend's row
    expect(await t.core.jobs.sendOutbox()).toMatchObject({ sent: 1 });
    expect(sink.received).toHaveLength(2);
    expect(await t.core.jobs.waitExport(exportId)).toMatchObject({ emailStatus: 'sent' });
  });

  it("finds an export's emails through the outbox's dedupe index, never by scanning the outbox", () => {
    const db = new Database(t.core.dbPath, { readonly: true });
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT status FROM email_outbox WHERE ${EXPORT_EMAILS_WHERE}`)
      .all({ key: 'export:7', resends: 'export:7:', resendsEnd: 'export:7;' })
      .map((row) => (row as { detail: string }).detail);
    db.close();
    expect(plan.join('\n')).toMatch(
      /SEARCH email_outbox USING (COVERING )?INDEX email_outbox_dedupe_unique \(dedupe_key=\?\)/,
    );
    expect(plan.join('\n')).toMatch(/INDEX email_outbox_dedupe_unique \(dedupe_key>\? AND dedupe_key<\?\)/);
    expect(plan.some((line) => /^SCAN email_outbox/.test(line))).toBe(false);
  });

  it('says why a patient without an email address gets no email and no Resend (issue 11, defect 6)', async () => {
    const admin = t.core.connectAs('admin', 'test');
    const noEmail = f.patient('Nora Nomail', { number: 'N000001', email: null });
    const started = await admin.call('exports/startHistory', { patientId: noEmail });
    const exportId = started.ok ? started.value.exportId : 0;
    const item = await t.core.jobs.waitExport(exportId);
    expect(item).toMatchObject({
      status: 'done',
      emailStatus: null,
      emailAt: null,
      emailTo: null,
      emailNote: 'Not emailed: the patient had no email address on file.',
      cannotResend: 'The patient has no email address on file.',
    });
    const resent = await admin.call('exports/resend', { id: exportId });
    expect(resent).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'The patient has no email address on file.' },
    });
  });

  it("lets a doctor export only their own patients' history", async () => {
    const before = snapshotDatabase(t.core.dbPath);
    const result = await t.core
      .connectAs('dr.fernandez', 'test')
      .call('exports/startHistory', { patientId: patient });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(snapshotDatabase(t.core.dbPath)).toBe(before);
  });

  it('shows a failure with its reason and can retry it', async () => {
    // A worker entry that does not exist makes the worker fail to start.
    t.core.close();
    t = await tempCore({ dataDir: t.dataDir, env: {}, exportWorker: '/nonexistent/worker.js' });
    const started = await t.core
      .connectAs('admin', 'test')
      .call('exports/startHistory', { patientId: patient });
    const exportId = started.ok ? started.value.exportId : 0;
    const failed = await t.core.jobs.waitExport(exportId);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^The export could not be written: /);

    t.core.close();
    t = await tempCore({ dataDir: t.dataDir, env: {} });
    const retry = await t.core.connectAs('admin', 'test').call('exports/retry', { id: exportId });
    expect(retry.ok).toBe(true);
    expect(await t.core.jobs.waitExport(exportId)).toMatchObject({ status: 'done', rows: 3, error: null });
  });

  it('exports every appointment and treatment in a date range for the administrator', async () => {
    const admin = t.core.connectAs('admin', 'test');
    const started = await admin.call('exports/startRange', { from: '2026-01-01', to: '2026-01-31' });
    const exportId = started.ok ? started.value.exportId : 0;
    const item = await t.core.jobs.waitExport(exportId);
    expect(item.error).toBeNull();
    expect(item).toMatchObject({ status: 'done', rows: 2, kind: 'range', emailStatus: null });
    const text = readFileSync(item.filePath!, 'utf8');
    expect(text.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
    const rows = Papa.parse<string[]>(text.slice(1), { newline: '\r\n', skipEmptyLines: true }).data.slice(1);
    expect(rows.map((r) => [r[0], r[2]])).toEqual([
      ['X000001', '2026-01-10'],
      ['T000002', '2026-01-11'],
    ]);
    expect(existsSync(`${item.filePath}.partial`)).toBe(false);
    const refused = await t.core
      .connectAs('reception', 'test')
      .call('exports/startRange', { from: '2026-01-01', to: '2026-01-31' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
