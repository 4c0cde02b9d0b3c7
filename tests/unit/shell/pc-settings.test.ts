import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ userData: '' }));

vi.mock('electron', () => {
  const app = { getPath: () => electron.userData, getVersion: () => '0.1.0' };
  const ipcMain = { on: vi.fn() };
  const dialog = {};
  return { default: { app, ipcMain, shell: {}, dialog }, app, ipcMain, shell: {}, dialog };
});

const { openPcSettings } = await import('../../../src/main/shell/pc-settings');
const { defaultDataDir } = await import('../../../src/main/core/data-dir');
const { storedDataFolder } = await import('../../../src/main/core/pc-settings');
const { createDataFolderHost } = await import('../../../src/main/shell/data-folder');

describe('per-PC settings (electron-store in the app, conf in the CLI)', () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'clinic-desk-pc-'));
    // Electron's userData on Linux is $XDG_CONFIG_HOME/<productName>.
    electron.userData = join(home, 'Clinic Desk');
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('keeps the data folder and window placement in userData, where the CLI finds the folder', () => {
    const store = openPcSettings();
    expect(store.dataFolder()).toBeUndefined();
    store.setDataFolder('/mnt/d/clinic');
    store.setWindowState({
      bounds: { x: 1, y: 2, width: 1280, height: 820 },
      maximized: false,
      displayId: 3,
    });

    const file = JSON.parse(readFileSync(join(electron.userData, 'pc-settings.json'), 'utf8')) as unknown;
    expect(file).toEqual({
      dataFolder: '/mnt/d/clinic',
      window: { bounds: { x: 1, y: 2, width: 1280, height: 820 }, maximized: false, displayId: 3 },
    });
    expect(storedDataFolder(electron.userData)).toBe('/mnt/d/clinic');
    // The CLI and the preview: CLINIC_DESK_DATA_DIR, then this choice, then the app folder.
    expect(defaultDataDir({ XDG_CONFIG_HOME: home }, 'linux')).toBe('/mnt/d/clinic');
    expect(defaultDataDir({ XDG_CONFIG_HOME: home, CLINIC_DESK_DATA_DIR: '/srv/x' }, 'linux')).toBe('/srv/x');

    store.setDataFolder(undefined);
    expect(defaultDataDir({ XDG_CONFIG_HOME: home }, 'linux')).toBe(electron.userData);
  });

  it('starts with defaults, not a crash, when the file was hand-broken', () => {
    const store = openPcSettings();
    store.setDataFolder('/mnt/d/clinic');
    writeFileSync(join(electron.userData, 'pc-settings.json'), '{"dataFolder": 42, "window": "left"}');
    expect(storedDataFolder(electron.userData)).toBeUndefined();
    const reopened = openPcSettings();
    expect(reopened.dataFolder()).toBeUndefined();
    expect(reopened.windowState()).toBeUndefined();
  });

  it('never writes the clinic data folder: the file lives in the app folder only', () => {
    openPcSettings().setDataFolder(join(home, 'clinic'));
    expect(() => readFileSync(join(home, 'clinic', 'pc-settings.json'))).toThrow();
  });

  it('stores the folder chosen in Settings › This PC where the CLI and the next start find it', () => {
    const host = createDataFolderHost({
      source: 'default',
      pcSettings: openPcSettings(),
      parentWindow: () => null,
    });
    host.storeChoice(join(home, 'clinic'));
    expect(storedDataFolder(electron.userData)).toBe(join(home, 'clinic'));
    expect(openPcSettings().dataFolder()).toBe(join(home, 'clinic'));
    expect(defaultDataDir({ XDG_CONFIG_HOME: home }, 'linux')).toBe(join(home, 'clinic'));
  });

  it('refuses to store a choice when the settings file could not be opened at start', () => {
    const host = createDataFolderHost({ source: 'default', pcSettings: null, parentWindow: () => null });
    expect(() => host.storeChoice(join(home, 'clinic'))).toThrow(/settings file/);
  });
});
