/**
 * A stand-in for the desktop app in the recall crash test: the real core with its scheduler and
 * relay running on a fixed clock, SMTP from CLINIC_DESK_SMTP_URL. Prints READY once started and
 * DONE when the day's recalls are queued and all sent; the test SIGKILLs it in between.
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
  const recalls = core.jobs.lastResults().recalls;
  if (recalls?.status === 'succeeded' && rows.every((r) => r.status === 'sent')) {
    clearInterval(timer);
    process.stdout.write(`DONE ${rows.length}\n`);
    core.close();
    process.exit(0);
  }
}, 10);
