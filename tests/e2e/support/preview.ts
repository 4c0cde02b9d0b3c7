import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { copyDemoClinic, isFreshFolder } from '../../support/demo-template';
import { nodeChild } from '../../support/node-child';
import { TEST_SCRYPT } from '../../support/temp-core';

export const repoRoot = join(import.meta.dirname, '..', '..', '..');

const READY_LINE = /^Clinic Desk preview: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+))$/;

/** The clinic's clock in every e2e test that does not choose its own: a Wednesday mid-month. */
export const DEFAULT_NOW = '2026-03-11T10:05:00Z';

export interface PreviewOptions {
  demo?: boolean;
  /** A fresh temporary folder unless given; a fresh one is removed again by `stop()`. */
  dataDir?: string;
  /** Entry point (repo-relative or absolute; one of tests/support/child-bundles.ts CHILD_ENTRIES), run from its bundle. */
  entry?: string;
  /**
   * Fixes the clinic's clock at this ISO instant, so "today" and free slots are the same every run.
   * Defaults to DEFAULT_NOW: no test reads the real clock, so none can fail on a particular date.
   */
  now?: string;
  /** Extra environment for the server, e.g. CLINIC_DESK_SMTP_URL of a test SMTP sink. */
  env?: Record<string, string>;
  /** How long to wait for the ready line. */
  startTimeoutMs?: number;
  /**
   * How a demo clinic in a fresh folder comes about: 'template' (the default) copies this run's
   * seeded one (tests/support/demo-template.ts; staff hashes at TEST_SCRYPT, so signing in is
   * quick), 'fresh' lets the server seed it itself at the shipped cost, as `--demo` does for users.
   */
  seedDemo?: 'template' | 'fresh';
}

export interface Preview {
  /** The address with the access token, as printed by the server. */
  url: string;
  /** The address without the token, e.g. http://127.0.0.1:5123 */
  origin: string;
  token: string;
  dataDir: string;
  /** Everything the server wrote, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** The server runs in its own process group (with any process it starts), so signal the group. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Starts the browser preview server and resolves once it prints its address. */
export async function startPreview(options: PreviewOptions = {}): Promise<Preview> {
  const ownDataDir = options.dataDir === undefined;
  const fresh = isFreshFolder(options.dataDir);
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'clinic-desk-e2e-'));
  const now = options.now ?? DEFAULT_NOW;
  const demo = options.demo ?? true;
  const args = ['--data-dir', dataDir, '--port', '0'];
  if (demo) args.push('--demo');
  args.push('--now', now);
  if (demo && fresh && (options.seedDemo ?? 'template') === 'template') {
    await copyDemoClinic(dataDir, { now: new Date(now), demo: true, passwordCost: TEST_SCRYPT });
  }

  const child = spawn(process.execPath, nodeChild(options.entry ?? 'src/main/web/main.ts', ...args), {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', ...options.env },
  });
  let log = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));

  const stop = async (): Promise<void> => {
    signalGroup(child, 'SIGTERM');
    if (!(await waitForExit(child, 5_000))) {
      signalGroup(child, 'SIGKILL');
      await waitForExit(child, 5_000);
    }
    if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
  };

  const timeoutMs = options.startTimeoutMs ?? 60_000;
  try {
    const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`The preview server printed no address within ${timeoutMs} ms.`)),
        timeoutMs,
      );
      createInterface({ input: child.stdout }).on('line', (line) => {
        log += `${line}\n`;
        const found = READY_LINE.exec(line.trim());
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(`The preview server exited (${signal ?? `code ${code}`}) before printing its address.`),
        );
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    const [, url = '', port = '', token = ''] = match;
    return { url, origin: `http://127.0.0.1:${port}`, token, dataDir, output: () => log, stop };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${log}`, { cause: error });
  }
}

/** Where the page keeps its preview key (src/renderer/src/lib/transport.ts). */
export const PAGE_KEY_STORAGE = 'clinic-desk-preview-key';

/**
 * The header a call from a test needs besides the page's cookies: the page's own per-session key,
 * read from its storage (a replayed cookie jar alone gets 401, issue 9).
 */
export async function pageKeyHeader(page: {
  evaluate<R, A>(fn: (arg: A) => R, arg: A): Promise<R>;
}): Promise<Record<string, string>> {
  const key = await page.evaluate(
    (name: string) =>
      (
        globalThis as unknown as { localStorage: { getItem(name: string): string | null } }
      ).localStorage.getItem(name) ?? '',
    PAGE_KEY_STORAGE,
  );
  return { 'x-clinic-desk-key': key };
}
