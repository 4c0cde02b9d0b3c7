import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeBindingPath } from '../../../scripts/prepare-electron.mjs';
import { resolveDataDir } from '../../../src/main/core/data-dir';
import { electronNativeBindingPath, resolveShellPaths } from '../../../src/main/shell/paths';

const key = { electron: '45.5.0', betterSqlite3: '12.6.2', platform: 'linux', arch: 'x64' };

describe('resolveDataDir', () => {
  it('takes CLINIC_DESK_DATA_DIR, then the folder chosen on this PC, then the app folder', () => {
    const appFolder = '/home/ana/.config/Clinic Desk';
    expect(resolveDataDir({ env: {}, stored: undefined, appFolder })).toBe(appFolder);
    expect(resolveDataDir({ env: { CLINIC_DESK_DATA_DIR: '  ' }, stored: undefined, appFolder })).toBe(
      appFolder,
    );
    expect(resolveDataDir({ env: {}, stored: '/mnt/d/clinic', appFolder })).toBe('/mnt/d/clinic');
    expect(
      resolveDataDir({ env: { CLINIC_DESK_DATA_DIR: '/srv/clinic' }, stored: '/mnt/d/clinic', appFolder }),
    ).toBe('/srv/clinic');
    expect(
      resolveDataDir({ env: { CLINIC_DESK_DATA_DIR: 'relative/data' }, stored: undefined, appFolder }),
    ).toBe(resolve('relative/data'));
  });
});

describe('resolveShellPaths', () => {
  it('finds everything in the project folder during development', () => {
    const paths = resolveShellPaths({
      appPath: '/src/clinic-desk',
      resourcesPath: '/unused',
      isPackaged: false,
      nativeBindingKey: key,
      mainBundleDir: '/src/clinic-desk/out/main',
    });
    expect(paths).toEqual({
      preload: join('/src/clinic-desk/out/preload/index.cjs'),
      rendererIndexHtml: join('/src/clinic-desk/out/renderer/index.html'),
      nativeBinding: join('/src/clinic-desk/native/electron/45.5.0/12.6.2/linux-x64/better_sqlite3.node'),
      migrationsFolder: join('/src/clinic-desk/drizzle'),
      trayIcon: join('/src/clinic-desk/resources/tray.png'),
      appIcon: join('/src/clinic-desk/resources/icon.png'),
    });
  });

  it('reads native code and icons from app.asar.unpacked and migrations from resources when packaged', () => {
    const paths = resolveShellPaths({
      appPath: '/opt/Clinic Desk/resources/app.asar',
      resourcesPath: '/opt/Clinic Desk/resources',
      isPackaged: true,
      nativeBindingKey: key,
      mainBundleDir: '/opt/Clinic Desk/resources/app.asar/out/main',
    });
    expect(paths.nativeBinding).toBe(
      join(
        '/opt/Clinic Desk/resources/app.asar.unpacked/native/electron/45.5.0/12.6.2/linux-x64/better_sqlite3.node',
      ),
    );
    expect(paths.trayIcon).toBe(join('/opt/Clinic Desk/resources/app.asar.unpacked/resources/tray.png'));
    expect(paths.migrationsFolder).toBe(join('/opt/Clinic Desk/resources/drizzle'));
    expect(paths.preload).toBe(join('/opt/Clinic Desk/resources/app.asar/out/preload/index.cjs'));
  });

  it('agrees with scripts/prepare-electron.mjs on where the Electron build lives', () => {
    expect(electronNativeBindingPath('/root', key)).toBe(nativeBindingPath('/root', key));
  });
});
