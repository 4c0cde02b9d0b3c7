import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobFixtures } from '../../support/job-fixtures';
import { SmtpSink } from '../../support/smtp-sink';
import { fixedClock, snapshotDatabase, tempCore, type TempCore } from '../../support/temp-core';

describe('monthly activity report', () => {
  let sink: SmtpSink;
  let t: TempCore;
  let f: JobFixtures;
  let ada: number;
  const clock = fixedClock('2026-04-01T08:00:00Z'); // 09:00 BST on the 1st

  beforeEach(async () => {
    sink = new SmtpSink();
    await sink.start();
    t = await tempCore({ demo: 'without-visits', clock, env: { CLINIC_DESK_SMTP_URL: sink.url } });
    f = new JobFixtures(t.core.dbPath).clinic();
    const dep = f.department('Neuro & <Brain>');
    ada = f.doctor('Dr Ada', dep, 'ada@example.org');
    const idle = f.doctor('Dr Idle', dep, 'idle@example.org');
    const noMail = f.doctor('Dr Nomail', dep, null);
    const p1 = f.patient('<script>alert(1)</script>');
    const p2 = f.patient('Bea Plain');
    const c1 = f.appointment(p1, ada, '2026-03-02', '09:00', 'completed');
    f.treatment(c1, { diagnosis: 'Migraine', notes: '<img src=x onerror=alert(2)> rest' });
    const c2 = f.appointment(p2, ada, '2026-03-29', '10:00', 'completed'); // after the spring change
    f.treatment(c2, { diagnosis: 'Migraine', notes: 'Fluids' });
    const c3 = f.appointment(p2, ada, '2026-03-31', '23:30', 'completed'); // 22:30Z: still March locally
    f.treatment(c3, { diagnosis: 'Asthma', notes: 'Inhaler' });
    f.appointment(p1, ada, '2026-03-05', '09:00', 'no_show');
    f.appointment(p1, ada, '2026-03-06', '09:00', 'cancelled');
    f.appointment(p1, ada, '2026-03-07', '09:00', 'booked');
    f.appointment(p1, ada, '2026-04-01', '00:30', 'completed'); // April locally (23:30Z on 31 March)
    f.appointment(p1, idle, '2026-02-10', '09:00', 'completed'); // not in March
    f.appointment(p2, noMail, '2026-03-10', '09:00', 'completed');
  });
  afterEach(async () => {
    f.close();
    t.cleanup();
    await sink.stop();
  });

  it('stores and emails one report per doctor active last month, escaped, and is identical when rerun', async () => {
    const [run] = await t.core.jobs.checkNow().then((runs) => runs.filter((r) => r.job === 'monthly-report'));
    expect(run).toMatchObject({ period: '2026-03', status: 'succeeded' });
    expect(run!.counts).toEqual({
      doctors: 2,
      stored: 2,
      alreadyStored: 0,
      queued: 1,
      alreadyQueued: 0,
      noEmail: 1,
    });
    await t.core.jobs.sendOutbox();
    const reminders = sink.parsed().filter((m) => m.message.subject.startsWith('Monthly'));
    expect(reminders.map((m) => m.to)).toEqual([['ada@example.org']]);
    const mail = reminders[0]!.message;
    expect(mail.subject).toBe('Monthly activity report March 2026 – Dr Ada');

    const doctor = t.core.connectAs('dr.fernandez', 'test');
    const admin = t.core.connectAs('admin', 'test');
    const list = await admin.call('reports/listMine', { doctorId: ada });
    expect(list.ok && list.value.map((r) => r.month)).toEqual(['2026-03']);
    const id = list.ok ? list.value[0]!.id : 0;
    const report = await admin.call('reports/get', { id });
    expect(report.ok).toBe(true);
    if (!report.ok) return;
    expect(report.value.data).toEqual({
      month: '2026-03',
      periodLabel: 'March 2026',
      doctorName: 'Dr Ada',
      department: 'Neuro & <Brain>',
      totals: { booked: 1, arrived: 0, completed: 3, cancelled: 1, no_show: 1 },
      totalAppointments: 6,
      noShowRate: 0.2,
      treatmentsRecorded: 3,
      topDiagnoses: [
        { diagnosis: 'Migraine', count: 2 },
        { diagnosis: 'Asthma', count: 1 },
      ],
      completedVisits: [
        {
          date: '2026-03-02',
          time: '09:00',
          patient: '<script>alert(1)</script>',
          diagnosis: 'Migraine',
          treatment: '<img src=x onerror=alert(2)> rest',
        },
        {
          date: '2026-03-29',
          time: '10:00',
          patient: 'Bea Plain',
          diagnosis: 'Migraine',
          treatment: 'Fluids',
        },
        {
          date: '2026-03-31',
          time: '23:30',
          patient: 'Bea Plain',
          diagnosis: 'Asthma',
          treatment: 'Inhaler',
        },
      ],
      followUps: { due: 0, booked: 0, notNeeded: 0, overdue: 0, asOf: '2026-04-01 09:00' },
    });
    expect(mail.html.replace(/\r\n/g, '\n')).toBe(report.value.html);
    expect(mail.html).toContain('<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>');
    expect(mail.html).toContain('<td>&lt;img src=x onerror=alert(2)&gt; rest</td>');
    expect(mail.html).toContain('Neuro &amp; &lt;Brain&gt;');
    expect(mail.html).not.toMatch(/<script>|<img/);
    expect(mail.html).toContain('No-show rate: <strong>20.0%</strong>');
    expect(mail.text).toContain('No-show rate: 20.0%');
    expect(mail.text).toContain(
      '  2026-03-02 09:00  <script>alert(1)</script>  |  Migraine  |  <img src=x onerror=alert(2)> rest',
    );

    // Another doctor cannot read it (not found, so its existence is not revealed).
    expect(await doctor.call('reports/get', { id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await doctor.call('reports/listMine', { doctorId: ada })).toEqual({ ok: true, value: [] });
    expect(await admin.call('reports/savePdf', { id })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });

    // Rerun, even after new data arrived: the stored report and the outbox do not change.
    const before = snapshotDatabase(t.core.dbPath);
    const c = f.appointment(f.patient('Late Entry'), ada, '2026-03-20', '09:00', 'completed');
    f.treatment(c, { diagnosis: 'Late' });
    const afterFixture = JSON.parse(snapshotDatabase(t.core.dbPath));
    const rerun = await t.core.jobs.run('monthly-report', '2026-03');
    expect(rerun.counts).toMatchObject({ stored: 0, alreadyStored: 2, queued: 0, alreadyQueued: 1 });
    const after = JSON.parse(snapshotDatabase(t.core.dbPath));
    expect(after.monthly_reports).toEqual(JSON.parse(before).monthly_reports);
    expect(after.email_outbox).toEqual(afterFixture.email_outbox);
    expect(await t.core.jobs.sendOutbox()).toMatchObject({ sent: 0 });
  });

  it('refuses a report for a month that is not over, and saves nothing', async () => {
    const before = snapshotDatabase(t.core.dbPath);
    const result = await t.core
      .connectAs('admin', 'test')
      .call('jobs/run', { job: 'monthly-report', period: '2026-04' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'The month 2026-04 is not over yet; its report can be made from the 1st of the next month.',
      },
    });
    expect(snapshotDatabase(t.core.dbPath)).toBe(before);
  });

  it('catches up every month missed while the PC was off', async () => {
    await t.core.jobs.run('monthly-report', '2026-01');
    clock.set('2026-04-15T12:00:00Z');
    const runs = await t.core.jobs.checkNow();
    expect(runs.filter((r) => r.job === 'monthly-report').map((r) => r.period)).toEqual([
      '2026-02',
      '2026-03',
    ]);
    expect((await t.core.jobs.checkNow()).filter((r) => r.job === 'monthly-report')).toEqual([]);
  });
});
