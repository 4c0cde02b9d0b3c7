import ElectronStore from 'electron-store';
import { PC_SETTINGS_NAME, pcSettingsSchema, type PcSettings } from '../core';
import type { WindowState } from './window-state';

/**
 * Per-PC state that must not travel with the clinic's database (window placement, the chosen
 * data folder): electron-store's JSON file in Electron's userData folder, main process only.
 * The CLI reads the same file through `conf` (src/main/core/pc-settings.ts).
 */
export interface PcSettingsStore {
  dataFolder(): string | undefined;
  setDataFolder(folder: string | undefined): void;
  windowState(): WindowState | undefined;
  setWindowState(state: WindowState): void;
}

export function openPcSettings(): PcSettingsStore {
  const store = new ElectronStore<PcSettings>({
    name: PC_SETTINGS_NAME,
    schema: pcSettingsSchema,
    // A hand-edited or half-written file must not stop the app: it falls back to the defaults.
    clearInvalidConfig: true,
  });
  return {
    dataFolder: () => store.get('dataFolder'),
    setDataFolder: (folder) => {
      if (folder === undefined) store.delete('dataFolder');
      else store.set('dataFolder', folder);
    },
    windowState: () => store.get('window'),
    setWindowState: (state) => store.set('window', state),
  };
}
