import { basename, dirname, join, resolve } from 'node:path';

/** Where scripts/prepare-electron.mjs puts better-sqlite3 built for Electron; keep the two in step. */
export function electronNativeBindingPath(root: string, electronVersion: string): string {
  return join(root, 'native', 'electron', electronVersion, 'better_sqlite3.node');
}

/** The data folder: `CLINIC_DESK_DATA_DIR` when set (demos, tests, portable installs), else userData. */
export function resolveDataDir(env: NodeJS.ProcessEnv, userDataPath: string): string {
  const override = env['CLINIC_DESK_DATA_DIR']?.trim();
  return override ? resolve(override) : userDataPath;
}

export interface AppLocation {
  /** `app.getAppPath()`: the project folder in development, `…/resources/app.asar` when packaged. */
  appPath: string;
  /** `process.resourcesPath`: where electron-builder's extraResources land. */
  resourcesPath: string;
  isPackaged: boolean;
  electronVersion: string;
  /** The folder of the built main bundle (`out/main`). */
  mainBundleDir: string;
}

export interface ShellPaths {
  preload: string;
  rendererIndexHtml: string;
  nativeBinding: string;
  migrationsFolder: string;
  trayIcon: string;
  appIcon: string;
}

export function resolveShellPaths(location: AppLocation): ShellPaths {
  // Native modules and the icons handed to the OS must be real files, so electron-builder
  // unpacks them next to the archive (asarUnpack in electron-builder.yml).
  const unpacked = unpackedRoot(location.appPath);
  return {
    preload: join(location.mainBundleDir, '..', 'preload', 'index.cjs'),
    rendererIndexHtml: join(location.mainBundleDir, '..', 'renderer', 'index.html'),
    nativeBinding: electronNativeBindingPath(unpacked, location.electronVersion),
    migrationsFolder: location.isPackaged
      ? join(location.resourcesPath, 'drizzle')
      : join(location.appPath, 'drizzle'),
    trayIcon: join(unpacked, 'resources', 'tray.png'),
    appIcon: join(unpacked, 'resources', 'icon.png'),
  };
}

function unpackedRoot(appPath: string): string {
  return basename(appPath) === 'app.asar' ? join(dirname(appPath), 'app.asar.unpacked') : appPath;
}
