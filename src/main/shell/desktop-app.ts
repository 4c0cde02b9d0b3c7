import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  app,
  dialog,
  ipcMain,
  Menu,
  powerMonitor,
  safeStorage,
  screen,
  session,
  type BrowserWindow,
  type Tray,
} from 'electron';
import {
  type Core,
  type DataFolderHost,
  dataDirSource,
  type DesktopIntegration,
  type NetworkHostControl,
  type NetworkJoiner,
  type Notifier,
  type SecretStore,
  StartupError,
  errorFields,
  fileLogger,
  type Logger,
  requestRestore,
  resolveDataDir,
} from '../core';
import { desktopNetwork, showConnectionState } from './network-mode';
import { isAppPageUrl, resolveAppPage } from './app-page';
import { contentSecurityPolicy } from '../../shared/content-security-policy';
import { registerIpcHandlers } from './ipc-handlers';
import { createMainWindow, revealWindow } from './main-window';
import { setWindowsAppId } from './app-identity';
import { openPcSettings, type PcSettingsStore } from './pc-settings';
import { resolveShellPaths, type NativeBindingKey, type ShellPaths } from './paths';
import { relaunchOptions } from './relaunch';
import { currentWindowState, restorableWindow } from './window-state';
import { startupRecovery } from './startup-error';
import { createDataFolderHost } from './data-folder';
import { createDesktopIntegration } from './desktop-integration';
import { createDesktopNotifier } from './notifier';
import { openSafeStorageSecretStore } from './secret-store';
import { createTray, refreshTrayMenu, type TrayOptions } from './tray';
import { guardEveryWebContents, hardenSession } from './window-security';

export interface CoreFactoryOptions {
  dataDir: string;
  demo: boolean;
  nativeBinding: string | undefined;
  migrationsFolder: string;
  logger: Logger;
  host: { requestRestart(reason: 'restore' | 'data-folder'): void };
  /** The app runs the scheduler and the outbox relay (the CLI does not). */
  runBackgroundJobs: boolean;
  notifier: Notifier;
  secretStore: SecretStore;
  desktop: DesktopIntegration;
  networkHost: NetworkHostControl;
  networkJoiner: NetworkJoiner;
  dataFolder: DataFolderHost;
}
export type CoreFactory = (options: CoreFactoryOptions) => Promise<Core>;

const consoleLogger: Logger = {
  log: (level, message, fields) => console.error(JSON.stringify({ level, message, ...fields })),
};

/**
 * The desktop app's lifecycle: one instance, one window, a tray, and the core behind IPC.
 * All decisions that can be made without Electron live in the modules this one wires together.
 */
