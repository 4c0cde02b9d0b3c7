/**
 * `npx tsx tests/bench/export-range.bench.ts [ROWS]` (wire as `npm run bench`): fills a clinic
 * with ROWS appointments (default 1,000,000), runs the administrator's range export through the
 * core (the real worker thread) and reports the main thread's event-loop delay meanwhile, the
 * main process's memory and the time taken. Not a test: numbers vary by machine.
 */
import { rmSync, statSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createCore } from '../../src/main/core';
import { silentLogger } from '../../src/main/core/logger';
import { JobFixtures } from '../support/job-fixtures';
import { TEST_SCRYPT, tempDir } from '../support/temp-core';

const rows = Number(process.argv[2] ?? 1_000_000);
const dataDir = tempDir('clinic-desk-bench-');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  const core = await createCore({
    dataDir,
    logger: silentLogger,
    passwordCost: TEST_SCRYPT,
    demo: true,
    env: {},
  });
  const f = new JobFixtures(core.dbPath);
  const doctor = f.doctor('Dr Bench', f.department('Bench'));
  const patient = f.patient('Bench Patient');
  const first = Date.UTC(2020, 0, 1, 9);
  const fillStart = performance.now();
  f.bulkAppointments(patient, doctor, first, rows, 60_000 * 7);
  f.close();
  console.log(`filled ${rows} appointments in ${((performance.now() - fillStart) / 1000).toFixed(1)} s`);

  const admin = core.connectAs('admin', 'cli');
  let progressEvents = 0;
  admin.onEvent((event) => {
    if (event === 'jobs/progress') progressEvents += 1;
  });
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  let peakRss = process.memoryUsage().rss;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const baseRss = process.memoryUsage().rss;
  histogram.enable();
  const started = performance.now();
  const result = await admin.call('exports/startRange', { from: '2019-12-31', to: '2035-12-31' });
  if (!result.ok) throw new Error(result.error.message);
  const returnedAfter = performance.now() - started;
  const item = await core.jobs.waitExport(result.value.exportId);
  const seconds = (performance.now() - started) / 1000;
  histogram.disable();
  clearInterval(rssTimer);
  if (item.status !== 'done') throw new Error(item.error ?? 'export failed');
  console.log(
    [
      `range export: ${item.rows} rows, ${mb(statSync(item.filePath!).size)} CSV in ${seconds.toFixed(1)} s (${Math.round(item.rows / seconds)} rows/s)`,
      `exports/startRange answered after ${returnedAfter.toFixed(1)} ms; ${progressEvents} progress events`,
      `main thread event-loop delay: max ${(histogram.max / 1e6).toFixed(1)} ms, p99 ${(histogram.percentile(99) / 1e6).toFixed(1)} ms, mean ${(histogram.mean / 1e6).toFixed(1)} ms`,
      `main process RSS: ${mb(baseRss)} before, ${mb(peakRss)} peak (worker thread included)`,
    ].join('\n'),
  );
  core.close();
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dataDir, { recursive: true, force: true }));
