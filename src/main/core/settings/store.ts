import { DEFAULT_NETWORK_PORT } from '../../../shared/channels/network';
import type { DateOrder, ImportMapping } from '../../../shared/dto/imports';
import type { Sqlite } from '../db/open';

/** Clinic-wide settings kept in the database, so the app, the preview and the CLI agree. */
export interface ClinicSettings {
  clinicName: string;
  clinicAddress: string;
  clinicPhone: string;
  /** IANA time zone in which "today", "this month" and "08:00" are computed. */
  timeZone: string;
  /** Minutes without activity after which a window's session is locked (1–240). */
  idleLockMinutes: number;
  /** True for a database seeded with the demo clinic: the sign-in screen lists demo logins. */
  demo: boolean;
  demoLogins: { username: string; password: string }[];
  /** When the last verified daily backup was written (epoch ms), or null. */
  lastBackupAt: number | null;
  lastBackupFile: string | null;
  /** Why the last restore asked for from the app was not carried out, or null. */
  lastRestoreError: string | null;
  /** This PC lets the clinic's other PCs connect (issue 14), and on which port. */
  networkHosting: boolean;
  networkPort: number;
  /** The column mapping of the last patient import, offered again for a file with those headers. */
  importMapping: ImportMapping | null;
  /** How the clinic writes dates like 04/05/1980, asked once at the first import. */
  importDateOrder: DateOrder | null;
  /** Days before a follow-up is due that the recall email goes out (1–60). */
  recallDaysBefore: number;
}

export const DEFAULT_SETTINGS: ClinicSettings = {
  clinicName: 'Clinic Desk',
  clinicAddress: '',
  clinicPhone: '',
  timeZone: 'UTC',
  idleLockMinutes: 10,
  demo: false,
  demoLogins: [],
  lastBackupAt: null,
  lastBackupFile: null,
  lastRestoreError: null,
  networkHosting: false,
  networkPort: DEFAULT_NETWORK_PORT,
  importMapping: null,
  importDateOrder: null,
  recallDaysBefore: 7,
};

export interface SettingsStore {
  get<K extends keyof ClinicSettings>(key: K): ClinicSettings[K];
  set<K extends keyof ClinicSettings>(key: K, value: ClinicSettings[K]): void;
}

export function settingsStore(sqlite: Sqlite): SettingsStore {
  const read = sqlite.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const write = sqlite.prepare<[string, string]>(
    `INSERT INTO settings (key, value) VALUES (?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value,
       updated_at = CAST(unixepoch('subsec') * 1000 AS INTEGER)`,
  );
  return {
    get(key) {
      const row = read.get(key);
      return row ? (JSON.parse(row.value) as ClinicSettings[typeof key]) : DEFAULT_SETTINGS[key];
    },
    set(key, value) {
      write.run(key, JSON.stringify(value));
    },
  };
}
