import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StartupError } from '../../../src/main/core/errors';
import type { CoreFactory } from '../../../src/main/shell/desktop-app';
import { coreOptionsGiven } from './fakes';

const electron = vi.hoisted(() => ({
  app: {
    isPackaged: false,
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    exit: vi.fn(),
    relaunch: vi.fn(),
    on: vi.fn(),
    setAppUserModelId: vi.fn(),
    whenReady: vi.fn(() => Promise.resolve()),
    getPath: vi.fn(() => '/nonexistent/userData'),
    getAppPath: vi.fn(() => '/nonexistent/app'),
  },
  dialog: {
    showErrorBox: vi.fn(),
    showMessageBoxSync: vi.fn(() => 0),
    showOpenDialog: vi.fn<() => Promise<{ canceled: boolean; filePaths: string[] }>>(),
  },
  Menu: { setApplicationMenu: vi.fn() },
  pcSettings: { dataFolder: undefined as string | undefined, stored: [] as string[] },
}));

vi.mock('electron', () => ({
  app: electron.app,
  dialog: electron.dialog,
  ipcMain: {},
  session: {},
  screen: { getAllDisplays: () => [] },
  powerMonitor: { on: vi.fn() },
  safeStorage: { isAsyncEncryptionAvailable: () => Promise.resolve(false) },
  shell: {},
  Notification: class {},
  BrowserWindow: class {},
  Tray: class {},
  Menu: electron.Menu,
  nativeImage: {},
}));

// electron-store needs the real Electron; the per-PC file is tested in pc-settings.test.ts.
vi.mock('../../../src/main/shell/pc-settings', () => ({
  openPcSettings: () => ({
    dataFolder: () => electron.pcSettings.dataFolder,
    setDataFolder: (folder: string) => electron.pcSettings.stored.push(folder),
    windowState: () => undefined,
    setWindowState: vi.fn(),
  }),
}));

const { runDesktopApp } = await import('../../../src/main/shell/desktop-app');

describe('runDesktopApp', () => {
  let dataDir: string;

  beforeEach(() => {
    vi.clearAllMocks();
    electron.app.isPackaged = false;
    electron.pcSettings.dataFolder = undefined;
    electron.pcSettings.stored = [];
    dataDir = mkdtempSync(join(tmpdir(), 'clinic-desk-shell-'));
    vi.stubEnv('CLINIC_DESK_DATA_DIR', dataDir);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    Reflect.deleteProperty(process, 'resourcesPath');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves it to the running instance when another one holds the lock', () => {
    electron.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    const createCore = vi.fn<CoreFactory>();
    runDesktopApp({ createCore });
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(createCore).not.toHaveBeenCalled();
  });

  it('focuses the existing window when a second copy is launched', () => {
    runDesktopApp({ createCore: vi.fn<CoreFactory>(() => new Promise(() => undefined)) });
    expect(electron.app.on).toHaveBeenCalledWith('second-instance', expect.any(Function));
  });

  it("shows the core's sentence and quits when the core refuses the database", async () => {
    const refusal = new StartupError(
      'database_too_new',
      'This clinic database was written by a newer version of Clinic Desk. Please install the latest version.',
    );
    const createCore = vi.fn<CoreFactory>(() => Promise.reject(refusal));
    runDesktopApp({ createCore });

    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(1));
    expect(createCore).toHaveBeenCalledWith(expect.objectContaining({ dataDir }));
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('Clinic Desk could not start', refusal.message);
  });

  it('shows a plain sentence, not the error, for an unexpected failure', async () => {
    runDesktopApp({ createCore: () => Promise.reject(new TypeError('x is not a function')) });

    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(1));
    const [, message] = electron.dialog.showErrorBox.mock.calls[0] ?? [];
    expect(message).toMatch(/^Clinic Desk could not start/);
    expect(message).not.toContain('x is not a function');
  });

  it('refuses to start a packaged app whose Electron build of SQLite is missing', async () => {
    electron.app.isPackaged = true;
    // Set by Electron in a real app; plain Node has no resources folder.
    Object.defineProperty(process, 'resourcesPath', {
      value: join(dataDir, 'resources'),
      configurable: true,
    });
    const createCore = vi.fn<CoreFactory>();
    runDesktopApp({ createCore });

    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(1));
    expect(createCore).not.toHaveBeenCalled();
    expect(electron.dialog.showErrorBox.mock.calls[0]?.[1]).toMatch(/reinstall/i);
  });

  it('offers to restore the latest good backup of a damaged database, and relaunches to do it', async () => {
    const backup = join(dataDir, 'backups', 'clinic-daily-2026-11-28.db');
    const damaged = new StartupError('database_damaged', 'The clinic database is damaged.', {
      latestBackup: backup,
    });
    runDesktopApp({ createCore: () => Promise.reject(damaged) });

    await vi.waitFor(() => expect(electron.app.relaunch).toHaveBeenCalled());
    const [options] = (electron.dialog.showMessageBoxSync.mock.calls[0] ?? []) as unknown as [
      { buttons: string[] },
    ];
    expect(options.buttons).toEqual(['Restore the latest backup', 'Quit']);
    const marker = join(dataDir, 'restore-pending.json');
    expect(existsSync(marker)).toBe(true);
    expect(JSON.parse(readFileSync(marker, 'utf8'))).toMatchObject({ source: backup });
    expect(electron.app.exit).not.toHaveBeenCalled();
  });

  it('quits without touching anything when the user declines the restore', async () => {
    electron.dialog.showMessageBoxSync.mockReturnValueOnce(1);
    const damaged = new StartupError('database_damaged', 'The clinic database is damaged.', {
      latestBackup: '/b.db',
    });
    runDesktopApp({ createCore: () => Promise.reject(damaged) });

    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(1));
    expect(electron.app.relaunch).not.toHaveBeenCalled();
    expect(existsSync(join(dataDir, 'restore-pending.json'))).toBe(false);
  });

  it('opens the data folder chosen on this PC when no CLINIC_DESK_DATA_DIR is set', async () => {
    vi.stubEnv('CLINIC_DESK_DATA_DIR', '');
    electron.pcSettings.dataFolder = dataDir;
    const createCore = vi.fn<CoreFactory>(() => Promise.reject(new Error('stop here')));
    runDesktopApp({ createCore });
    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(1));
    expect(createCore).toHaveBeenCalledWith(expect.objectContaining({ dataDir }));
  });

  it('relaunches a restored AppImage from the AppImage file, not its vanished mount', async () => {
    vi.stubEnv('APPIMAGE', '/home/ana/Clinic-Desk.AppImage');
    const damaged = new StartupError('database_damaged', 'The clinic database is damaged.', {
      latestBackup: join(dataDir, 'backups', 'b.db'),
    });
    runDesktopApp({ createCore: () => Promise.reject(damaged) });
    await vi.waitFor(() => expect(electron.app.relaunch).toHaveBeenCalled());
    expect(electron.app.relaunch).toHaveBeenCalledWith(
      expect.objectContaining({ execPath: '/home/ana/Clinic-Desk.AppImage' }),
    );
  });

  it('reports a packaged app without its database engine as a broken installation', async () => {
    electron.app.isPackaged = true;
    Object.defineProperty(process, 'resourcesPath', {
      value: join(dataDir, 'resources'),
      configurable: true,
    });
    runDesktopApp({ createCore: vi.fn<CoreFactory>() });
    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(1));
    expect(electron.dialog.showErrorBox.mock.calls[0]?.[1]).not.toMatch(/disk|writable/i);
  });

  it('ships no application menu and guards every webContents when packaged', async () => {
    electron.app.isPackaged = true;
    Object.defineProperty(process, 'resourcesPath', {
      value: join(dataDir, 'resources'),
      configurable: true,
    });
    runDesktopApp({ createCore: vi.fn<CoreFactory>() });
    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(1));
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(electron.app.on).toHaveBeenCalledWith('web-contents-created', expect.any(Function));
  });

  it('keeps the development menu (DevTools, Reload) when not packaged', async () => {
    runDesktopApp({ createCore: () => Promise.reject(new Error('stop here')) });
    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(1));
    expect(electron.Menu.setApplicationMenu).not.toHaveBeenCalled();
    expect(electron.app.on).toHaveBeenCalledWith('web-contents-created', expect.any(Function));
  });
});

