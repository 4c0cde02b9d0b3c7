/**
 * The bottom of the core: what the programs hosting it (desktop shell, browser preview, CLI,
 * tests) provide. Every other core module may import this one; it imports nothing.
 */

/** The one source of "now"; tests pass a fixed clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Where a connection's calls come from; used in the log and audit trail. */
export type Transport = 'ipc' | 'http' | 'cli' | 'test' | 'network';

/** How a finished job reaches the person at the desk; never given patient data. */
export interface Notifier {
  notify(title: string, body: string): void;
}

/** What only a desktop shell can do; absent in the preview and the CLI. */
export interface DesktopIntegration {
  showItemInFolder(path: string): void;
  htmlToPdf(html: string): Promise<Uint8Array>;
}

/**
 * Where the SMTP password is kept. The core never stores it in plain text: it asks this store to
 * encrypt it and keeps only the ciphertext. The desktop app passes an adapter over Electron's
 * safeStorage (OS keychain); the preview and the CLI have no secure backend, so there saving a
 * password is refused and `CLINIC_DESK_SMTP_URL` carries credentials instead.
 */
export interface SecretStore {
  /** Null when secrets can be stored; otherwise the sentence that explains why not. */
  unavailableReason(): string | null;
  /** Base64 ciphertext of `plain`. Rejects when unavailable. */
  encrypt(plain: string): Promise<string>;
  /** Rejects when `cipher` cannot be decrypted here (another PC or user, a reset keyring). */
  decrypt(cipher: string): Promise<string>;
}

/** What the program hosting the core does on its behalf. */
export interface CoreHost {
  /** Close and re-create the core, e.g. to carry out a restore. The CLI has nothing to restart. */
  requestRestart(reason: 'restore'): void;
}
