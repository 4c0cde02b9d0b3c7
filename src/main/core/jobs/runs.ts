import type { JobName, JobRunSummary } from '../../../shared/dto/jobs';
import type { Sqlite } from '../db/open';

interface JobRunRow {
  job: JobName;
  period: string;
  status: JobRunSummary['status'];
  started_at: number;
  finished_at: number | null;
  counts: string;
  error: string | null;
}

const toSummary = (row: JobRunRow): JobRunSummary => ({
  job: row.job,
  period: row.period,
  status: row.status,
  startedAt: new Date(row.started_at).toISOString(),
  finishedAt: row.finished_at === null ? null : new Date(row.finished_at).toISOString(),
  counts: JSON.parse(row.counts) as Record<string, number>,
  error: row.error,
});

/** The job_runs table: one row per (job, period), rewritten when a period runs again. */
export function jobRuns(sqlite: Sqlite) {
  const begin = sqlite.prepare<[string, string, number]>(
    `INSERT INTO job_runs (job, period, status, started_at) VALUES (?, ?, 'running', ?)
     ON CONFLICT(job, period) DO UPDATE SET status = 'running', started_at = excluded.started_at,
       finished_at = NULL, error = NULL`,
  );
  const finish = sqlite.prepare<[string, number, string, string | null, string, string]>(
    `UPDATE job_runs SET status = ?, finished_at = ?, counts = ?, error = ? WHERE job = ? AND period = ?`,
  );
  const records = sqlite.prepare<
    [string],
    { period: string; status: JobRunSummary['status']; startedAt: number }
  >('SELECT period, status, started_at AS startedAt FROM job_runs WHERE job = ? ORDER BY period');
  const latest = sqlite.prepare<[string], JobRunRow>(
    'SELECT * FROM job_runs WHERE job = ? ORDER BY started_at DESC, id DESC LIMIT 1',
  );
  const failures = sqlite.prepare<[string, number], JobRunRow>(
    `SELECT * FROM job_runs WHERE job = ? AND status = 'failed' ORDER BY started_at DESC, id DESC LIMIT ?`,
  );
  const one = sqlite.prepare<[string, string], JobRunRow>(
    'SELECT * FROM job_runs WHERE job = ? AND period = ?',
  );
  return {
    begin: (job: JobName, period: string, at: number) => void begin.run(job, period, at),
    succeed: (job: JobName, period: string, at: number, counts: Record<string, number>) =>
      void finish.run('succeeded', at, JSON.stringify(counts), null, job, period),
    fail: (job: JobName, period: string, at: number, counts: Record<string, number>, error: string) =>
      void finish.run('failed', at, JSON.stringify(counts), error, job, period),
    records: (job: JobName) => records.all(job),
    latest: (job: JobName): JobRunSummary | null => {
      const row = latest.get(job);
      return row ? toSummary(row) : null;
    },
    failures: (job: JobName, limit: number) => failures.all(job, limit).map(toSummary),
    get: (job: JobName, period: string): JobRunSummary | null => {
      const row = one.get(job, period);
      return row ? toSummary(row) : null;
    },
  };
}

export type JobRuns = ReturnType<typeof jobRuns>;