export function runDesktopApp(options: { createCore: CoreFactory }): void {
  // Before any window or notification, so Windows files toasts under the installer's shortcut.
  setWindowsAppId(app);
  // A second copy would open the same SQLite file and run the same reminder jobs twice.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  let logger: Logger = consoleLogger;
  let core: Core | null = null;
  let window: BrowserWindow | null = null;
  let tray: Tray | null = null;
  let quitting = false;
  let disposeIpc: (() => void) | null = null;

  const reveal = (): void => {
    if (window && !window.isDestroyed()) revealWindow(window);
  };
  const shutDown = (): void => {
    disposeIpc?.();
    disposeIpc = null;
    core?.close();
    core = null;
  };

  app.on('second-instance', reveal);
  app.on('activate', reveal);
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', shutDown);
  app.on('window-all-closed', () => {
    // With a tray the app keeps running so that reminders still go out; without one there
    // would be no way back, so closing the window quits.
    if (!tray) app.quit();
  });

  // A restore replaces the database file, and another data folder is opened at start: only a
  // fresh start can do either safely.
  const relaunch = (): void => {
    app.relaunch(relaunchOptions());
    app.quit();
  };
  let dataDir = '';

  const start = async (): Promise<void> => {
    const pcSettings = openPcSettingsOrNull();
    const stored = pcSettings?.dataFolder();
    dataDir = resolveDataDir({ env: process.env, stored, appFolder: app.getPath('userData') });
    logger = openLogger(dataDir, !app.isPackaged);
    const paths = resolveShellPaths({
      appPath: app.getAppPath(),
      resourcesPath: process.resourcesPath,
      isPackaged: app.isPackaged,
      nativeBindingKey: nativeBindingKey(),
      mainBundleDir: join(app.getAppPath(), 'out', 'main'),
    });
    const page = resolveAppPage({
      // Never honoured in a packaged app: an environment variable must not be able to point
      // the trusted window (and its IPC access) at another page.
      devServerUrl: app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'],
      rendererIndexHtml: paths.rendererIndexHtml,
    });

    // No File/Edit/View menu (its Toggle DevTools and Reload) in the package; every webContents,
    // the hidden PDF window's included, may only ever show the app page.
    if (app.isPackaged) Menu.setApplicationMenu(null);
    // (The main window then adds its own handler that opens allowed links in the browser.)
    guardEveryWebContents(app, page);

    /**
     * The window and the tray, over the core or, on a client PC, over the forwarder to the host:
     * the same window either way, hidden (not destroyed) on close so the tray can bring it back.
     */
    const openWindowAndTray = (calls: Pick<Core, 'connect'>, trayOptions: TrayOptions): void => {
      hardenSession(
        session.defaultSession,
        contentSecurityPolicy(page.kind === 'dev-server' ? 'development' : 'production'),
      );
      disposeIpc = registerIpcHandlers({
        ipcMain,
        core: calls,
        isTrustedSenderUrl: (url) => isAppPageUrl(url, page),
        logger,
      });

      const placement = restorableWindow(
        pcSettings?.windowState(),
        screen.getAllDisplays().map(({ id, workArea }) => ({ id, workArea })),
      );
      const mainWindow = createMainWindow({
        page,
        preloadPath: paths.preload,
        iconPath: paths.appIcon,
        onLoadFailed: (error) => logger.log('error', 'renderer failed to load', errorFields(error)),
        devTools: !app.isPackaged,
        bounds: placement.bounds,
        maximized: placement.maximized,
      });
      mainWindow.on('close', (event) => {
        try {
          pcSettings?.setWindowState(currentWindowState(mainWindow, screen));
        } catch (error) {
          logger.log('warn', 'window placement not saved', errorFields(error));
        }
        if (!quitting && tray) {
          event.preventDefault();
          mainWindow.hide();
        }
      });
      mainWindow.on('closed', () => {
        window = null;
      });
      window = mainWindow;
      tray = openTray(trayOptions, logger);
    };
    const trayBasics = { iconPath: paths.trayIcon, onOpen: reveal, onQuit: () => app.quit() };

    const secretStore = await openSafeStorageSecretStore(safeStorage);
    const network = desktopNetwork({ dataDir, secretStore, logger, relaunch });
    // A PC paired with a host opens no database and runs no jobs: its window's calls go to the host.
    const remote = await network.clientMode();
    if (remote) {
      openWindowAndTray(remote, trayBasics);
      const disposeHandlers = disposeIpc;
      disposeIpc = () => {
        disposeHandlers?.();
        remote.close();
      };
      showConnectionState(tray, remote);
      return;
    }
    core = await options.createCore({
      dataDir,
      demo: process.env['CLINIC_DESK_DEMO'] === '1',
      nativeBinding: nativeBindingFor(paths, app.isPackaged, logger),
      migrationsFolder: paths.migrationsFolder,
      logger,
      host: { requestRestart: relaunch },
      runBackgroundJobs: true,
      notifier: createDesktopNotifier({ onClick: reveal }),
      secretStore,
      desktop: createDesktopIntegration(),
      networkHost: network.host.control,
      networkJoiner: network.joiner,
      dataFolder: createDataFolderHost({
        source: dataDirSource({ env: process.env, stored }),
        pcSettings,
        parentWindow: () => window,
      }),
    });
    const started = core;
    network.host.attach(started);
    network.host.control
      .apply()
      .catch((error: unknown) => logger.log('error', 'network host failed to start', errorFields(error)));

    const trayOptions: TrayOptions = {
      ...trayBasics,
      jobs: {
        run: (job) => {
          started.jobs
            .run(job)
            .catch((error: unknown) => logger.log('error', 'tray job run failed', errorFields(error)));
        },
        lastResults: () => started.jobs.lastResults(),
      },
    };
    openWindowAndTray(started, trayOptions);
    const openedTray = tray;
    if (openedTray) started.jobs.onFinished(() => refreshTrayMenu(openedTray, trayOptions));
    // A laptop that slept through 08:00 sends the day's reminders as soon as it wakes.
    powerMonitor.on('resume', () => {
      started.jobs
        .checkNow()
        .catch((error: unknown) => logger.log('error', 'catch-up after resume failed', errorFields(error)));
    });
  };

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      logger.log('error', 'startup failed', errorFields(error));
      const recovery = startupRecovery(error);
      shutDown();
      if (recovery.restoreFrom && dataDir) {
        const choice = dialog.showMessageBoxSync({
          type: 'error',
          title: 'Clinic Desk could not start',
          message: 'The clinic database is damaged.',
          detail: `${recovery.message}\n\nRestoring keeps a copy of the damaged database next to it.`,
          buttons: ['Restore the latest backup', 'Quit'],
          defaultId: 0,
          cancelId: 1,
        });
        if (choice === 0) {
          requestRestore(dataDir, recovery.restoreFrom, Date.now());
          relaunch();
          return;
        }
      } else {
        dialog.showErrorBox('Clinic Desk could not start', recovery.message);
      }
      app.exit(1);
    });
}

