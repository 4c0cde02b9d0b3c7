import { type SecretStore, networkDir } from '../core';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * For the headless CLI, which has no OS keychain: AES-256-GCM with a random key in a 0600 file of
 * the data folder (like an SSH key). The desktop app uses Electron's safeStorage instead; this is
 * only as strong as the account's file permissions, and the CLI says so when it pairs.
 */
export function keyFileSecretStore(dataDir: string): SecretStore {
  const keyFile = join(networkDir(dataDir), 'device.key');
  const key = (): Buffer => {
    if (!existsSync(keyFile)) {
      mkdirSync(networkDir(dataDir), { recursive: true });
      writeFileSync(keyFile, randomBytes(32), { mode: 0o600 });
      chmodSync(keyFile, 0o600);
    }
    return readFileSync(keyFile);
  };
  const encrypt = (plain: string): string => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key(), iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  };
  const decrypt = (text: string): string => {
    const raw = Buffer.from(text, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key(), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  };
  return {
    unavailableReason: () => null,
    // The SecretStore contract is asynchronous (Electron's safeStorage is); this one is not.
    encrypt: (plain) => Promise.resolve().then(() => encrypt(plain)),
    decrypt: (text) => Promise.resolve().then(() => decrypt(text)),
  };
}
