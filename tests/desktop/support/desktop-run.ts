import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './build';
import { RemoteLocator } from './remote-page';

/** What the stand-in `electron` reports (tests/desktop/support/electron-stand-in/electron.mjs). */
export interface StandInMessage {
  type: string;
  [field: string]: unknown;
}

export interface DesktopRun {
  messages: StandInMessage[];
  /** Output of the app process, for the failure message. */
  output: () => string;
  /** Resolves with the first message (already received or still to come) that matches. */
  waitFor: (match: (message: StandInMessage) => boolean, what: string) => Promise<StandInMessage>;
  /** `window.clinicDesk.invoke(channel, input)` evaluated in the main window's page. */
  invoke: <T = unknown>(channel: string, input: unknown) => Promise<T>;
  /** The main window's page, driven with Playwright's locators through the stand-in. */
  window: RemoteLocator;
  /** Runs a JavaScript expression in the main window's page. */
  evaluate: <T = unknown>(expression: string) => Promise<T>;
  waitForText: (text: string) => Promise<void>;
  /** The `.node` files mapped into the app process (Linux /proc/self/maps). */
  nativeModules: () => Promise<string[]>;
  /** Clicks the tray menu's Quit; resolves with the exit code. */
  quit: () => Promise<number | null>;
  exited: Promise<number | null>;
}

/**
 * `app.getAppPath()` as in development, at `<root>/app`: links to the built bundles, migrations and
 * icons of this project. Answers the folder.
 */
export function linkAppFolder(root: string): string {
  const appPath = join(root, 'app');
  mkdirSync(appPath);
  for (const entry of ['out', 'drizzle', 'resources', 'package.json']) {
    symlinkSync(join(PROJECT_ROOT, entry), join(appPath, entry));
  }
  return appPath;
}

/**
 * Starts the built main process (out/main/index.js) under Node with `electron` resolved to the
 * stand-in; `appPath` plays `app.getAppPath()`, `userData` Electron's per-user folder.
 */
export function startDesktop(options: { appPath: string; userData: string }): DesktopRun {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['CLINIC_DESK_DATA_DIR'];
  delete env['ELECTRON_RENDERER_URL'];
  delete env['CLINIC_DESK_DEMO'];
  const child: ChildProcess = fork(join(PROJECT_ROOT, 'out', 'main', 'index.js'), [], {
    cwd: options.appPath,
    env: { ...env, STAND_IN_APP_PATH: options.appPath, STAND_IN_USER_DATA: options.userData },
    execArgv: ['--import', join(PROJECT_ROOT, 'tests/desktop/support/electron-stand-in/loader.mjs')],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const messages: StandInMessage[] = [];
  const waiters = new Set<{
    match: (message: StandInMessage) => boolean;
    resolve: (m: StandInMessage) => void;
  }>();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.on('message', (raw) => {
    const message = raw as StandInMessage;
    messages.push(message);
    for (const waiter of [...waiters]) {
      if (waiter.match(message)) {
        waiters.delete(waiter);
        waiter.resolve(message);
      }
    }
  });

  const waitFor = (match: (message: StandInMessage) => boolean, what: string): Promise<StandInMessage> => {
    const seen = messages.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise<StandInMessage>((resolve, reject) => {
      const waiter = { match, resolve };
      waiters.add(waiter);
      void exited.then((code) => {
        if (!waiters.has(waiter)) return;
        waiters.delete(waiter);
        reject(new Error(`the app exited (${String(code)}) before ${what}:\n${output}`));
      });
    });
  };

  let nextId = 1;
  const request = async (message: Record<string, unknown>): Promise<unknown> => {
    const id = nextId++;
    child.send({ ...message, id });
    const reply = await waitFor(
      (m) => m.type === 'reply' && m['id'] === id,
      `reply to ${String(message['op'])}`,
    );
    if (typeof reply['error'] === 'string') throw new Error(reply['error']);
    return reply['result'];
  };

  return {
    messages,
    output: () =>
      `${output}\n${messages
        .filter((message) => message.type !== 'reply')
        .map((message) => JSON.stringify(message))
        .join('\n')}`,
    waitFor,
    invoke: async <T>(channel: string, input: unknown) => {
      const result = (await request({ op: 'invoke', channel, input })) as
        { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
    window: new RemoteLocator((chain) => request({ op: 'page', chain })),
    evaluate: async <T>(expression: string) => (await request({ op: 'evaluate', expression })) as T,
    waitForText: async (text) => {
      await request({ op: 'waitForText', text });
    },
    nativeModules: async () => (await request({ op: 'nativeModules' })) as string[],
    quit: async () => {
      if (child.connected) child.send({ op: 'trayQuit', id: 0 });
      return exited;
    },
    exited,
  };
}
