import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { DashboardStats } from '../../../src/shared/dto/stats';
import { fixedClock, snapshotDatabase, tempCore, type TempCore } from '../../support/temp-core';
import { smallClinic } from './fixture';

const counts = (c: Partial<DashboardStats['todayByStatus']>) => ({
  booked: 0,
  arrived: 0,
  completed: 0,
  cancelled: 0,
  no_show: 0,
  ...c,
});

describe('dashboard figures', () => {
  let t: TempCore | undefined;
  afterEach(() => t?.cleanup());

  async function clinicAt(iso: string, timeZone: string) {
    const clock = fixedClock(iso);
    t = await tempCore({ clock });
    const writer = new Database(t.core.dbPath);
    const fixture = smallClinic(writer, timeZone);
    return { clock, writer, fixture, core: t.core };
  }

  it('counts today, the next seven days and this month on a spring-forward day (Europe/London)', async () => {
    // 29 March 2026: clocks go forward at 01:00 GMT, so the local day is 23 hours long.
    const { writer, fixture, core } = await clinicAt('2026-03-29T12:00:00Z', 'Europe/London');
    fixture.appointment('2026-03-29T00:30:00Z', 1, 'completed', true); // 00:30 GMT, today
    fixture.appointment('2026-03-29T22:30:00Z', 1, 'booked'); // 23:30 BST, still today
    fixture.appointment('2026-03-29T23:15:00Z', 1, 'booked'); // 00:15 BST on the 30th
    fixture.appointment('2026-03-28T23:45:00Z', 1, 'no_show'); // 23:45 GMT yesterday
    fixture.appointment('2026-03-01T00:10:00Z', 1, 'cancelled'); // first minutes of March
    fixture.appointment('2026-02-28T23:50:00Z', 1, 'completed', true); // last minutes of February
    fixture.appointment('2026-03-31T22:59:00Z', 1, 'booked'); // 23:59 BST, last minute of March
    fixture.appointment('2026-03-31T23:00:00Z', 1, 'booked'); // 00:00 BST on 1 April
    fixture.appointment('2026-03-10T10:00:00Z', 2, 'completed');
    fixture.appointment('2026-03-11T10:00:00Z', 2, 'no_show');
    fixture.appointment('2026-03-12T10:00:00Z', 2, 'completed');
    fixture.appointment('2026-04-06T09:00:00Z', 2, 'booked'); // eight days ahead: not upcoming
    writer.exec(`
      INSERT INTO exports (kind, status) VALUES ('range', 'queued'), ('range', 'running'), ('range', 'done');
      INSERT INTO email_outbox (dedupe_key, kind, to_address, subject, html, text, status) VALUES
        ('a', 'reminder', 'a@x.example', 's', 'h', 't', 'queued'),
        ('b', 'reminder', 'b@x.example', 's', 'h', 't', 'queued'),
        ('c', 'reminder', 'c@x.example', 's', 'h', 't', 'failed'),
        ('d', 'reminder', 'd@x.example', 's', 'h', 't', 'sent');
    `);
    writer.close();

    const result = await core.connectAs('admin', 'test').call('stats/dashboard', {});
    if (!result.ok) throw new Error(result.error.message);
    const stats = result.value;
    expect(stats).toMatchObject({
      computedAt: '2026-03-29T12:00:00.000Z',
      servedAt: '2026-03-29T12:00:00.000Z',
      timeZone: 'Europe/London',
      today: '2026-03-29',
      month: '2026-03',
      patientsActive: 3,
      doctorsActive: 2,
      departmentsActive: 2,
      todayByStatus: counts({ completed: 1, booked: 1 }),
      pendingExports: 2,
      outbox: { queued: 2, failed: 1 },
      lastBackupAt: null,
    });
    expect(stats.upcoming).toEqual({
      total: 3,
      byDay: [
        { date: '2026-03-30', count: 1 },
        { date: '2026-03-31', count: 1 },
        { date: '2026-04-01', count: 1 },
        { date: '2026-04-02', count: 0 },
        { date: '2026-04-03', count: 0 },
        { date: '2026-04-04', count: 0 },
        { date: '2026-04-05', count: 0 },
      ],
    });
    expect(stats.thisMonth).toEqual({
      byStatus: counts({ completed: 3, booked: 3, no_show: 2, cancelled: 1 }),
      total: 9,
      noShowRate: 2 / 5,
      completedVisits: 3,
      treatments: 1,
    });
    expect(stats.perDay).toHaveLength(30);
    expect(stats.perDay[0]).toEqual({ date: '2026-02-28', ...counts({ completed: 1 }) });
    expect(stats.perDay.find((d) => d.date === '2026-03-01')).toEqual({
      date: '2026-03-01',
      ...counts({ cancelled: 1 }),
    });
    expect(stats.perDay.find((d) => d.date === '2026-03-28')).toMatchObject(counts({ no_show: 1 }));
    expect(stats.perDay.at(-1)).toEqual({ date: '2026-03-29', ...counts({ completed: 1, booked: 1 }) });
    expect(stats.visitsPerDepartment).toEqual([
      { departmentId: 2, name: 'Cardiology', visits: 2 },
      { departmentId: 1, name: 'General Practice', visits: 1 },
    ]);
    expect(stats.noShowPerDoctor).toEqual([
      { doctorId: 1, name: 'Dr Ada One', noShows: 1, due: 2, rate: 0.5 },
      { doctorId: 2, name: 'Dr Bo Two', noShows: 1, due: 3, rate: 1 / 3 },
    ]);
  });

  it('gives the doctor their own day and month only', async () => {
    const { writer, fixture, core } = await clinicAt('2026-03-29T12:00:00Z', 'Europe/London');
    fixture.appointment('2026-03-29T00:30:00Z', 1, 'completed', true);
    fixture.appointment('2026-03-29T22:30:00Z', 1, 'booked');
    fixture.appointment('2026-03-28T23:45:00Z', 1, 'no_show');
    fixture.appointment('2026-02-28T23:50:00Z', 1, 'completed', true);
    fixture.appointment('2026-03-29T10:00:00Z', 2, 'completed', true); // another doctor's
    writer.close();

    const result = await core.connectAs('dr.one', 'test').call('stats/doctor', {});
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toEqual({
      computedAt: '2026-03-29T12:00:00.000Z',
      servedAt: '2026-03-29T12:00:00.000Z',
      timeZone: 'Europe/London',
      today: '2026-03-29',
      month: '2026-03',
      doctorId: 1,
      doctorName: 'Dr Ada One',
      day: {
        byStatus: counts({ completed: 1, booked: 1 }),
        total: 2,
        noShowRate: 0,
        completedVisits: 1,
        treatments: 1,
      },
      thisMonth: {
        byStatus: counts({ completed: 1, booked: 1, no_show: 1 }),
        total: 3,
        noShowRate: 0.5,
        completedVisits: 1,
        treatments: 1,
      },
    });
  });

  it('takes a 25-hour autumn day whole (Europe/London, 25 October 2026)', async () => {
    const { writer, fixture, core } = await clinicAt('2026-10-25T12:00:00Z', 'Europe/London');
    fixture.appointment('2026-10-24T23:05:00Z', 1, 'completed'); // 00:05 BST, today
    fixture.appointment('2026-10-25T23:30:00Z', 1, 'booked'); // 23:30 GMT, still today
    fixture.appointment('2026-10-24T22:55:00Z', 1, 'completed'); // 23:55 BST yesterday
    writer.close();
    const result = await core.connectAs('admin', 'test').call('stats/dashboard', {});
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.todayByStatus).toEqual(counts({ completed: 1, booked: 1 }));
    expect(result.value.perDay.at(-2)).toEqual({ date: '2026-10-24', ...counts({ completed: 1 }) });
  });

  it('puts month boundaries at local midnight west of Greenwich (America/New_York)', async () => {
    // 23:00 EDT on 31 March is already 1 April in UTC.
    const { writer, fixture, core } = await clinicAt('2026-04-01T03:00:00Z', 'America/New_York');
    fixture.appointment('2026-04-01T02:30:00Z', 1, 'completed'); // 22:30 EDT on the 31st
    fixture.appointment('2026-03-01T04:30:00Z', 1, 'completed'); // 23:30 EST on 28 February
    fixture.appointment('2026-03-01T05:00:00Z', 1, 'no_show'); // 00:00 EST on 1 March
    writer.close();
    const result = await core.connectAs('admin', 'test').call('stats/dashboard', {});
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ today: '2026-03-31', month: '2026-03' });
    expect(result.value.todayByStatus).toEqual(counts({ completed: 1 }));
    expect(result.value.thisMonth.byStatus).toEqual(counts({ completed: 1, no_show: 1 }));
  });

  it('shows the last backup once the backup feature records one', async () => {
    const { writer, clock, core } = await clinicAt('2026-03-29T12:00:00Z', 'Europe/London');
    writer
      .prepare(`INSERT INTO settings (key, value) VALUES ('lastBackupAt', ?)`)
      .run(JSON.stringify('2026-03-29T02:00:00.000Z'));
    writer.close();
    clock.advance(1000);
    const result = await core.connectAs('admin', 'test').call('stats/dashboard', {});
    expect(result.ok && result.value.lastBackupAt).toBe('2026-03-29T02:00:00.000Z');
  });

  it('refuses other roles, and an unknown field, without writing anything', async () => {
    const { writer, core } = await clinicAt('2026-03-29T12:00:00Z', 'Europe/London');
    writer.close();
    const before = snapshotDatabase(core.dbPath);
    expect(await core.connectAs('dr.one', 'test').call('stats/dashboard', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await core.connectAs('admin', 'test').call('stats/doctor', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(
      await core.connectAs('admin', 'test').callUnknown('stats/dashboard', { force: 'yes' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(snapshotDatabase(core.dbPath)).toBe(before);
  });
});
