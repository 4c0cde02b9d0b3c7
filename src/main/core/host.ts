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
 * This PC's data folder, which only the desktop app can change: the choice lives in its per-PC
 * settings file (electron-store, never in SQLite: it must not travel with a backup), the folder
 * is picked with the native dialog, and the app restarts to use it. Absent in the preview and
 * the CLI, which read the same choice but never change it.
 */
export interface DataFolderHost {
  /** Why the folder in use is the one it is: the environment variable, a stored choice, or neither. */
  source(): 'environment' | 'chosen' | 'default';
  /** The native folder picker on this PC; null when the person cancels. */
  pickFolder(purpose: 'move' | 'open'): Promise<string | null>;
  /** Stores `folder` as this PC's data folder (used from the next start). Throws when it cannot. */
  storeChoice(folder: string): void;
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
  /**
   * Close and re-create the core: to carry out a restore, or to start on another data folder.
   * The CLI has nothing to restart.
   */
  requestRestart(reason: 'restore' | 'data-folder'): void;
}
