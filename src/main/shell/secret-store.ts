import type { SafeStorage } from 'electron';
import type { SecretStore } from '../core';

export const NO_KEYCHAIN =
  'This computer offers Clinic Desk no encrypted storage (on Linux: no keyring such as GNOME Keyring or KWallet is running), so the password was not saved. Set CLINIC_DESK_SMTP_URL=smtp://user:password@host:port before starting instead.';

export type AsyncSafeStorage = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'
> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

/**
 * The SMTP password through Electron's safeStorage (the OS keychain's key), with the async API
 * (the sync one is deprecated since Electron 45). Availability is asked once, after `ready`, so
 * the settings screen can say at once whether a password can be kept. Where encryption is not
 * available, or Linux would fall back to its hard-coded "basic_text" key, storing is refused
 * rather than done in effectively plain text.
 */
export async function openSafeStorageSecretStore(
  safeStorage: AsyncSafeStorage,
  platform: NodeJS.Platform = process.platform,
): Promise<SecretStore> {
  const available = await safeStorage.isAsyncEncryptionAvailable().catch(() => false);
  const reason =
    !available || (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text')
      ? NO_KEYCHAIN
      : null;
  return {
    unavailableReason: () => reason,
    encrypt: async (plain) => {
      if (reason) throw new Error(reason);
      return (await safeStorage.encryptStringAsync(plain)).toString('base64');
    },
    decrypt: async (cipher) => (await safeStorage.decryptStringAsync(Buffer.from(cipher, 'base64'))).result,
  };
}
