import Conf, { type Schema } from 'conf';

/**
 * Per-PC settings: a small JSON file in the desktop app's own folder (Electron's userData),
 * written by the app through electron-store and read here through `conf`, electron-store's own
 * base, so the CLI and the browser preview agree with the app about where the clinic's data is.
 * Nothing in it travels with a backup; clinic settings, SMTP and backup state live in SQLite.
 */
export const PC_SETTINGS_NAME = 'pc-settings';

export interface PcSettings extends Record<string, unknown> {
  /** The folder holding clinic.db, when the clinic keeps it somewhere other than the default. */
  dataFolder?: string;
  window?: {
    bounds: { x: number; y: number; width: number; height: number };
    maximized: boolean;
    displayId?: number;
  };
}

const integer = { type: 'integer' } as const;

export const pcSettingsSchema: Schema<PcSettings> = {
  dataFolder: { type: 'string', minLength: 1 },
  window: {
    type: 'object',
    properties: {
      bounds: {
        type: 'object',
        properties: {
          x: integer,
          y: integer,
          width: { type: 'integer', minimum: 1 },
          height: { type: 'integer', minimum: 1 },
        },
        required: ['x', 'y', 'width', 'height'],
      },
      maximized: { type: 'boolean' },
      displayId: { type: 'number' },
    },
    required: ['bounds', 'maximized'],
  },
};

/** The data folder chosen on this PC, read from `<appFolder>/pc-settings.json`; undefined if none. */
export function storedDataFolder(appFolder: string): string | undefined {
  try {
    const store = new Conf<PcSettings>({
      cwd: appFolder,
      configName: PC_SETTINGS_NAME,
      schema: pcSettingsSchema,
      clearInvalidConfig: false,
    });
    return store.get('dataFolder');
  } catch {
    // An unreadable or hand-broken file means "no choice stored"; the app rewrites it.
    return undefined;
  }
}
