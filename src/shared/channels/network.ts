import { z } from 'zod';
import { define, emptyInput } from './define';

/** The default TCP port a host serves other PCs on (HTTPS). */
export const DEFAULT_NETWORK_PORT = 7443;

/** How long a pairing code works after it is created. */
export const PAIRING_CODE_MINUTES = 10;

/** What Settings › Network shows the administrator on the host. */
export interface NetworkStatus {
  /** This PC lets other PCs connect (the setting). */
  hosting: boolean;
  port: number;
  /** The server is listening now (false while off, or when the port could not be opened). */
  listening: boolean;
  /** Why the server is not listening although hosting is on, in a sentence; otherwise null. */
  problem: string | null;
  /** SHA-256 fingerprint of the host's certificate (AA:BB:…), null before it is first generated. */
  fingerprint: string | null;
  /** Addresses other PCs can use, e.g. 192.168.1.20:7443. */
  addresses: string[];
}

export interface NetworkDevice {
  id: number;
  name: string;
  pairedAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

export interface PairingCode {
  /** Shown once: only its hash is stored. */
  code: string;
  expiresAt: string;
}

export const networkPort = z
  .number({ error: 'Enter the port number.' })
  .int('Enter a whole port number.')
  .min(1024, 'Choose a port from 1024 to 65535.')
  .max(65535, 'Choose a port from 1024 to 65535.');

export const networkConfigureInput = z.strictObject({
  enabled: z.boolean(),
  port: networkPort,
});

export const networkRevokeInput = z.strictObject({ id: z.number().int().positive() });

/** What a PC that is not yet set up learns about a host before pairing with it. */
export interface HostProbe {
  address: string;
  /** To compare with the one Settings › Network shows on the host. */
  fingerprint: string;
}

const hostAddress = z
  .string()
  .trim()
  .min(1, "Enter the host PC's address, e.g. 192.168.1.20:7443.")
  .max(260, "Enter the host PC's address, e.g. 192.168.1.20:7443.");

export const networkProbeInput = z.strictObject({ address: hostAddress });

export const networkJoinInput = z.strictObject({
  address: hostAddress,
  code: z
    .string()
    .trim()
    .min(4, 'Enter the pairing code shown on the host.')
    .max(20, 'Enter the pairing code shown on the host.'),
  /** The fingerprint the person saw and compared (from network/probe). */
  fingerprint: z
    .string()
    .trim()
    .regex(/^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/, 'The fingerprint is not complete.'),
  deviceName: z
    .string()
    .trim()
    .min(1, 'Name this PC, e.g. Consulting room 2.')
    .max(80, 'Use at most 80 characters.'),
});

export const networkChannels = {
  'network/probe': define<HostProbe>()({
    input: networkProbeInput,
    access: 'public',
    summary:
      "First run on another PC: read the host's certificate fingerprint to compare (before any clinic exists here).",
    mutates: false,
  }),
  'network/join': define<{ restarting: boolean }>()({
    input: networkJoinInput,
    access: 'public',
    summary:
      "First run on another PC: pair with the clinic's host using its one-time code, then restart as its client.",
    mutates: true,
  }),
  'network/status': define<NetworkStatus>()({
    input: emptyInput,
    access: ['admin'],
    summary: 'Whether this PC lets other PCs connect, on which port, and its certificate fingerprint.',
    mutates: false,
  }),
  'network/configure': define<NetworkStatus>()({
    input: networkConfigureInput,
    access: ['admin'],
    summary: 'Let other PCs in this clinic connect (or stop), and on which port.',
    mutates: true,
  }),
  'network/createPairingCode': define<PairingCode>()({
    input: emptyInput,
    access: ['admin'],
    summary: 'A one-time code (10 minutes) to pair another PC with this host.',
    mutates: true,
  }),
  'network/devices': define<NetworkDevice[]>()({
    input: emptyInput,
    access: ['admin'],
    summary: 'The PCs paired with this host: name, when paired, when last seen.',
    mutates: false,
  }),
  'network/revokeDevice': define<NetworkDevice>()({
    input: networkRevokeInput,
    access: ['admin'],
    summary: 'Stop a paired PC from connecting; its next call is refused.',
    mutates: true,
  }),
} as const;