function openPcSettingsOrNull(): PcSettingsStore | null {
  try {
    return openPcSettings();
  } catch (error) {
    // Only window placement and a chosen data folder live there; the app still starts.
    consoleLogger.log('warn', 'per-PC settings unavailable', errorFields(error));
    return null;
  }
}

/** This process's Electron, the bundled better-sqlite3, and this OS and architecture. */
function nativeBindingKey(): NativeBindingKey {
  const manifest = createRequire(import.meta.url)('better-sqlite3/package.json') as { version: string };
  return {
    electron: process.versions.electron ?? '',
    betterSqlite3: manifest.version,
    platform: process.platform,
    arch: process.arch,
  };
}

function openLogger(dataDir: string, alsoConsole: boolean): Logger {
  try {
    return fileLogger(dataDir, alsoConsole);
  } catch (error) {
    // An unwritable data folder is reported by the core with a proper sentence; until then the
    // console is the only place left to write to.
    consoleLogger.log('warn', 'log file unavailable', errorFields(error));
    return consoleLogger;
  }
}

/**
 * The Node build of better-sqlite3 in node_modules cannot load in Electron (other ABI), so the
 * Electron build made by scripts/prepare-electron.mjs is required when packaged. In development
 * a missing build falls back to node_modules, which works after an `electron-rebuild`.
 */
function nativeBindingFor(paths: ShellPaths, isPackaged: boolean, logger: Logger): string | undefined {
  if (existsSync(paths.nativeBinding)) return paths.nativeBinding;
  if (isPackaged) {
    throw new StartupError(
      'installation_broken',
      'This installation of Clinic Desk is incomplete: its database engine is missing. Please reinstall Clinic Desk.',
    );
  }
  logger.log('warn', 'Electron build of better-sqlite3 not found; run scripts/prepare-electron.mjs', {
    expected: paths.nativeBinding,
  });
  return undefined;
}

function openTray(options: TrayOptions, logger: Logger): Tray | null {
  try {
    return createTray(options);
  } catch (error) {
    // Some Linux desktops have no tray; the app still works, it just quits with its window.
    logger.log('warn', 'tray unavailable', errorFields(error));
    return null;
  }
}
