import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { JobName } from '../../../../src/shared/dto/jobs';
import { nodeChild } from '../../../support/node-child';

const root = join(import.meta.dirname, '..', '..', '..', '..');

export interface JobAppRun {
  outcome: 'done' | 'killed';
  /** ms from READY to DONE (only for a run that finished). */
  duration: number;
}

/**
 * Runs `job-app.ts` (the real core with its scheduler and relay) on `dataDir` at the instant
 * `now` until `job` is done and its mail sent; when `killAfterMs` is set, SIGKILLs it that long
 * after READY.
 */
export function runJobApp(options: {
  job: JobName;
  dataDir: string;
  now: string;
  smtpUrl: string;
  killAfterMs?: number;
}): Promise<JobAppRun> {
  const { job, dataDir, now, smtpUrl, killAfterMs } = options;
  return new Promise((resolve, reject) => {
    // Node on the app's bundle, no wrapper process: the SIGKILL must hit the app itself.
    const child = spawn(process.execPath, nodeChild('tests/integration/jobs/support/job-app.ts'), {
      cwd: root,
      env: {
        ...process.env,
        TEST_DATA_DIR: dataDir,
        TEST_NOW: now,
        TEST_JOB: job,
        CLINIC_DESK_SMTP_URL: smtpUrl,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let ready = 0;
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!ready && out.includes('READY')) {
        ready = performance.now();
        if (killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ outcome: 'killed', duration: 0 });
      else if (code === 0 && out.includes('DONE'))
        resolve({ outcome: 'done', duration: performance.now() - ready });
      else reject(new Error(`app exited with ${code}: ${err}`));
    });
  });
}
