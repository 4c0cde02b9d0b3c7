import { describe, expect, it } from 'vitest';
import {
  latestReportMonth,
  nextRunAt,
  periodsDue,
  type RunRecord,
  type ScheduleSettings,
} from '../../../src/main/core/jobs/periods';

const london: ScheduleSettings = {
  timeZone: 'Europe/London',
  reminderMinute: 8 * 60,
  reportDay: 1,
  reportMinute: 9 * 60,
};
const at = (iso: string) => new Date(iso).getTime();
/** Runs that succeeded when they were due (started at the end of their period). */
const ok = (...periods: string[]): RunRecord[] =>
  periods.map((period) => ({
    period,
    status: 'succeeded',
    startedAt: at(`${period.length === 7 ? `${period}-28` : period}T23:00:00Z`),
  }));

describe('periodsDue: reminders', () => {
  it('is due from 08:00 clinic time until the end of the day, once', () => {
    expect(periodsDue('reminders', [], at('2026-03-16T07:59:59Z'), london)).toEqual([]);
    expect(periodsDue('reminders', [], at('2026-03-16T08:00:00Z'), london)).toEqual(['2026-03-16']);
    expect(periodsDue('reminders', [], at('2026-03-16T23:59:00Z'), london)).toEqual(['2026-03-16']);
    expect(periodsDue('reminders', ok('2026-03-16'), at('2026-03-16T12:00:00Z'), london)).toEqual([]);
  });

  it('never catches up a past day: those appointments are over', () => {
    expect(periodsDue('reminders', ok('2026-03-10'), at('2026-03-16T09:00:00Z'), london)).toEqual([
      '2026-03-16',
    ]);
    expect(periodsDue('reminders', ok('2026-03-10'), at('2026-03-16T06:00:00Z'), london)).toEqual([]);
  });

  it('runs again a period that failed or was interrupted mid-run', () => {
    const runs: RunRecord[] = [
      { period: '2026-03-16', status: 'running', startedAt: at('2026-03-16T08:00:00Z') },
    ];
    expect(periodsDue('reminders', runs, at('2026-03-16T10:00:00Z'), london)).toEqual(['2026-03-16']);
    const failed: RunRecord[] = [
      { period: '2026-03-16', status: 'failed', startedAt: at('2026-03-16T08:00:00Z') },
    ];
    expect(periodsDue('reminders', failed, at('2026-03-16T10:00:00Z'), london)).toEqual(['2026-03-16']);
  });

  it('fires at 08:00 local on both sides of the spring change (29 March 2026)', () => {
    // Saturday 28 March: GMT, 08:00 local = 08:00Z. Sunday 29 March: BST, 08:00 local = 07:00Z.
    expect(periodsDue('reminders', [], at('2026-03-28T07:59:00Z'), london)).toEqual([]);
    expect(periodsDue('reminders', [], at('2026-03-28T08:00:00Z'), london)).toEqual(['2026-03-28']);
    expect(periodsDue('reminders', [], at('2026-03-29T06:59:00Z'), london)).toEqual([]);
    expect(periodsDue('reminders', [], at('2026-03-29T07:00:00Z'), london)).toEqual(['2026-03-29']);
    expect(nextRunAt('reminders', at('2026-03-28T09:00:00Z'), london)).toBe(at('2026-03-29T07:00:00Z'));
  });

  it('fires at 08:00 local on both sides of the autumn change (25 October 2026)', () => {
    expect(periodsDue('reminders', [], at('2026-10-24T06:59:00Z'), london)).toEqual([]);
    expect(periodsDue('reminders', [], at('2026-10-24T07:00:00Z'), london)).toEqual(['2026-10-24']);
    expect(periodsDue('reminders', [], at('2026-10-25T07:59:00Z'), london)).toEqual([]);
    expect(periodsDue('reminders', [], at('2026-10-25T08:00:00Z'), london)).toEqual(['2026-10-25']);
    expect(nextRunAt('reminders', at('2026-10-24T09:00:00Z'), london)).toBe(at('2026-10-25T08:00:00Z'));
  });

  it('handles a reminder time inside the skipped and the repeated hour', () => {
    const early = { ...london, reminderMinute: 90 }; // 01:30 does not exist on 29 March, twice on 25 October
    expect(nextRunAt('reminders', at('2026-03-28T12:00:00Z'), early)).toBe(at('2026-03-29T01:30:00Z')); // 02:30 BST
    expect(nextRunAt('reminders', at('2026-10-24T12:00:00Z'), early)).toBe(at('2026-10-25T00:30:00Z')); // first 01:30
    expect(periodsDue('reminders', [], at('2026-10-25T00:30:00Z'), early)).toEqual(['2026-10-25']);
    expect(periodsDue('reminders', ok('2026-10-25'), at('2026-10-25T01:30:00Z'), early)).toEqual([]);
  });

  it('still runs at the scheduled time after a manual run earlier that morning', () => {
    const early: RunRecord[] = [
      { period: '2026-03-16', status: 'succeeded', startedAt: at('2026-03-16T07:30:00Z') },
    ];
    expect(periodsDue('reminders', early, at('2026-03-16T07:45:00Z'), london)).toEqual([]);
    expect(periodsDue('reminders', early, at('2026-03-16T08:00:00Z'), london)).toEqual(['2026-03-16']);
  });

  it('uses the clinic zone, not UTC, for "today"', () => {
    const tokyo = { ...london, timeZone: 'Asia/Tokyo' };
    // 23:30Z on 15 March is 08:30 on 16 March in Tokyo.
    expect(periodsDue('reminders', [], at('2026-03-15T23:30:00Z'), tokyo)).toEqual(['2026-03-16']);
  });
});

