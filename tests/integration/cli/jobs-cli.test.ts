import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliWithEnv } from '../../support/cli-process';
import { JobFixtures } from '../../support/job-fixtures';
import { SmtpSink } from '../../support/smtp-sink';
import { tempCore, tempDir } from '../../support/temp-core';

// Each case starts several CLI processes; on a loaded 2-core machine one start can take 5–10 s.
describe('command line: jobs, export, outbox', { timeout: 180_000 }, () => {
  const dataDir = tempDir('clinic-desk-jobs-cli-');
  const sink = new SmtpSink();

  const cli = (env: Record<string, string>, ...args: string[]) =>
    cliWithEnv(env, ...args, '--data-dir', dataDir);

  beforeAll(async () => {
    await sink.start();
    const t = await tempCore({ dataDir });
    t.core.close();
    const f = new JobFixtures(join(dataDir, 'clinic.db')).clinic();
    const doctor = f.doctor('Dr Cli', f.department('General'), 'cli@example.org');
    const p = f.patient('Carla Cli', { email: 'carla@example.org', number: 'C000001' });
    f.appointment(p, doctor, '2026-03-16', '09:00');
    const done = f.appointment(p, doctor, '2026-02-16', '09:00', 'completed');
    f.treatment(done, { diagnosis: 'Cold' });
    f.close();
  }, 60_000);
  afterAll(async () => {
    await sink.stop();
  });

  it('runs reminders for a given day and sends them to CLINIC_DESK_SMTP_URL', async () => {
    const env = { CLINIC_DESK_SMTP_URL: sink.url };
    const first = await cli(env, 'jobs', 'run', 'reminders', '--date', '2026-03-16');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('reminders 2026-03-16: succeeded');
    expect(first.stdout).toContain('email: 1 sent');
    const again = await cli(env, 'jobs', 'run', 'reminders', '--date', '2026-03-16', '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({
      run: { counts: { queued: 0, alreadyQueued: 1 } },
      sent: { sent: 0 },
    });
    expect(sink.received.map((m) => m.to)).toEqual([['carla@example.org']]);

    const report = await cli(env, 'jobs', 'run', 'monthly-report', '--month', '2026-02', '--json');
    expect(JSON.parse(report.stdout)).toMatchObject({
      run: { counts: { stored: 1, queued: 1 } },
      sent: { sent: 1 },
    });

    const bad = await cli(env, 'jobs', 'run', 'reminders', '--date', '16/03/2026');
    expect(bad).toMatchObject({ code: 1, stderr: 'clinic-desk: --date must be YYYY-MM-DD.\n' });
  });

  it('exports a history to --out and lists jobs and the outbox', async () => {
    const out = join(dataDir, 'carla.csv');
    const exported = await cli(
      { CLINIC_DESK_SMTP_URL: sink.url },
      'export',
      'history',
      '--patient',
      'C000001',
      '--out',
      out,
    );
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain(`2 rows written to ${out}`);
    expect(readFileSync(out, 'utf8')).toContain('C000001,Carla Cli,2026-02-16');
    expect(existsSync(`${out}.partial`)).toBe(false);

    const missing = await cli({}, 'export', 'history', '--patient', 'Z999');
    expect(missing).toMatchObject({
      code: 1,
      stderr: 'clinic-desk: There is no patient with number Z999.\n',
    });

    const jobs = JSON.parse((await cli({}, 'jobs', 'list', '--json')).stdout);
    expect(jobs.map((j: { job: string }) => j.job)).toEqual(['reminders', 'recalls', 'monthly-report']);
    const outbox = JSON.parse((await cli({}, 'outbox', 'list', '--json')).stdout);
    expect(outbox.delivery).toEqual({ mode: 'folder', folder: join(dataDir, 'outbox') });
    expect(outbox.items.map((i: { kind: string; status: string }) => `${i.kind}:${i.status}`)).toEqual([
      'export:sent',
      'report:sent',
      'reminder:sent',
    ]);
    const range = await cli({}, 'export', 'range', '--from', '2026-02-01', '--to', '2026-03-31', '--json');
    expect(JSON.parse(range.stdout)).toMatchObject({ export: { status: 'done', rows: 2 } });
  });
});
