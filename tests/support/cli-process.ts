import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(__dirname, '..', '..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real command line as a child process (tsx over src/main/cli.ts), never the user's data folder. */
export async function cli(...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(
      join(root, 'node_modules', '.bin', 'tsx'),
      ['src/main/cli.ts', ...args],
      {
        cwd: root,
        env: { ...process.env, CLINIC_DESK_DATA_DIR: '' },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as CliResult;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
