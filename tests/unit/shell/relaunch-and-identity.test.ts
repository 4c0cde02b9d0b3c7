import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { APP_ID, setWindowsAppId } from '../../../src/main/shell/app-identity';
import { relaunchOptions } from '../../../src/main/shell/relaunch';

describe('relaunch after a restore', () => {
  it('starts the AppImage file again, not its temporary mount', () => {
    expect(
      relaunchOptions({ APPIMAGE: '/home/ana/Apps/Clinic-Desk.AppImage' }, [
        '/tmp/.mount_ClinicXyz/clinic-desk',
        '--restored',
      ]),
    ).toEqual({ execPath: '/home/ana/Apps/Clinic-Desk.AppImage', args: ['--restored'] });
  });

  it("leaves Electron's default everywhere else", () => {
    expect(relaunchOptions({}, ['/opt/Clinic Desk/clinic-desk'])).toEqual({});
    expect(relaunchOptions({ APPIMAGE: ' ' }, ['/x'])).toEqual({});
  });
});

describe('Windows toasts', () => {
  it("registers the installer's appId as the AppUserModelID on Windows only", () => {
    const app = { setAppUserModelId: vi.fn() };
    setWindowsAppId(app, 'win32');
    expect(app.setAppUserModelId).toHaveBeenCalledWith(APP_ID);
    const other = { setAppUserModelId: vi.fn() };
    setWindowsAppId(other, 'linux');
    expect(other.setAppUserModelId).not.toHaveBeenCalled();
  });

  it('uses the same id as electron-builder.yml, which names the Start-menu shortcut', () => {
    const config = readFileSync(new URL('../../../electron-builder.yml', import.meta.url), 'utf8');
    expect(config).toMatch(new RegExp(`^appId: ${APP_ID.replaceAll('.', '\\.')}$`, 'm'));
  });
});
