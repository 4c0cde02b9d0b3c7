import type { JobSchedule, SmtpSecurity } from '../../../shared/dto/jobs';
import type { Sqlite } from '../db/open';

/** SMTP settings as stored: everything but the password, which is only ever ciphertext. */
export interface SmtpSettings {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string;
  fromAddress: string;
  /** Base64 ciphertext from the SecretStore; null when no password is stored. */
  passwordCipher: string | null;
}

export const DEFAULT_SMTP: SmtpSettings = {
  host: '',
  port: 587,
  security: 'starttls',
  username: '',
  fromAddress: '',
  passwordCipher: null,
};

export const DEFAULT_SCHEDULE: JobSchedule = { reminderTime: '08:00', reportDay: 1, reportTime: '09:00' };

const SMTP_KEY = 'mail.smtp';
const SCHEDULE_KEY = 'jobs.schedule';

export interface MailSettingsStore {
  smtp(): SmtpSettings;
  saveSmtp(value: SmtpSettings): void;
  schedule(): JobSchedule;
  saveSchedule(value: JobSchedule): void;
}

/** The mail and job settings, as rows of the shared settings table (JSON values). */
export function mailSettingsStore(sqlite: Sqlite): MailSettingsStore {
  const read = sqlite.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const write = sqlite.prepare<[string, string]>(
    `INSERT INTO settings (key, value) VALUES (?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value,
       updated_at = CAST(unixepoch('subsec') * 1000 AS INTEGER)`,
  );
  const get = <T extends object>(key: string, fallback: T): T => {
    const row = read.get(key);
    return row ? { ...fallback, ...(JSON.parse(row.value) as Partial<T>) } : { ...fallback };
  };
  return {
    smtp: () => get(SMTP_KEY, DEFAULT_SMTP),
    saveSmtp: (value) => write.run(SMTP_KEY, JSON.stringify(value)),
    schedule: () => get(SCHEDULE_KEY, DEFAULT_SCHEDULE),
    saveSchedule: (value) => write.run(SCHEDULE_KEY, JSON.stringify(value)),
  };
}

export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
