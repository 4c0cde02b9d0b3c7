import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore, StartupError, type Core, defaultDataDir, errorFields, fileLogger } from '../core';
import { startPreviewServer, type PreviewServer } from './server';

/**
 * `npm run start:web [-- --port N --data-dir DIR --demo]`: the browser preview, for machines
 * where the Electron binary cannot be installed. Prints one line with the address to open.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5180' },
      'data-dir': { type: 'string' },
      demo: { type: 'boolean', default: false },
      renderer: { type: 'string' },
      // For end-to-end tests: the clinic's clock stands still at this instant (ISO 8601).
      now: { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new StartupUsageError(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
  }
  const dataDir = values['data-dir'] ? resolve(values['data-dir']) : defaultDataDir();
  const logger = fileLogger(dataDir, true);
  const fixedNow = values.now === undefined ? undefined : Date.parse(values.now);
  if (fixedNow !== undefined && Number.isNaN(fixedNow)) {
    throw new StartupUsageError(
      `--now must be an ISO date and time such as 2026-03-11T10:05:00Z, not "${values.now}".`,
    );
  }
  // Only for end-to-end tests that need a known "today"; never set in normal use.
  const clock = fixedNow === undefined ? undefined : { now: () => new Date(fixedNow) };
  const rendererDir = values.renderer ?? resolve(process.cwd(), 'out', 'renderer');
  let running: { core: Core; preview: PreviewServer } | null = null;
  let token: string | undefined;

  const restartFailed = (error: unknown) => {
    logger.log('error', 'preview restart failed', errorFields(error));
    console.error(
      'Clinic Desk preview stopped: it could not restart after the restore. The details are in the log.',
    );
    process.exit(1);
  };
  // A restore from Settings swaps the database file, which needs a fresh core: stop both and
  // start again on the same address, so the open browser tab just has to sign in again.
  const restart = async (): Promise<void> => {
    const previous = running;
    running = null;
    if (previous) {
      await previous.preview.close();
      previous.core.close();
    }
    const core = await createCore({
      dataDir,
      demo: values.demo,
      logger,
      ...(clock ? { clock } : {}),
      // Runs the scheduler and the relay like the desktop app; notifications go to the log and,
      // as jobs/finished events, to the page (no secure store here: SMTP passwords come from the env).
      runBackgroundJobs: true,
      host: { requestRestart: () => void restart().catch(restartFailed) },
    });
    const preview = await startPreviewServer({
      core,
      logger,
      port: previous ? previous.preview.port : port,
      rendererDir,
      ...(token ? { token } : {}),
      ...(previous ? { sessionKeys: previous.preview.sessionKeys } : {}),
    });
    token = preview.token;
    running = { core, preview };
    if (!previous) console.log(`Clinic Desk preview: ${preview.url}`);
    else console.log('Clinic Desk preview restarted (database restored); sign in again.');
  };
  await restart();

  const stop = () => {
    const current = running;
    if (!current) process.exit(0);
    void current.preview.close().then(() => {
      current.core.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

class StartupUsageError extends Error {}

main().catch((error: unknown) => {
  if (error instanceof StartupError || error instanceof StartupUsageError) {
    console.error(`Clinic Desk preview could not start: ${error.message}`);
  } else if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
    console.error(
      'Clinic Desk preview could not start: that port is already in use. Try --port 0 for a free one.',
    );
  } else if (error instanceof Error && 'code' in error && error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    console.error(`Clinic Desk preview could not start: ${error.message}`);
  } else {
    console.error('Clinic Desk preview could not start. The details are in the log.');
    console.error(JSON.stringify(errorFields(error)));
  }
  process.exit(1);
});
