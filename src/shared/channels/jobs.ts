import { z } from 'zod';
import { JOB_NAMES, type JobOverview, type JobRunResult } from '../dto/jobs';
import { define, emptyInput as empty } from './define';

export const jobRunInput = z.strictObject({
  job: z.enum(JOB_NAMES, { error: 'Choose reminders, recalls or monthly-report.' }),
  /** A day (reminders) or month (report); the current one when omitted. */
  period: z
    .string()
    .regex(/^\d{4}-\d{2}(-\d{2})?$/, 'Give the day as YYYY-MM-DD or the month as YYYY-MM.')
    .optional(),
});

export const jobChannels = {
  'jobs/list': define<JobOverview[]>()({
    input: empty,
    access: ['admin'],
    summary: 'Each job with its schedule, last run, next run and recent failures.',
    mutates: false,
  }),
  'jobs/run': define<JobRunResult>()({
    input: jobRunInput,
    access: ['admin'],
    summary: 'Run a job now (idempotent: nothing already queued is queued again).',
    mutates: true,
  }),
} as const;
