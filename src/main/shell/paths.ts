import { basename, dirname, join } from 'node:path';

/**
 * What an Electron build of better-sqlite3 is good for: one Electron (ABI), one better-sqlite3
 * (its C++ side changes between releases), one platform and architecture. A binary is only ever
 * found under all four, so an update or a package for another OS or arch never picks a stale one.
 */
export interface NativeBindingKey {
  electron: string;
  betterSqlite3: string;
  platform: string;
  arch: string;
}

/** Where scripts/prepare-electron.mjs puts better-sqlite3 built for Electron; keep the two in step. */
export function electronNativeBindingPath(root: string, key: NativeBindingKey): string {
  return join(
    root,
    'native',
    'electron',
    key.electron,
    key.betterSqlite3,
    `${key.platform}-${key.arch}`,
    'better_sqlite3.node',
  );
}

export interface AppLocation {
  /** `app.getAppPath()`: the project folder in development, `…/resources/app.asar` when packaged. */
  appPath: string;
  /** `process.resourcesPath`: where electron-builder's extraResources land. */
  resourcesPath: string;
  isPackaged: boolean;
  nativeBindingKey: NativeBindingKey;
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
    nativeBinding: electronNativeBindingPath(unpacked, location.nativeBindingKey),
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
