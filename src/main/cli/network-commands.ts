import { storedFingerprint, fileLogger } from '../core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, DATABASE_FILE } from '../core';
import { createNetworkHost } from '../network/host';
import {
  credentialOf,
  loadClientPairing,
  pairWithHost,
  PairingError,
  saveClientPairing,
} from '../network/client-pairing';
import { keyFileSecretStore } from '../network/key-file-secret-store';
import { connectToHost } from '../network/remote-core';

/** A mistake the user can fix; the CLI prints it as one line and exits 1. */
export class NetworkUsageError extends Error {}

export interface NetworkCliOptions {
  as?: string | undefined;
  host?: string | undefined;
  code?: string | undefined;
  fingerprint?: string | undefined;
  name?: string | undefined;
  port?: string | undefined;
}

export interface NetworkCliOutput {
  print(value: unknown, text: string): void;
}

export const NETWORK_USAGE = `  network status [--as ADMIN]        host: setting, port, fingerprint (and devices); client: its host
  network pair --as ADMIN            on the host: a one-time code (10 minutes) to pair another PC
  network pair --host ADDR --code CODE [--fingerprint FP] [--name NAME]
                                     on another PC: pair this data folder with the clinic's host
  network host [--port N]            serve other PCs from this data folder until Ctrl+C (headless host)`;

/**
 * `network`: the same pairing and status as Settings › Network, for the clinic's IT person. A
 * client's device secret is kept encrypted with a key file readable only by this account (the
 * desktop app uses the OS keychain instead).
 */
export async function runNetworkCommand(
  dataDir: string,
  rest: string[],
  options: NetworkCliOptions,
  out: NetworkCliOutput,
): Promise<number> {
  const [verb] = rest;
  const pairing = loadClientPairing(dataDir);
  if (verb === 'status') {
    if (pairing) {
      const remote = connectToHost({
        pin: pairing,
        credential: await credentialOf(pairing, keyFileSecretStore(dataDir)),
        logger: fileLogger(dataDir),
      });
      try {
        const hello = await remote.connect('cli').call('auth/setupStatus', {});
        const value = {
          mode: 'client',
          host: pairing.address,
          fingerprint: pairing.fingerprint,
          deviceName: pairing.deviceName,
          pairedAt: pairing.pairedAt,
          reachable: hello.ok,
          problem: hello.ok ? null : hello.error.message,
        };
        out.print(
          value,
          [
            `This PC is a client of the clinic host at ${pairing.address} (paired as "${pairing.deviceName}" on ${pairing.pairedAt}).`,
            `Host certificate fingerprint: ${pairing.fingerprint}`,
            hello.ok ? `The host answers (clinic: ${hello.value.clinicName}).` : hello.error.message,
          ].join('\n'),
        );
        return hello.ok ? 0 : 1;
      } finally {
        remote.close();
      }
    }
    const core = await createCore({ dataDir, logger: fileLogger(dataDir) });
    try {
      const hosting = core.network.hosting();
      const fingerprint = storedFingerprint(dataDir);
      const devices = options.as ? await core.connectAs(options.as).call('network/devices', {}) : null;
      if (devices && !devices.ok)
        throw new NetworkUsageError(`${devices.error.message} (${devices.error.code})`);
      const value = {
        mode: 'host',
        hosting: hosting.enabled,
        port: hosting.port,
        fingerprint,
        devices: devices?.value ?? null,
      };
      const lines = [
        hosting.enabled
          ? `Other PCs may connect to this PC on port ${hosting.port} while Clinic Desk runs.`
          : 'This PC does not let other PCs connect (Settings › Network, or `network host`).',
        `Certificate fingerprint: ${fingerprint ?? 'none yet (made when hosting is first turned on)'}`,
        ...(devices?.value ?? []).map(
          (d) =>
            `  ${d.name}: paired ${d.pairedAt}, last seen ${d.lastSeenAt ?? 'never'}${d.revokedAt ? ', REVOKED' : ''}`,
        ),
      ];
      out.print(value, lines.join('\n'));
      return 0;
    } finally {
      core.close();
    }
  }
  if (verb === 'pair' && options.host === undefined) {
    if (!options.as) {
      throw new NetworkUsageError(
        'On the host, say which administrator creates the code (`network pair --as ADMIN`); on another PC, give `--host ADDRESS --code CODE`.',
      );
    }
    const admin = options.as;
    const core = await createCore({ dataDir, logger: fileLogger(dataDir) });
    try {
      const code = await core.connectAs(admin).call('network/createPairingCode', {});
      if (!code.ok) throw new NetworkUsageError(`${code.error.message} (${code.error.code})`);
      out.print(
        { ...code.value, fingerprint: storedFingerprint(dataDir) },
        `Pairing code: ${code.value.code} (works once, until ${code.value.expiresAt}).\nCertificate fingerprint to compare on the other PC: ${storedFingerprint(dataDir) ?? 'none yet: turn hosting on first'}`,
      );
      return 0;
    } finally {
      core.close();
    }
  }
  if (verb === 'pair') {
    if (!options.code) throw new NetworkUsageError('Give the code shown on the host: `--code ABCD-2345`.');
    if (existsSync(join(dataDir, DATABASE_FILE))) {
      throw new NetworkUsageError(
        `${dataDir} holds a clinic database of its own; a client PC works on the host's instead. Pair from an empty data folder (--data-dir).`,
      );
    }
    try {
      const paired = await pairWithHost({
        address: options.host ?? '',
        code: options.code,
        deviceName: options.name ?? 'Clinic PC',
        ...(options.fingerprint ? { expectedFingerprint: options.fingerprint } : {}),
        secrets: keyFileSecretStore(dataDir),
        now: new Date(),
      });
      saveClientPairing(dataDir, paired);
      out.print(
        { host: paired.address, fingerprint: paired.fingerprint, deviceId: paired.deviceId },
        `Paired with the clinic host at ${paired.address}.\nHost certificate fingerprint: ${paired.fingerprint}${options.fingerprint ? ' (matches)' : ' — compare it with Settings › Network on the host'}`,
      );
      return 0;
    } catch (error) {
      if (error instanceof PairingError) throw new NetworkUsageError(error.message);
      throw error;
    }
  }
  if (verb === 'host') {
    const port = options.port === undefined ? undefined : Number(options.port);
    if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
      throw new NetworkUsageError('--port must be a whole number from 0 to 65535.');
    const logger = fileLogger(dataDir);
    const host = createNetworkHost({ logger, ...(port === undefined ? {} : { port }) });
    const core = await createCore({ dataDir, logger, networkHost: host.control, runBackgroundJobs: true });
    host.attach(core);
    if (!core.network.hosting().enabled) {
      core.close();
      throw new NetworkUsageError(
        'Hosting is off: turn it on in Settings › Network (or `call network/configure`).',
      );
    }
    await host.control.apply();
    const state = host.control.state();
    if (!state.listening) {
      core.close();
      throw new NetworkUsageError(state.problem ?? 'The server did not start.');
    }
    out.print(
      { port: host.port(), addresses: state.addresses, fingerprint: storedFingerprint(dataDir) },
      `Serving other PCs on port ${host.port()} (${state.addresses.join(', ') || 'no LAN address found'}).\nFingerprint: ${storedFingerprint(dataDir)}\nPress Ctrl+C to stop.`,
    );
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await host.close();
    core.close();
    return 0;
  }
  throw new NetworkUsageError('Use `network status`, `network pair` or `network host`.');
}
