import { type SecretStore, networkDir, type PairedDevice } from '../core';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HostLink, LinkError, probeHost, untrustedMessage, type HostPin } from './link';
import { PATHS, type PairRequest } from './protocol';

/** What a client PC keeps about its host: the pin, and its device secret encrypted by the SecretStore. */
export interface ClientPairing extends HostPin {
  deviceId: number;
  deviceName: string;
  /** The device secret, encrypted (Electron safeStorage in the app); never in plain text. */
  secretCipher: string;
  pairedAt: string;
}

const pairingFile = (dataDir: string) => join(networkDir(dataDir), 'client.json');

/** This PC's pairing with a host, or null when it is not a client. */
export function loadClientPairing(dataDir: string): ClientPairing | null {
  if (!existsSync(pairingFile(dataDir))) return null;
  return JSON.parse(readFileSync(pairingFile(dataDir), 'utf8')) as ClientPairing;
}

export function saveClientPairing(dataDir: string, pairing: ClientPairing): void {
  mkdirSync(networkDir(dataDir), { recursive: true });
  writeFileSync(pairingFile(dataDir), `${JSON.stringify(pairing, null, 2)}\n`, { mode: 0o600 });
  chmodSync(pairingFile(dataDir), 0o600);
}

export function forgetClientPairing(dataDir: string): void {
  rmSync(pairingFile(dataDir), { force: true });
}

/** The `<id>.<secret>` credential, decrypted only in main, only to be sent to the pinned host. */
export const credentialOf = async (pairing: ClientPairing, secrets: SecretStore): Promise<string> =>
  `${pairing.deviceId}.${await secrets.decrypt(pairing.secretCipher)}`;

export class PairingError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PairingError';
  }
}

/**
 * Pairs this PC with the host at `address`: reads the host's certificate, checks it against the
 * fingerprint the person compared (when given), then redeems the code over a link pinned to that
 * certificate and keeps the device secret encrypted. Throws PairingError with a sentence.
 */
export async function pairWithHost(options: {
  address: string;
  code: string;
  deviceName: string;
  /** The fingerprint shown on the host; the pairing is refused when the PC at `address` shows another. */
  expectedFingerprint?: string;
  secrets: SecretStore;
  now: Date;
}): Promise<ClientPairing> {
  const unavailable = options.secrets.unavailableReason();
  if (unavailable) throw new PairingError('host_refused', unavailable);
  let pin: HostPin;
  try {
    pin = await probeHost(options.address);
  } catch (error) {
    throw new PairingError('host_unreachable', error instanceof LinkError ? error.message : String(error));
  }
  const expected = options.expectedFingerprint?.trim().toUpperCase();
  if (expected && expected !== pin.fingerprint) {
    throw new PairingError('host_refused', untrustedMessage(pin.address));
  }
  const link = new HostLink(pin, null);
  try {
    const request: PairRequest = { code: options.code, deviceName: options.deviceName };
    const answer = await link.send(PATHS.pair, request);
    const result = answer.body as
      { ok: true; value: PairedDevice } | { ok: false; error: { code: string; message: string } };
    if (!result.ok) throw new PairingError(result.error.code, result.error.message);
    const pairing: ClientPairing = {
      ...pin,
      deviceId: result.value.deviceId,
      deviceName: options.deviceName,
      secretCipher: await options.secrets.encrypt(result.value.secret),
      pairedAt: options.now.toISOString(),
    };
    return pairing;
  } catch (error) {
    if (error instanceof PairingError) throw error;
    if (error instanceof LinkError)
      throw new PairingError(error.kind === 'untrusted' ? 'host_refused' : 'host_unreachable', error.message);
    throw error;
  } finally {
    link.close();
  }
}
