import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { storedDataFolder } from './pc-settings';

export const APP_FOLDER_NAME = 'Clinic Desk';
export const DATA_DIR_ENV = 'CLINIC_DESK_DATA_DIR';

/** Electron's `app.getPath('userData')` for our product name, computed without Electron. */
export function appFolder(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32')
    return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER_NAME);
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), APP_FOLDER_NAME);
}

/**
 * The one precedence for the data folder, in the app, the CLI and the preview:
 * `CLINIC_DESK_DATA_DIR` (demos, tests, portable installs) → the folder chosen on this PC in
 * Settings › This PC → the app's own folder.
 */
export function resolveDataDir(options: {
  env: NodeJS.ProcessEnv;
  stored: string | undefined;
  appFolder: string;
}): string {
  const override = options.env[DATA_DIR_ENV]?.trim();
  if (override) return resolve(override);
  const stored = options.stored?.trim();
  return stored ? resolve(stored) : options.appFolder;
}

/** Which step of that precedence chose the folder: what Settings › This PC tells the administrator. */
export function dataDirSource(options: {
  env: NodeJS.ProcessEnv;
  stored: string | undefined;
}): 'environment' | 'chosen' | 'default' {
  if (options.env[DATA_DIR_ENV]?.trim()) return 'environment';
  return options.stored?.trim() ? 'chosen' : 'default';
}

/** The folder the desktop app uses on this PC, so the CLI and the preview work on the same clinic. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const folder = appFolder(env, platform);
  const override = env[DATA_DIR_ENV]?.trim();
  return resolveDataDir({ env, stored: override ? undefined : storedDataFolder(folder), appFolder: folder });
}
