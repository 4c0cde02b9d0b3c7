import { copyFileSync, renameSync } from 'node:fs';
import type { Core } from '../core';

/** A mistake the user can fix; the CLI prints it as one line and exits 1. */
export class JobsUsageError extends Error {}

export interface JobsCliOptions {
  date?: string | undefined;
  month?: string | undefined;
  patient?: string | undefined;
  out?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface JobsCliOutput {
  print(value: unknown, text: string): void;
}

export const JOBS_USAGE = `  jobs run reminders|recalls [--date YYYY-MM-DD]
                                     queue today's (or that day's) reminders or follow-up recalls and send them
  jobs run monthly-report [--month YYYY-MM] store and email last month's (or that month's) reports
  jobs list                          each job's schedule, last and next run
  export history --patient NUMBER [--out FILE]   a patient's full history as CSV
  export range --from YYYY-MM-DD --to YYYY-MM-DD [--out FILE]   every appointment in a range
  outbox list                        recent outgoing email with status and last error
  outbox send                        send every message that is due now`;

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/**
 * `jobs`, `export` and `outbox`: the same core calls the app's scheduler, Exports screen and
 * relay make, so a clinic can run them from the OS scheduler when nobody has the app open.
 */
export async function runJobsCommand(
  core: Core,
  command: 'jobs' | 'export' | 'outbox',
  rest: string[],
  options: JobsCliOptions,
  out: JobsCliOutput,
): Promise<number> {
  const [verb, target] = rest;
  if (command === 'jobs' && verb === 'run') {
    if (target !== 'reminders' && target !== 'recalls' && target !== 'monthly-report') {
      throw new JobsUsageError(
        'Say which job: `jobs run reminders`, `jobs run recalls` or `jobs run monthly-report`.',
      );
    }
    const daily = target !== 'monthly-report';
    const period = daily ? options.date : options.month;
    if (period !== undefined && !(daily ? isDate(period) : /^\d{4}-\d{2}$/.test(period))) {
      throw new JobsUsageError(daily ? '--date must be YYYY-MM-DD.' : '--month must be YYYY-MM.');
    }
    const run = await core.jobs.run(target, period);
    const sent = await core.jobs.sendOutbox();
    out.print(
      { run, sent },
      `${target} ${run.period}: ${run.status}${run.error ? ` (${run.error})` : ''}\n` +
        `  ${Object.entries(run.counts)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}\n` +
        `  email: ${sent.sent} sent, ${sent.retrying} to retry, ${sent.failed} failed`,
    );
    return run.status === 'succeeded' ? 0 : 1;
  }
  if (command === 'jobs' && verb === 'list') {
    const jobs = core.jobs.overview();
    out.print(
      jobs,
      jobs
        .map(
          (j) =>
            `${j.label}: ${j.schedule}\n  last: ${j.lastRun ? `${j.lastRun.period} ${j.lastRun.status} at ${j.lastRun.startedAt}` : 'never'}\n  next: ${j.nextRunAt}`,
        )
        .join('\n'),
    );
    return 0;
  }
  if (command === 'export' && (verb === 'history' || verb === 'range')) {
    // Written into exports/ like every export (the only folder mail attachments are read from),
    // then copied to --out, which cli.ts has already checked (out-file.ts).
    let item;
    if (verb === 'history') {
      if (!options.patient) throw new JobsUsageError('Say whose history: `export history --patient NUMBER`.');
      item = await core.jobs.exportHistory(options.patient);
    } else {
      if (
        !options.from ||
        !options.to ||
        !isDate(options.from) ||
        !isDate(options.to) ||
        options.from > options.to
      ) {
        throw new JobsUsageError('Give the range as --from YYYY-MM-DD --to YYYY-MM-DD (from not after to).');
      }
      item = await core.jobs.exportRange(options.from, options.to);
    }
    if (options.out && item.status === 'done' && item.filePath) {
      copyFileSync(item.filePath, `${options.out}.partial`);
      renameSync(`${options.out}.partial`, options.out);
      item = { ...item, filePath: options.out };
    }
    const sent = item.emailStatus ? await core.jobs.sendOutbox() : null;
    out.print(
      { export: item, sent },
      item.status === 'done'
        ? `Export #${item.id}: ${item.rows} rows written to ${item.filePath}` +
            (sent ? `\n  emailed to the patient: ${sent.sent} sent, ${sent.retrying} to retry` : '')
        : `Export #${item.id} failed: ${item.error}`,
    );
    return item.status === 'done' ? 0 : 1;
  }
  if (command === 'outbox' && verb === 'list') {
    const rows = core.jobs.listOutbox(100);
    out.print(
      { delivery: core.jobs.delivery(), items: rows },
      rows.length === 0
        ? 'The outbox is empty.'
        : rows
            .map(
              (r) =>
                `#${r.id} ${r.status.padEnd(7)} ${r.kind.padEnd(8)} attempts ${r.attempts}  ${r.subject}${r.lastError ? `\n    ${r.lastError}` : ''}`,
            )
            .join('\n'),
    );
    return 0;
  }
  if (command === 'outbox' && verb === 'send') {
    const sent = await core.jobs.sendOutbox();
    const delivery = core.jobs.delivery();
    out.print(
      { ...sent, delivery },
      `${sent.sent} sent, ${sent.retrying} to retry later, ${sent.failed} failed` +
        (delivery.mode === 'folder' ? ` (no SMTP server set up: written to ${delivery.folder})` : ''),
    );
    return sent.failed > 0 ? 1 : 0;
  }
  throw new JobsUsageError(`Unknown ${command} command. Run with --help to see the commands.`);
}
