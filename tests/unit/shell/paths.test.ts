import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeBindingPath } from '../../../scripts/prepare-electron.mjs';
import { electronNativeBindingPath, resolveDataDir, resolveShellPaths } from '../../../src/main/shell/paths';

describe('resolveDataDir', () => {
  it('uses userData unless CLINIC_DESK_DATA_DIR is set', () => {
    expect(resolveDataDir({}, '/home/ana/.config/Clinic Desk')).toBe('/home/ana/.config/Clinic Desk');
    expect(resolveDataDir({ CLINIC_DESK_DATA_DIR: '  ' }, '/userData')).toBe('/userData');
    expect(resolveDataDir({ CLINIC_DESK_DATA_DIR: '/srv/clinic' }, '/userData')).toBe('/srv/clinic');
    expect(resolveDataDir({ CLINIC_DESK_DATA_DIR: 'relative/data' }, '/userData')).toBe(
      resolve('relative/data'),
    );
  });
});

describe('resolveShellPaths', () => {
  it('finds everything in the project folder during development', () => {
    const paths = resolveShellPaths({
      appPath: '/src/clinic-desk',
      resourcesPath: '/unused',
      isPackaged: false,
      electronVersion: '45.5.0',
      mainBundleDir: '/src/clinic-desk/out/main',
    });
    expect(paths).toEqual({
      preload: join('/src/clinic-desk/out/preload/index.cjs'),
      rendererIndexHtml: join('/src/clinic-desk/out/renderer/index.html'),
      nativeBinding: join('/src/clinic-desk/native/electron/45.5.0/better_sqlite3.node'),
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
      electronVersion: '45.5.0',
      mainBundleDir: '/opt/Clinic Desk/resources/app.asar/out/main',
    });
    expect(paths.nativeBinding).toBe(
      join('/opt/Clinic Desk/resources/app.asar.unpacked/native/electron/45.5.0/better_sqlite3.node'),
    );
    expect(paths.trayIcon).toBe(join('/opt/Clinic Desk/resources/app.asar.unpacked/resources/tray.png'));
    expect(paths.migrationsFolder).toBe(join('/opt/Clinic Desk/resources/drizzle'));
    expect(paths.preload).toBe(join('/opt/Clinic Desk/resources/app.asar/out/preload/index.cjs'));
  });

  it('agrees with scripts/prepare-electron.mjs on where the Electron build lives', () => {
    expect(electronNativeBindingPath('/root', '45.5.0')).toBe(nativeBindingPath('/root', '45.5.0'));
  });
});
