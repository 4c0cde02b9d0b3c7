import schedule from 'node-schedule';
import {
  JOB_LABELS,
  JOB_NAMES,
  type JobFinished,
  type JobName,
  type JobOverview,
  type JobRunSummary,
} from '../../../shared/dto/jobs';
import type { AuditActor } from '../audit/log';
import { UserError } from '../errors';
import { errorFields } from '../logger';
import { localDate, monthOf } from '../time/zone';
import type { MailSettingsStore } from '../mail/settings';
import { minutesOf } from '../mail/settings';
import { type JobContext, type JobCounts, SYSTEM_ACTOR } from './context';
import { queueMonthlyReports } from './monthly-report';
import { currentPeriod, nextRunAt, periodsDue, type ScheduleSettings } from './periods';
import { queueRecalls } from './recalls';
import { queueReminders } from './reminders';
import type { JobRuns } from './runs';

/** How often missed periods are looked for, besides the scheduled firings and resume from sleep. */
export const CATCH_UP_INTERVAL_MS = 5 * 60_000;

export interface SchedulerDeps {
  context: Omit<JobContext, 'actor'>;
  runs: JobRuns;
  mailSettings: MailSettingsStore;
  /** A run queued mail: send it. */
  afterRun: () => void;
  announce: (finished: JobFinished) => void;
}

export interface JobScheduler {
  /** Run a period now (a manual run repeats a finished period: idempotent by dedupe keys). */
  run(job: JobName, period?: string, actor?: AuditActor): Promise<JobRunSummary>;
  /** Run every period that is due and has not succeeded (start-up, resume, timer). */
  checkNow(): Promise<JobRunSummary[]>;
  overview(): JobOverview[];
  lastResults(): Record<JobName, JobRunSummary | null>;
  scheduleSettings(): ScheduleSettings;
  /** Arm node-schedule and the catch-up timer; safe to call again after a settings change. */
  start(): void;
  stop(): void;
}

const RUNNERS: Record<JobName, (ctx: JobContext, period: string) => JobCounts> = {
  reminders: queueReminders,
  recalls: queueRecalls,
  'monthly-report': queueMonthlyReports,
};

function describeSchedule(job: JobName, s: ScheduleSettings): string {
  const time = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  if (job === 'recalls')
    return `Every day at ${time(s.reminderMinute)} (${s.timeZone}), for follow-ups due within the recall window`;
  return job === 'reminders'
    ? `Every day at ${time(s.reminderMinute)} (${s.timeZone})`
    : `Day ${s.reportDay} of every month at ${time(s.reportMinute)} (${s.timeZone}), for the month before`;
}

function resultMessage(job: JobName, period: string, counts: JobCounts): string {
  if (job === 'reminders') {
    return `Reminders for ${period}: ${counts['queued'] ?? 0} queued, ${counts['alreadyQueued'] ?? 0} already queued, ${(counts['noEmail'] ?? 0) + (counts['noConsent'] ?? 0) + (counts['inactive'] ?? 0)} without email or consent.`;
  }
  if (job === 'recalls') {
    return `Follow-up recalls for ${period}: ${counts['queued'] ?? 0} queued, ${counts['alreadyQueued'] ?? 0} already queued, ${counts['booked'] ?? 0} already booked, ${(counts['noEmail'] ?? 0) + (counts['noConsent'] ?? 0) + (counts['inactive'] ?? 0)} without email or consent.`;
  }
  return `Reports for ${period}: ${counts['stored'] ?? 0} new, ${counts['queued'] ?? 0} emailed, ${counts['alreadyStored'] ?? 0} already done.`;
}

