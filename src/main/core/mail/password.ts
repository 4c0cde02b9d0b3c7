import { errorFields, type Logger } from '../logger';
import type { SecretStore } from '../host';

/** Shown on Settings › Email and the Jobs screen when the stored password no longer decrypts. */
export const PASSWORD_REENTRY =
  'The e-mail password must be entered again on this PC: the one stored with the clinic can only be read on the computer (and Windows user) that saved it. Until then no e-mail is sent.';

/**
 * The stored SMTP password, decrypted only when mail is sent. A ciphertext made on another PC or
 * Windows user, or before a Linux keyring reset, no longer decrypts: that is remembered (per
 * ciphertext, so saving a new password clears it) and reported as a sentence, never as an error
 * that stops the settings screen from opening.
 */
export interface MailPassword {
  /** The plain password for `cipher`; throws (and remembers the failure) when it does not decrypt. */
  reveal(cipher: string): Promise<string>;
  /** Tries the stored ciphertext once, so screens can say whether it must be entered again. */
  check(cipher: string | null): Promise<void>;
  /** PASSWORD_REENTRY when `cipher` is known not to decrypt here, else null. */
  problem(cipher: string | null): string | null;
}

export function createMailPassword(secrets: SecretStore, logger: Logger): MailPassword {
  const known = new Map<string, boolean>();
  const reveal = async (cipher: string): Promise<string> => {
    try {
      const plain = await secrets.decrypt(cipher);
      known.set(cipher, true);
      return plain;
    } catch (error) {
      if (known.get(cipher) !== false) {
        logger.log('warn', 'stored mail password does not decrypt on this PC', errorFields(error));
      }
      known.set(cipher, false);
      throw new Error(PASSWORD_REENTRY, { cause: error });
    }
  };
  return {
    reveal,
    check: async (cipher) => {
      if (cipher === null || known.has(cipher)) return;
      await reveal(cipher).catch(() => undefined);
    },
    problem: (cipher) => (cipher !== null && known.get(cipher) === false ? PASSWORD_REENTRY : null),
  };
}
