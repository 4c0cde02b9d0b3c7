import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobFixtures } from '../../support/job-fixtures';
import { SmtpSink } from '../../support/smtp-sink';
import { fixedClock, tempCore, type TempCore } from '../../support/temp-core';

/**
 * The monthly report's "follow-ups due / booked / overdue" (issue 15), on rows made the way the
 * clinic makes them: a treatment's next-visit date opens the follow-up, a booking with the doctor
 * closes it (migration 0005's triggers), a cancelled booking reopens it, the doctor closes one as
 * not needed through the channel.
 */
describe('monthly report: follow-ups due, booked and overdue', () => {
  let sink: SmtpSink;
  let t: TempCore;
  let f: JobFixtures;
  let ada: number;
  let bo: number;
  let hal: number;
  const clock = fixedClock('2026-04-01T08:00:00Z'); // 09:00 BST on the 1st: March's reports are due
  const pdfs: string[] = [];

  beforeEach(async () => {
    sink = new SmtpSink();
    await sink.start();
    t = await tempCore({
      demo: 'without-visits',
      clock,
      env: { CLINIC_DESK_SMTP_URL: sink.url },
      // A stand-in for the desktop's printToPDF: the "PDF" is the HTML it was given.
      desktop: {
        htmlToPdf: (html) => Promise.resolve(new TextEncoder().encode(html)),
        showItemInFolder: (path) => pdfs.push(path),
      },
    });
    f = new JobFixtures(t.core.dbPath).clinic();
    const dep = f.department('Follow-up clinic');
    ada = f.doctor('Dr Ada', dep, 'ada@example.org');
    bo = f.doctor('Dr Bo', dep, 'bo@example.org');
    const visit = (patient: number, doctor: number, date: string, nextVisit: string) => {
      const id = f.appointment(patient, doctor, date, '09:00', 'completed');
      f.treatment(id, { diagnosis: 'Hypertension', nextVisit });
    };
    const [booked, waiting, notNeeded, cancelled, april, february, other] = [
      'Bea Booked',
      'Carl Waiting',
      'Dina Fine',
      'Ed Cancelled',
      'Fay April',
      'Gus February',
      'Hal Other',
    ].map((name) => f.patient(name)) as [number, number, number, number, number, number, number];

    // Due 10 March, booked for 11 March (the booking closes it), seen that day.
    visit(booked, ada, '2026-02-10', '2026-03-10');
    const seen = f.appointment(booked, ada, '2026-03-11', '10:00', 'booked');
    f.setStatus(seen, 'completed');
    // Due 15 March, nobody called: overdue.
    visit(waiting, ada, '2026-02-15', '2026-03-15');
    // Due 20 March, the doctor decides it is not needed.
    visit(notNeeded, ada, '2026-02-20', '2026-03-20');
    // Due 31 March, booked, then the booking was cancelled: open again, so overdue.
    visit(cancelled, ada, '2026-02-27', '2026-03-31');
    f.setStatus(f.appointment(cancelled, ada, '2026-03-30', '11:00', 'booked'), 'cancelled');
    // Outside March: due 1 April and 28 February (open) do not count.
    visit(april, ada, '2026-03-02', '2026-04-01');
    visit(february, ada, '2026-01-28', '2026-02-28');
    // Dr Bo saw nobody in March, but one of his follow-ups fell due then: he gets a report too.
    visit(other, bo, '2026-02-05', '2026-03-05');
    hal = other;
  });
  afterEach(async () => {
    f.close();
    t.cleanup();
    await sink.stop();
  });

  it('counts the month per doctor, in the stored report, the email and the saved PDF', async () => {
    const admin = t.core.connectAs('admin', 'test');
    const open = await admin.call('followUps/list', { view: 'open', doctorId: ada });
    const dina = open.ok ? open.value.find((item) => item.patientName === 'Dina Fine') : undefined;
    expect(dina?.dueDate).toBe('2026-03-20');
    expect(await admin.call('followUps/markNotNeeded', { id: dina?.id ?? 0 })).toMatchObject({ ok: true });

    const [run] = (await t.core.jobs.checkNow()).filter((r) => r.job === 'monthly-report');
    expect(run).toMatchObject({ period: '2026-03', status: 'succeeded' });
    expect(run!.counts).toMatchObject({ doctors: 2, stored: 2, queued: 2 });

    const reportOf = async (doctorId: number) => {
      const list = await admin.call('reports/listMine', { doctorId });
      const id = list.ok ? (list.value[0]?.id ?? 0) : 0;
      const report = await admin.call('reports/get', { id });
      if (!report.ok) throw new Error(report.error.message);
      return report.value;
    };
    const adas = await reportOf(ada);
    expect(adas.data.followUps).toEqual({
      due: 4,
      booked: 1,
      notNeeded: 1,
      overdue: 2,
      asOf: '2026-04-01 09:00',
    });
    expect((await reportOf(bo)).data.followUps).toEqual({
      due: 1,
      booked: 0,
      notNeeded: 0,
      overdue: 1,
      asOf: '2026-04-01 09:00',
    });

    await t.core.jobs.sendOutbox();
    const mail = sink.parsed().find((m) => m.to.includes('ada@example.org'))!.message;
    const html = mail.html.replace(/\r\n/g, '\n');
    expect(html).toBe(adas.html);
    expect(html).toContain(`<h2>Follow-ups due this month</h2>
<table>
<tr><th>Follow-ups</th><th>Count</th></tr>
<tr><td>Due</td><td>4</td></tr>
<tr><td>Booked</td><td>1</td></tr>
<tr><td>Not needed</td><td>1</td></tr>
<tr><td>Overdue</td><td>2</td></tr>
</table>`);
    expect(html).toContain('as they stood on 2026-04-01 09:00');
    expect(mail.text.replace(/\r\n/g, '\n')).toContain(
      [
        'Follow-ups due this month (as of 2026-04-01 09:00)',
        '  Due        4',
        '  Booked     1',
        '  Not needed 1',
        '  Overdue    2',
      ].join('\n'),
    );

    // The PDF is printed from the stored HTML, so it carries the same figures.
    const saved = await admin.call('reports/savePdf', { id: adas.id });
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(pdfs).toEqual([saved.value.path]);
    expect(readFileSync(saved.value.path, 'utf8')).toContain('<tr><td>Overdue</td><td>2</td></tr>');
  });

  it('keeps the figures of the instant the report was made: a later booking changes nothing', async () => {
    await t.core.jobs.run('monthly-report', '2026-03');
    const admin = t.core.connectAs('admin', 'test');
    const list = await admin.call('reports/listMine', { doctorId: bo });
    const id = list.ok ? (list.value[0]?.id ?? 0) : 0;
    const before = await admin.call('reports/get', { id });
    // Hal books with Dr Bo on 2 April: the follow-up closes, but March's report stays as made.
    clock.set('2026-04-02T09:00:00Z');
    f.appointment(hal, bo, '2026-04-03', '09:00', 'booked');
    const later = t.core.connectAs('admin', 'test'); // the first session has expired overnight
    expect(await later.call('followUps/list', { view: 'open', doctorId: bo })).toEqual({
      ok: true,
      value: [],
    });
    await t.core.jobs.run('monthly-report', '2026-03');
    expect(await later.call('reports/get', { id })).toEqual(before);
    expect(before.ok && before.value.data.followUps?.overdue).toBe(1);
  });
});
