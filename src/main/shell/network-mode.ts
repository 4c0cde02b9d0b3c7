import { type Logger, UserError } from '../core';
import type { Tray } from 'electron';
import type { NetworkJoiner, SecretStore } from '../core';
import {
  credentialOf,
  loadClientPairing,
  pairWithHost,
  PairingError,
  saveClientPairing,
} from '../network/client-pairing';
import { createNetworkHost, type NetworkHost } from '../network/host';
import { probeHost } from '../network/link';
import { connectToHost, type HostLinkState, type RemoteCore } from '../network/remote-core';

/**
 * The desktop app's part in "several PCs, one clinic": a PC paired with a host runs as its client
 * (no database, no jobs, no backups: every call is forwarded); any other PC opens its own core and
 * may host, and its first-run screen can pair it with a host instead.
 */
export interface DesktopNetwork {
  /** The forwarder when this PC is a client, otherwise null (open the core as usual). */
  clientMode(): Promise<RemoteCore | null>;
  /** Hand to createCore as `networkHost`; attach the core once it exists. */
  readonly host: NetworkHost;
  /** Hand to createCore as `networkJoiner`: pairs, keeps the secret with safeStorage, relaunches. */
  readonly joiner: NetworkJoiner;
}

export function desktopNetwork(options: {
  dataDir: string;
  secretStore: SecretStore;
  logger: Logger;
  relaunch: () => void;
}): DesktopNetwork {
  const { dataDir, secretStore, logger } = options;
  return {
    clientMode: async () => {
      const pairing = loadClientPairing(dataDir);
      if (!pairing) return null;
      logger.log('info', 'starting as a client of the clinic host', { deviceId: pairing.deviceId });
      return connectToHost({ pin: pairing, credential: await credentialOf(pairing, secretStore), logger });
    },
    host: createNetworkHost({ logger }),
    joiner: {
      probe: async (address) => {
        const pin = await probeHost(address).catch((error: unknown) => {
          throw new UserError('conflict', error instanceof Error ? error.message : String(error));
        });
        return { address: pin.address, fingerprint: pin.fingerprint };
      },
      join: async (input) => {
        try {
          const pairing = await pairWithHost({
            address: input.address,
            code: input.code,
            deviceName: input.deviceName,
            expectedFingerprint: input.fingerprint,
            secrets: secretStore,
            now: new Date(),
          });
          saveClientPairing(dataDir, pairing);
        } catch (error) {
          if (error instanceof PairingError) {
            throw new UserError(
              error.code === 'too_many_attempts' ? 'too_many_attempts' : 'conflict',
              error.message,
            );
          }
          throw error;
        }
        // Restart as the host's client once this answer has reached the window.
        setTimeout(options.relaunch, 500);
      },
    },
  };
}

/** The tray's words for the link's state: connecting until the host has first answered. */
export function connectionTooltip(state: HostLinkState): string {
  if (state.reachable === null) return 'Clinic Desk — connecting to the clinic host…';
  return state.reachable
    ? 'Clinic Desk — connected to the clinic host'
    : `Clinic Desk — ${state.message ?? 'host not reachable'}`;
}

/** The tray of a client PC says whether the host answers, asked at once rather than at the first call. */
export function showConnectionState(tray: Tray | null, remote: RemoteCore): void {
  if (!tray) return;
  const show = () => tray.setToolTip(connectionTooltip(remote.state()));
  show();
  remote.onState(show);
  // A failed check has already set the state (and its sentence) the tray shows.
  void remote.check().catch(() => undefined);
}
