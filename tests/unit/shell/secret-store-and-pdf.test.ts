import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobName, JobRunSummary } from '../../../src/shared/dto/jobs';

const electron = vi.hoisted(() => {
  const state = {
    loaded: [] as string[],
    destroyed: 0,
    options: [] as unknown[],
    shown: [] as string[],
    menus: [] as MenuItemConstructorOptions[][],
  };
  class BrowserWindow {
    constructor(options: unknown) {
      state.options.push(options);
    }
    loadURL(url: string) {
      state.loaded.push(url);
      return Promise.resolve();
    }
    webContents = { printToPDF: () => Promise.resolve(Buffer.from('%PDF-1.4 fake')) };
    destroy() {
      state.destroyed += 1;
    }
  }
  class Tray {
    setToolTip() {}
    setContextMenu(menu: MenuItemConstructorOptions[]) {
      state.menus.push(menu);
    }
    on() {}
  }
  return {
    state,
    BrowserWindow,
    Tray,
    shell: { showItemInFolder: (path: string) => state.shown.push(path) },
    Menu: { buildFromTemplate: (template: MenuItemConstructorOptions[]) => template },
    nativeImage: { createFromPath: (path: string) => ({ path }) },
  };
});

vi.mock('electron', () => ({
  BrowserWindow: electron.BrowserWindow,
  shell: electron.shell,
  Tray: electron.Tray,
  Menu: electron.Menu,
  nativeImage: electron.nativeImage,
}));

const { openSafeStorageSecretStore, NO_KEYCHAIN } = await import('../../../src/main/shell/secret-store');
const { createDesktopIntegration } = await import('../../../src/main/shell/desktop-integration');
const { createTray, refreshTrayMenu } = await import('../../../src/main/shell/tray');

/**
 * A stand-in for safeStorage with only the async API (the sync one is deprecated in Electron 45,
 * so calling it fails here): "encrypts" by reversing, so the test can see it was used.
 */
function fakeSafeStorage(available: boolean, backend = 'gnome_libsecret') {
  return {
    isAsyncEncryptionAvailable: () => Promise.resolve(available),
    getSelectedStorageBackend: () => backend as 'gnome_libsecret',
    encryptStringAsync: (plain: string) =>
      Promise.resolve(Buffer.from([...plain].reverse().join(''), 'utf8')),
    decryptStringAsync: (cipher: Buffer) =>
      Promise.resolve({ shouldReEncrypt: false, result: [...cipher.toString('utf8')].reverse().join('') }),
  };
}

beforeEach(() => {
  electron.state.loaded.length = 0;
  electron.state.destroyed = 0;
  electron.state.shown.length = 0;
  electron.state.menus.length = 0;
});

describe('safeStorage secret store', () => {
  it('encrypts through the async safeStorage API and keeps only base64 ciphertext', async () => {
    const store = await openSafeStorageSecretStore(fakeSafeStorage(true), 'linux');
    expect(store.unavailableReason()).toBeNull();
    const cipher = await store.encrypt('s3cret pw');
    expect(cipher).toBe(Buffer.from('wp terc3s').toString('base64'));
    expect(cipher).not.toContain('s3cret');
    await expect(store.decrypt(cipher)).resolves.toBe('s3cret pw');
  });

  it('refuses when encryption is unavailable, or only the plain-text Linux fallback exists', async () => {
    for (const store of [
      await openSafeStorageSecretStore(fakeSafeStorage(false), 'win32'),
      await openSafeStorageSecretStore(fakeSafeStorage(true, 'basic_text'), 'linux'),
    ]) {
      expect(store.unavailableReason()).toBe(NO_KEYCHAIN);
      await expect(store.encrypt('pw')).rejects.toThrow(NO_KEYCHAIN);
    }
  });

  it('rejects, rather than returning garbage, when a ciphertext does not decrypt on this PC', async () => {
    const safeStorage = {
      ...fakeSafeStorage(true),
      decryptStringAsync: () => Promise.reject(new Error('Error while decrypting the ciphertext provided')),
    };
    const store = await openSafeStorageSecretStore(safeStorage, 'win32');
    await expect(store.decrypt('AAAA')).rejects.toThrow(/decrypting/);
  });
});

describe('desktop integration', () => {
  it('prints a report to PDF in a hidden window without JavaScript, and always closes it', async () => {
    const pdf = await createDesktopIntegration().htmlToPdf('<h1>Report</h1>');
    expect(Buffer.from(pdf).toString()).toBe('%PDF-1.4 fake');
    expect(electron.state.options[0]).toMatchObject({
      show: false,
      webPreferences: { javascript: false, sandbox: true },
    });
    expect(electron.state.loaded[0]).toBe(
      `data:text/html;charset=utf-8;base64,${Buffer.from('<h1>Report</h1>').toString('base64')}`,
    );
    expect(electron.state.destroyed).toBe(1);
    createDesktopIntegration().showItemInFolder('/data/exports/x.csv');
    expect(electron.state.shown).toEqual(['/data/exports/x.csv']);
  });
});

describe('tray with jobs', () => {
  it('runs jobs now and shows the last result of each, without patient data', () => {
    const run = vi.fn();
    const results: Record<JobName, JobRunSummary | null> = {
      reminders: null,
      recalls: null,
      'monthly-report': null,
    };
    const options = {
      iconPath: '/tray.png',
      onOpen: vi.fn(),
      onQuit: vi.fn(),
      jobs: { run, lastResults: () => results },
    };
    const tray = createTray(options);
    const labels = () =>
      (electron.state.menus.at(-1) ?? []).filter((i) => i.type !== 'separator').map((i) => i.label);
    expect(labels()).toEqual([
      'Open Clinic Desk',
      'Run reminders now',
      'Send follow-up recalls now',
      'Send monthly reports now',
      'Daily reminders: not run yet',
      'Follow-up recalls: not run yet',
      'Monthly doctor reports: not run yet',
      'Quit',
    ]);
    const item = electron.state.menus.at(-1)!.find((i) => i.label === 'Send monthly reports now');
    (item?.click as () => void)();
    expect(run).toHaveBeenCalledWith('monthly-report');

    results.reminders = {
      job: 'reminders',
      period: '2026-03-16',
      status: 'succeeded',
      startedAt: '2026-03-16T08:00:00.000Z',
      finishedAt: '2026-03-16T08:00:01.000Z',
      counts: { queued: 12, noEmail: 1 },
      error: null,
    };
    refreshTrayMenu(tray, options);
    expect(labels()).toContain('Daily reminders: 2026-03-16 succeeded (12 queued)');
  });
});
