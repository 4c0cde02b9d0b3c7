/**
 * A real client PC's main process: no database, only the forwarder to the host.
 * Usage: tsx client-process.ts DATA_DIR CLOCK_ISO (the tests run its bundle: tests/support/child-bundles.ts). Commands: pair, start, call, credential, retarget.
 * Every push event of its (one) window is sent to the test as { event, payload }.
 */
import type { Connection } from '../../../../src/main/core/api';
import { silentLogger } from '../../../../src/main/core/logger';
import {
  credentialOf,
  loadClientPairing,
  pairWithHost,
  PairingError,
  saveClientPairing,
} from '../../../../src/main/network/client-pairing';
import { keyFileSecretStore } from '../../../../src/main/network/key-file-secret-store';
import { connectToHost, type RemoteCore } from '../../../../src/main/network/remote-core';
import { push, serveCommands } from './worker';

const [dataDir = '', clockIso = ''] = process.argv.slice(2);
const secrets = keyFileSecretStore(dataDir);
let remote: RemoteCore | null = null;
let window: Connection | null = null;

serveCommands({ pid: process.pid }, async (command) => {
  switch (command.op) {
    case 'pair':
      try {
        const pairing = await pairWithHost({
          address: String(command.address),
          code: String(command.code),
          deviceName: String(command.name),
          ...(typeof command.fingerprint === 'string' ? { expectedFingerprint: command.fingerprint } : {}),
          secrets,
          now: new Date(clockIso),
        });
        saveClientPairing(dataDir, pairing);
        return { ok: true, deviceId: pairing.deviceId, fingerprint: pairing.fingerprint };
      } catch (error) {
        if (error instanceof PairingError) return { ok: false, code: error.code, message: error.message };
        throw error;
      }
    case 'retarget': {
      const pairing = loadClientPairing(dataDir);
      if (!pairing) throw new Error('not paired');
      saveClientPairing(dataDir, { ...pairing, address: String(command.address) });
      return { ok: true };
    }
    case 'start': {
      remote?.close();
      const pairing = loadClientPairing(dataDir);
      if (!pairing) throw new Error('not paired');
      remote = connectToHost({
        pin: pairing,
        credential: await credentialOf(pairing, secrets),
        logger: silentLogger,
        retryMs: [50, 100],
      });
      window = remote.connect('ipc');
      window.onEvent((event, payload) => push({ event, payload }));
      return { ok: true };
    }
    case 'call':
      if (!window) throw new Error('not started');
      return window.callUnknown(command.channel, command.input);
    case 'credential': {
      const pairing = loadClientPairing(dataDir);
      return pairing ? await credentialOf(pairing, secrets) : null;
    }
    case 'state':
      return remote?.state() ?? null;
    default:
      throw new Error(`unknown command ${String(command.op)}`);
  }
});
