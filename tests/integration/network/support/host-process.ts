/**
 * A real host: the core on a demo clinic, serving other PCs over TLS on 127.0.0.1 (free port).
 * Usage: tsx host-process.ts DATA_DIR CLOCK_ISO (the tests run its bundle: tests/support/child-bundles.ts). Commands: code, revoke {deviceId}, devices, call.
 */
import { createCore } from '../../../../src/main/core';
import { silentLogger } from '../../../../src/main/core/logger';
import { createNetworkHost } from '../../../../src/main/network/host';
import { fixedClock, TEST_SCRYPT } from '../../../support/temp-core';
import { serveCommands } from './worker';

const [dataDir = '', clockIso = ''] = process.argv.slice(2);
const host = createNetworkHost({ logger: silentLogger, bindAddress: '127.0.0.1', port: 0 });
const core = await createCore({
  dataDir,
  clock: fixedClock(clockIso),
  logger: silentLogger,
  passwordCost: TEST_SCRYPT,
  demo: true,
  networkHost: host.control,
});
host.attach(core);
const admin = core.connectAs('admin', 'test');
const configured = await admin.call('network/configure', { enabled: true, port: 7443 });
if (!configured.ok || !configured.value.listening) throw new Error('host did not start listening');
process.on('SIGTERM', () => {
  void host.close().then(() => {
    core.close();
    process.exit(0);
  });
});
serveCommands({ port: host.port(), fingerprint: configured.value.fingerprint }, async (command) => {
  if (command.op === 'code') return admin.call('network/createPairingCode', {});
  if (command.op === 'revoke') return admin.call('network/revokeDevice', { id: command.deviceId });
  if (command.op === 'devices') return admin.call('network/devices', {});
  if (command.op === 'call') return admin.callUnknown(command.channel, command.input);
  throw new Error(`unknown command ${String(command.op)}`);
});
