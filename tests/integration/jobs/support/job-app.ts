/**
 * A stand-in for the desktop app in the exactly-once crash tests: the real core with its
 * scheduler and relay running on a fixed clock (TEST_NOW), SMTP from CLINIC_DESK_SMTP_URL. It
 * prints READY once started and DONE when the job named in TEST_JOB (`reminders`, `recalls`) has
 * succeeded and every queued message is sent; the tests SIGKILL it at moments in between.
 */
import { createCore } from '../../../../src/main/core';
import type { JobName } from '../../../../src/shared/dto/jobs';
import { silentLogger } from '../../../../src/main/core/logger';

const dataDir = process.env['TEST_DATA_DIR'] ?? '';
const now = new Date(process.env['TEST_NOW'] ?? '').getTime();
const job = (process.env['TEST_JOB'] ?? 'reminders') as JobName;

const core = await createCore({
  dataDir,
  clock: { now: () => new Date(now) },
  logger: silentLogger,
  runBackgroundJobs: true,
});
process.stdout.write('READY\n');
const timer = setInterval(() => {
  const rows = core.jobs.listOutbox(1000);
  if (core.jobs.lastResults()[job]?.status === 'succeeded' && rows.every((r) => r.status === 'sent')) {
    clearInterval(timer);
    process.stdout.write(`DONE ${rows.length}\n`);
    core.close();
    process.exit(0);
  }
}, 10);
