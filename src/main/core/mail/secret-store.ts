import type { SecretStore } from '../host';

export const NO_SECURE_STORE =
  'This copy of Clinic Desk has no secure place to keep a password (only the desktop app has one), so it was not saved. Set CLINIC_DESK_SMTP_URL=smtp://user:password@host:port before starting instead.';

export const unavailableSecretStore: SecretStore = {
  unavailableReason: () => NO_SECURE_STORE,
  encrypt: () => Promise.reject(new Error(NO_SECURE_STORE)),
  decrypt: () => Promise.reject(new Error(NO_SECURE_STORE)),
};
