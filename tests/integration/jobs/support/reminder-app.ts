/**
 * A stand-in for the desktop app in the exactly-once test: the real core with its scheduler and
 * relay running, a fixed clock, and SMTP from CLINIC_DESK_SMTP_URL. It prints READY once started
 * and DONE when the day's reminders are all sent; the test SIGKILLs it at random moments between.
 */
import { createCore } from '../../../../src/main/core';
import { silentLogger } from '../../../../src/main/core/logger';

const dataDir = process.env['TEST_DATA_DIR'] ?? '';
const now = new Date(process.env['TEST_NOW'] ?? '').getTime();

const core = await createCore({
  dataDir,
  clock: { now: () => new Date(now) },
  logger: silentLogger,
  runBackgroundJobs: true,
});
process.stdout.write('READY\n');
const timer = setInterval(() => {
  const rows = core.jobs.listOutbox(1000);
  const reminders = core.jobs.lastResults().reminders;
  if (reminders?.status === 'succeeded' && rows.every((r) => r.status === 'sent')) {
    clearInterval(timer);
    process.stdout.write(`DONE ${rows.length}\n`);
    core.close();
    process.exit(0);
  }
}, 10);