export function createJobScheduler(deps: SchedulerDeps): JobScheduler {
  const { context, runs } = deps;
  const { clock, logger } = context;
  let armed: schedule.Job[] = [];
  let interval: NodeJS.Timeout | null = null;
  // One run at a time: a timer firing during a manual run waits for it instead of racing it.
  let queue: Promise<unknown> = Promise.resolve();

  const scheduleSettings = (): ScheduleSettings => {
    const s = deps.mailSettings.schedule();
    return {
      timeZone: context.settings.get('timeZone'),
      reminderMinute: minutesOf(s.reminderTime),
      reportDay: s.reportDay,
      reportMinute: minutesOf(s.reportTime),
    };
  };

  const runPeriod = (job: JobName, period: string, actor: AuditActor): JobRunSummary => {
    runs.begin(job, period, clock.now().getTime());
    let counts: JobCounts = {};
    try {
      counts = RUNNERS[job]({ ...context, actor }, period);
      runs.succeed(job, period, clock.now().getTime(), counts);
      logger.log('info', 'job succeeded', { job, period, counts });
      deps.announce({
        kind: job,
        ok: true,
        title: `${JOB_LABELS[job]} done`,
        message: resultMessage(job, period, counts),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      runs.fail(job, period, clock.now().getTime(), counts, reason);
      logger.log('error', 'job failed', { job, period, ...errorFields(error) });
      deps.announce({
        kind: job,
        ok: false,
        title: `${JOB_LABELS[job]} failed`,
        message: `${JOB_LABELS[job]} for ${period} failed: ${reason}`,
      });
    }
    deps.afterRun();
    const summary = runs.get(job, period);
    if (!summary) throw new Error(`job run ${job} ${period} vanished`);
    return summary;
  };

  const serial = <T>(work: () => T): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };

  const scheduler: JobScheduler = {
    run: (job, period, actor = SYSTEM_ACTOR) => {
      const s = scheduleSettings();
      const now = clock.now().getTime();
      const chosen = period ?? currentPeriod(job, now, s);
      // A report is stored for good, so a month that is not over yet cannot have one.
      if (job === 'monthly-report' && chosen >= monthOf(localDate(now, s.timeZone))) {
        return Promise.reject(
          new UserError(
            'invalid_input',
            `The month ${chosen} is not over yet; its report can be made from the 1st of the next month.`,
          ),
        );
      }
      return serial(() => runPeriod(job, chosen, actor));
    },
    checkNow: () =>
      serial(() => {
        const s = scheduleSettings();
        const now = clock.now().getTime();
        const done: JobRunSummary[] = [];
        for (const job of JOB_NAMES) {
          for (const period of periodsDue(job, runs.records(job), now, s)) {
            done.push(runPeriod(job, period, SYSTEM_ACTOR));
          }
        }
        return done;
      }),
    overview: () => {
      const s = scheduleSettings();
      const now = clock.now().getTime();
      return JOB_NAMES.map((job) => ({
        job,
        label: JOB_LABELS[job],
        schedule: describeSchedule(job, s),
        lastRun: runs.latest(job),
        nextRunAt: new Date(nextRunAt(job, now, s)).toISOString(),
        recentFailures: runs.failures(job, 5),
      }));
    },
    lastResults: () => ({
      reminders: runs.latest('reminders'),
      recalls: runs.latest('recalls'),
      'monthly-report': runs.latest('monthly-report'),
    }),
    scheduleSettings,
    start: () => {
      scheduler.stop();
      const s = scheduleSettings();
      const check = () => {
        scheduler
          .checkNow()
          .catch((error: unknown) => logger.log('error', 'job check failed', errorFields(error)));
      };
      // node-schedule only wakes us up; periodsDue decides what (if anything) runs.
      armed = [
        schedule.scheduleJob(
          { hour: Math.floor(s.reminderMinute / 60), minute: s.reminderMinute % 60, tz: s.timeZone },
          check,
        ),
        schedule.scheduleJob(
          {
            date: s.reportDay,
            hour: Math.floor(s.reportMinute / 60),
            minute: s.reportMinute % 60,
            tz: s.timeZone,
          },
          check,
        ),
      ].filter((job): job is schedule.Job => job !== null);
      interval = setInterval(check, CATCH_UP_INTERVAL_MS);
      interval.unref();
      check();
    },
    stop: () => {
      for (const job of armed) job.cancel();
      armed = [];
      if (interval) clearInterval(interval);
      interval = null;
    },
  };
  return scheduler;
}
