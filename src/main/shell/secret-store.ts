import type { SafeStorage } from 'electron';
import type { SecretStore } from '../core';

export const NO_KEYCHAIN =
  'This computer offers Clinic Desk no encrypted storage (on Linux: no keyring such as GNOME Keyring or KWallet is running), so the password was not saved. Set CLINIC_DESK_SMTP_URL=smtp://user:password@host:port before starting instead.';

/**
 * The SMTP password through Electron's safeStorage (the OS keychain's key). Where encryption is
 * not available, or Linux would fall back to its hard-coded "basic_text" key, storing is refused
 * rather than done in effectively plain text.
 */
export function createSafeStorageSecretStore(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> &
    Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>,
  platform: NodeJS.Platform = process.platform,
): SecretStore {
  const unavailableReason = (): string | null => {
    if (!safeStorage.isEncryptionAvailable()) return NO_KEYCHAIN;
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text')
      return NO_KEYCHAIN;
    return null;
  };
  return {
    unavailableReason,
    encrypt: (plain) => {
      const reason = unavailableReason();
      if (reason) throw new Error(reason);
      return safeStorage.encryptString(plain).toString('base64');
    },
    decrypt: (cipher) => safeStorage.decryptString(Buffer.from(cipher, 'base64')),
  };
}
