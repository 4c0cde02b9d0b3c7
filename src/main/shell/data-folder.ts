import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';
import type { DataFolderHost } from '../core';
import type { PcSettingsStore } from './pc-settings';

/**
 * Settings › This PC › Data folder, the desktop's part: the native folder picker (in the main
 * process, so a path never comes from the page) and the choice kept in the per-PC settings file
 * (electron-store), which the CLI reads too. The core runs the checks and the copy; the app's
 * restart (relaunch.ts) then opens the new folder.
 */
export function createDataFolderHost(options: {
  /** Which step of the precedence chose the folder this run uses (fixed at start). */
  source: ReturnType<DataFolderHost['source']>;
  pcSettings: PcSettingsStore | null;
  /** The window the picker belongs to, when there is one. */
  parentWindow: () => BrowserWindow | null;
}): DataFolderHost {
  return {
    source: () => options.source,
    pickFolder: async (purpose) => {
      const picker: OpenDialogOptions = {
        title:
          purpose === 'move'
            ? "Choose the folder to move the clinic's data to"
            : 'Choose a folder that holds Clinic Desk data',
        buttonLabel: purpose === 'move' ? 'Move the data here' : 'Open this folder',
        properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'],
      };
      const parent = options.parentWindow();
      const answer =
        parent && !parent.isDestroyed()
          ? await dialog.showOpenDialog(parent, picker)
          : await dialog.showOpenDialog(picker);
      return answer.canceled ? null : (answer.filePaths[0] ?? null);
    },
    storeChoice: (folder) => {
      if (!options.pcSettings) throw new Error('The per-PC settings file could not be opened at start.');
      options.pcSettings.setDataFolder(folder);
    },
  };
}
