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

export const NO_SECURE_STORE =
  'This copy of Clinic Desk has no secure place to keep a password (only the desktop app has one), so it was not saved. Set CLINIC_DESK_SMTP_URL=smtp://user:password@host:port before starting instead.';

export const unavailableSecretStore: SecretStore = {
  unavailableReason: () => NO_SECURE_STORE,
  encrypt: () => Promise.reject(new Error(NO_SECURE_STORE)),
  decrypt: () => Promise.reject(new Error(NO_SECURE_STORE)),
};
