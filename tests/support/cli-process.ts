import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { nodeChild } from './node-child';

const run = promisify(execFile);
const root = join(__dirname, '..', '..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real command line as a child process (src/main/cli.ts, bundled), never the user's data folder. */
export function cli(...args: string[]): Promise<CliResult> {
  return cliWithEnv({}, ...args);
}

/** `cli` with extra environment variables (an SMTP URL, an empty one to keep mail off). */
export async function cliWithEnv(env: Record<string, string>, ...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, nodeChild('src/main/cli.ts', ...args), {
      cwd: root,
      env: { ...process.env, CLINIC_DESK_DATA_DIR: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as CliResult;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
