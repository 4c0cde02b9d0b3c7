import type { ChannelName, ChannelResult } from '../../shared/contract';
import type { SessionInfo } from '../../shared/dto';
import type { Result } from '../../shared/result';
import type { NetworkDevice } from '../../shared/channels/network';
import type { CoreJobs } from './jobs/background';
import type { HostCertificate } from './network/certificate';
import type { PairedDevice } from './network/pairing';
import type { LargeSeedPhase, LargeSeedResult } from './seed/large';
import type { ImportService } from './imports/service';

import type { EventListener } from './events';
import type { Transport } from './host';

export type { EventListener } from './events';
export type { Transport } from './host';

/**
 * One window, browser tab or CLI invocation talking to the core. A connection holds at most one
 * signed-in session; `auth/login` binds it, `auth/logout` or an idle lock ends it.
 */
export interface Connection {
  readonly id: string;
  /** Typed call for trusted in-process callers. */
  call<C extends ChannelName>(channel: C, input: unknown): Promise<Result<ChannelResult<C>>>;
  /** Untyped call from a transport: the channel name is checked against the contract too. */
  callUnknown(channel: unknown, input: unknown): Promise<Result<unknown>>;
  session(): SessionInfo | null;
  /** Push events for this connection (global ones and its own session's). Returns unsubscribe. */
  onEvent(listener: EventListener): () => void;
  close(): void;
}

export interface Core {
  readonly dataDir: string;
  readonly dbPath: string;
  readonly demoMode: boolean;
  connect(transport: Transport): Connection;
  /** A connection already signed in as `username`, for the CLI (which has the data folder anyway). */
  connectAs(username: string, transport?: Transport): Connection;
  /** Adds the demo clinic to an empty database (refused otherwise). */
  seedDemo(options?: {
    seed?: number;
  }): Promise<{ patients: number; doctors: number; logins: { username: string; password: string }[] }>;
  /** Verified online backups into `<dataDir>/backups` (daily + monthly rotation) or a chosen file. */
  readonly backups: {
    runDaily(): Promise<{ file: string; bytes: number; deleted: string[] }>;
    backupTo(file: string, options?: { replace?: boolean }): Promise<number>;
    list(): { name: string; path: string; kind: 'daily' | 'monthly'; bytes: number; modifiedAt: number }[];
  };
  /**
   * Generates a large clinic (years of history) into an empty database, for measuring the app at
   * scale (`cli seed --patients N`, `npm run bench`). Refused when the database holds a clinic.
   */
  seedLarge(options: {
    patients: number;
    doctors: number;
    years: number;
    seed?: number;
    onProgress?: (phase: LargeSeedPhase, fraction: number) => void;
  }): Promise<LargeSeedResult>;
  /** `integrity_check` and where the schema stands against this version's migrations. */
  checkDatabase(): DatabaseCheck;
  /** Jobs, outbox and exports for the shell's tray, the CLI and tests (same code as the channels). */
  readonly jobs: CoreJobs;
  /** What the host's network server needs before any session exists (src/main/network/host.ts). */
  readonly network: CoreNetwork;
  /** Patient import from CSV for the CLI and tests (the same worker as the imports channels). */
  readonly imports: Pick<ImportService, 'importPath'>;
  /** Stops timers and export workers, then closes the database. */
  close(): void;
}

export interface CoreNetwork {
  /** The saved setting: serve other PCs, and on which port. */
  hosting(): { enabled: boolean; port: number };
  /** The host's TLS identity, generated on first use. */
  certificate(): Promise<HostCertificate>;
  /** Redeems a one-time code for a new device (throws UserError when wrong, used, old or throttled). */
  pair(code: string, deviceName: string): PairedDevice;
  /** The paired, unrevoked device a `<id>.<secret>` credential belongs to, or null. */
  authenticate(credential: string | undefined): NetworkDevice | null;
}

export interface DatabaseCheck {
  integrity: string;
  schemaVersion: number;
  migrationsKnown: number;
  migrationsApplied: number;
  pending: string[];
}