describe('runDesktopApp: Settings › This PC › Data folder', () => {
  let dataDir: string;
  beforeEach(() => {
    vi.clearAllMocks();
    electron.app.isPackaged = false;
    electron.pcSettings.stored = [];
    dataDir = mkdtempSync(join(tmpdir(), 'clinic-desk-shell-'));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const coreOptions = () => coreOptionsGiven(runDesktopApp);

  it('tells the core where the folder came from, stores a new choice in pc-settings and relaunches', async () => {
    vi.stubEnv('CLINIC_DESK_DATA_DIR', '');
    electron.pcSettings.dataFolder = dataDir;
    const options = await coreOptions();
    expect(options.dataDir).toBe(dataDir);
    expect(options.dataFolder.source()).toBe('chosen');

    options.dataFolder.storeChoice('/mnt/d/clinic');
    expect(electron.pcSettings.stored).toEqual(['/mnt/d/clinic']);
    options.host.requestRestart('data-folder');
    expect(electron.app.relaunch).toHaveBeenCalledWith({});
    expect(electron.app.quit).toHaveBeenCalled();
  });

  it('reports CLINIC_DESK_DATA_DIR as the source when it is set', async () => {
    vi.stubEnv('CLINIC_DESK_DATA_DIR', dataDir);
    electron.pcSettings.dataFolder = '/somewhere/else';
    const options = await coreOptions();
    expect(options.dataDir).toBe(dataDir);
    expect(options.dataFolder.source()).toBe('environment');
  });

  it('asks for the folder with the native picker in the main process, and answers null when it is cancelled', async () => {
    vi.stubEnv('CLINIC_DESK_DATA_DIR', '');
    electron.pcSettings.dataFolder = undefined;
    const options = await coreOptions();
    expect(options.dataFolder.source()).toBe('default');

    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/mnt/d/clinic'] });
    expect(await options.dataFolder.pickFolder('move')).toBe('/mnt/d/clinic');
    const [picker] = electron.dialog.showOpenDialog.mock.calls[0] as unknown as [{ properties: string[] }];
    expect(picker.properties).toEqual(expect.arrayContaining(['openDirectory', 'createDirectory']));

    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await options.dataFolder.pickFolder('open')).toBeNull();
  });
});
