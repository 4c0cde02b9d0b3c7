import type { JobName, JobRunStatus } from '../../../shared/dto/jobs';
import { addDays, addMonths, localDate, monthOf, zonedInstant } from '../time/zone';

/**
 * When each job is due, as pure arithmetic on (job, stored runs, now, settings). node-schedule
 * only says "look now"; this decides what to run, so a missed firing (the PC was off or asleep)
 * is caught up and a repeated one runs nothing twice.
 */
export interface ScheduleSettings {
  timeZone: string;
  /** Minutes after local midnight of the daily reminders. */
  reminderMinute: number;
  /** Day of the month (1-28) and minutes after local midnight of the monthly reports. */
  reportDay: number;
  reportMinute: number;
}

export interface RunRecord {
  period: string;
  status: JobRunStatus;
  /** Epoch ms the run started. */
  startedAt: number;
}

/** At most this many past months are caught up, so a PC switched on after years does not flood. */
export const MAX_MONTHS_CAUGHT_UP = 12;

const pad2 = (n: number) => String(n).padStart(2, '0');

function reminderAt(date: string, s: ScheduleSettings): number {
  return zonedInstant(date, s.reminderMinute, s.timeZone);
}

/** When the report for `month` is sent: on reportDay of the following month. */
function reportAt(month: string, s: ScheduleSettings): number {
  return zonedInstant(`${addMonths(month, 1)}-${pad2(s.reportDay)}`, s.reportMinute, s.timeZone);
}

/** The newest month whose report is due at `now`. */
export function latestReportMonth(now: number, s: ScheduleSettings): string {
  const previous = addMonths(monthOf(localDate(now, s.timeZone)), -1);
  return now >= reportAt(previous, s) ? previous : addMonths(previous, -1);
}

/**
 * The periods of `job` that should run at `now`, oldest first: a day 'YYYY-MM-DD' for reminders
 * (only today: yesterday's appointments are over), months 'YYYY-MM' for reports (every month
 * since the last successful one, or just the latest on a fresh install). A period whose run
 * failed or was interrupted ('running' left by a crash) is due again.
 */
export function periodsDue(job: JobName, runs: RunRecord[], now: number, s: ScheduleSettings): string[] {
  const done = new Set(runs.filter((r) => r.status === 'succeeded').map((r) => r.period));
  // Recalls run daily like the reminders; a missed day is covered by the next day's window.
  if (job === 'reminders' || job === 'recalls') {
    const today = localDate(now, s.timeZone);
    const at = reminderAt(today, s);
    // A "Run now" before the scheduled time does not count: appointments booked after it still
    // get their reminder at the scheduled time (the dedupe keys keep the first ones from repeating).
    const ranOnTime = runs.some((r) => r.period === today && r.status === 'succeeded' && r.startedAt >= at);
    return now >= at && !ranOnTime ? [today] : [];
  }
  const latest = latestReportMonth(now, s);
  const succeeded = [...done].filter((p) => p <= latest).sort();
  const unfinished = runs.filter((r) => r.status !== 'succeeded' && r.period <= latest).map((r) => r.period);
  const due = new Set<string>(unfinished);
  const last = succeeded.at(-1);
  if (last === undefined) due.add(latest);
  else for (let m = addMonths(last, 1); m <= latest; m = addMonths(m, 1)) due.add(m);
  const oldest = addMonths(latest, -(MAX_MONTHS_CAUGHT_UP - 1));
  return [...due].filter((p) => p >= oldest && !done.has(p)).sort();
}

/** The next instant after `now` at which `job` is scheduled to fire. */
export function nextRunAt(job: JobName, now: number, s: ScheduleSettings): number {
  const today = localDate(now, s.timeZone);
  if (job === 'reminders' || job === 'recalls') {
    const at = reminderAt(today, s);
    return now < at ? at : reminderAt(addDays(today, 1), s);
  }
  const previous = addMonths(monthOf(today), -1);
  const at = reportAt(previous, s);
  return now < at ? at : reportAt(monthOf(today), s);
}

/** The period a manual "Run now" covers when none is given: today, or last month. */
export function currentPeriod(job: JobName, now: number, s: ScheduleSettings): string {
  const today = localDate(now, s.timeZone);
  return job === 'monthly-report' ? addMonths(monthOf(today), -1) : today;
}
