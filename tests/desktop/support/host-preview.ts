/**
 * The host PC of the several-PCs clinic day (tests/desktop/clinic-day-client.test.ts), run from its
 * bundle through tests/e2e/support/preview.ts (`entry`): the browser preview of a core that also serves
 * the clinic's other PCs, wired as the desktop app's main process wires it
 * (src/main/shell/desktop-app.ts: `createNetworkHost`, `networkHost: host.control`, `attach`,
 * `apply`), but on a fixed clock and listening on 127.0.0.1 only. Settings › Network on this page
 * turns hosting on and makes the pairing codes, exactly as on the host's desktop window.
 *
 * `--data-dir DIR --port 0 [--demo] [--now ISO]`; prints the preview's address line.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore, fileLogger } from '../../../src/main/core';
import { createNetworkHost } from '../../../src/main/network/host';
import { startPreviewServer } from '../../../src/main/web/server';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string', default: '0' },
    demo: { type: 'boolean', default: false },
    now: { type: 'string' },
  },
});
const dataDir = resolve(values['data-dir'] ?? '');
const fixedNow = values.now === undefined ? undefined : Date.parse(values.now);
const logger = fileLogger(dataDir, true);
const host = createNetworkHost({ logger, bindAddress: '127.0.0.1' });
const core = await createCore({
  dataDir,
  demo: values.demo,
  logger,
  ...(fixedNow === undefined ? {} : { clock: { now: () => new Date(fixedNow) } }),
  runBackgroundJobs: true,
  networkHost: host.control,
});
host.attach(core);
await host.control.apply();
const preview = await startPreviewServer({
  core,
  logger,
  port: Number(values.port),
  rendererDir: resolve(process.cwd(), 'out', 'renderer'),
});
console.log(`Clinic Desk preview: ${preview.url}`);

const stop = () => {
  void Promise.all([preview.close(), host.close()]).then(() => {
    core.close();
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