describe('periodsDue: monthly report', () => {
  it('covers the previous month from the 1st at 09:00 local', () => {
    expect(latestReportMonth(at('2026-04-01T07:59:00Z'), london)).toBe('2026-02'); // 08:59 BST
    expect(latestReportMonth(at('2026-04-01T08:00:00Z'), london)).toBe('2026-03'); // 09:00 BST
    expect(periodsDue('monthly-report', ok('2026-02'), at('2026-04-01T08:00:00Z'), london)).toEqual([
      '2026-03',
    ]);
    expect(periodsDue('monthly-report', ok('2026-03'), at('2026-04-20T08:00:00Z'), london)).toEqual([]);
  });

  it('catches up every missed month since the last report, but only the latest on a fresh install', () => {
    expect(periodsDue('monthly-report', ok('2025-12'), at('2026-04-02T10:00:00Z'), london)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    expect(periodsDue('monthly-report', [], at('2026-04-02T10:00:00Z'), london)).toEqual(['2026-03']);
    const runs: RunRecord[] = [
      ...ok('2026-01', '2026-03'),
      { period: '2026-02', status: 'failed', startedAt: at('2026-03-01T09:00:00Z') },
    ];
    expect(periodsDue('monthly-report', runs, at('2026-04-02T10:00:00Z'), london)).toEqual(['2026-02']);
  });

  it('fires at 09:00 local across the autumn change (1 November is GMT again)', () => {
    expect(nextRunAt('monthly-report', at('2026-10-02T00:00:00Z'), london)).toBe(at('2026-11-01T09:00:00Z'));
    expect(nextRunAt('monthly-report', at('2026-03-02T00:00:00Z'), london)).toBe(at('2026-04-01T08:00:00Z'));
  });

  it('honours another report day and time', () => {
    const fifth = { ...london, reportDay: 5, reportMinute: 6 * 60 + 30 };
    expect(latestReportMonth(at('2026-01-05T06:29:00Z'), fifth)).toBe('2025-11');
    expect(latestReportMonth(at('2026-01-05T06:30:00Z'), fifth)).toBe('2025-12');
  });
});
