import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore, StartupError } from '../core';
import { defaultDataDir } from '../core/data-dir';
import { errorFields, fileLogger } from '../core/logger';
import { startPreviewServer } from './server';

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
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new StartupUsageError(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
  }
  const dataDir = values['data-dir'] ? resolve(values['data-dir']) : defaultDataDir();
  const logger = fileLogger(dataDir, true);
  // Runs the scheduler and the relay like the desktop app; notifications go to the log and, as
  // jobs/finished events, to the page (no secure store here: SMTP passwords come from the env).
  const core = await createCore({ dataDir, demo: values.demo, logger, runBackgroundJobs: true });
  const preview = await startPreviewServer({
    core,
    logger,
    port,
    rendererDir: values.renderer ?? resolve(process.cwd(), 'out', 'renderer'),
  });
  console.log(`Clinic Desk preview: ${preview.url}`);
  const stop = () => {
    void preview.close().then(() => {
      core.close();
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
