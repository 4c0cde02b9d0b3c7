import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { IpcMainInvokeEvent, MenuItemConstructorOptions } from 'electron';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from '../../../src/main/core/api';
import { silentLogger } from '../../../src/main/core/logger';
import { createNetworkHost, type NetworkHost } from '../../../src/main/network/host';
import { unreachableMessage } from '../../../src/main/network/link';
import type { CoreFactory } from '../../../src/main/shell/desktop-app';
import { EVENT_IPC_CHANNEL } from '../../../src/shared/bridge';
import type { SetupStatus } from '../../../src/shared/dto';
import type { Result } from '../../../src/shared/result';
import { tempCore, tempDir, type TempCore } from '../../support/temp-core';
import { coreOptionsGiven } from './fakes';

type Listener = (...args: unknown[]) => void;
type IpcHandler = (event: IpcMainInvokeEvent, input: unknown) => Promise<Result<unknown>>;

/**
 * Electron, as far as the shell uses it: windows, tray, IPC and safeStorage are recorded so the
 * test can act as the renderer (an IPC call from the app's page) and read what reached the window.
 */
const electron = vi.hoisted(() => {
  class Emitter {
    private readonly listeners = new Map<string, Listener[]>();
    on(event: string, listener: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: Listener) {
      return this.on(event, listener);
    }
    emit(event: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    }
  }
  class WebContents extends Emitter {
    readonly id = 1;
    readonly sent: unknown[][] = [];
    send(...args: unknown[]) {
      this.sent.push(args);
    }
    isDestroyed() {
      return false;
    }
    setWindowOpenHandler() {}
  }
  class BrowserWindow extends Emitter {
    readonly webContents = new WebContents();
    visible = true;
    constructor() {
      super();
      state.windows.push(this);
    }
    loadURL() {
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    isMaximized() {
      return false;
    }
    isVisible() {
      return this.visible;
    }
    getNormalBounds() {
      return { x: 0, y: 0, width: 1280, height: 820 };
    }
    show() {
      this.visible = true;
    }
    hide() {
      this.visible = false;
    }
    focus() {}
    restore() {}
    maximize() {}
  }
  class Tray extends Emitter {
    tooltip = '';
    menu: MenuItemConstructorOptions[] = [];
    constructor() {
      super();
      state.trays.push(this);
    }
    setToolTip(text: string) {
      this.tooltip = text;
    }
    setContextMenu(menu: MenuItemConstructorOptions[]) {
      this.menu = menu;
    }
  }
  const state = {
    windows: [] as BrowserWindow[],
    trays: [] as Tray[],
    ipc: new Map<string, IpcHandler>(),
    appListeners: new Map<string, Listener>(),
    /** Every plain text handed to safeStorage to encrypt. */
    sealed: [] as string[],
  };
  /** A stand-in for the OS keychain's cipher: reversible, and never the plain text. */
  const flip = (bytes: Buffer) => Buffer.from(bytes.map((byte) => byte ^ 0x5a));
  return {
    state,
    BrowserWindow,
    Tray,
    app: {
      isPackaged: false,
      requestSingleInstanceLock: vi.fn(() => true),
      quit: vi.fn(),
      exit: vi.fn(),
      relaunch: vi.fn(),
      on: vi.fn((event: string, listener: Listener) => state.appListeners.set(event, listener)),
      setAppUserModelId: vi.fn(),
      whenReady: vi.fn(() => Promise.resolve()),
      getPath: vi.fn(() => '/nonexistent/userData'),
      getAppPath: vi.fn(() => '/nonexistent/app'),
    },
    dialog: { showErrorBox: vi.fn(), showMessageBoxSync: vi.fn(() => 1) },
    ipcMain: {
      handle: (channel: string, handler: IpcHandler) => state.ipc.set(channel, handler),
      removeHandler: (channel: string) => state.ipc.delete(channel),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
        webRequest: { onHeadersReceived: vi.fn() },
      },
    },
    safeStorage: {
      isAsyncEncryptionAvailable: () => Promise.resolve(true),
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptStringAsync: vi.fn((plain: string) => {
        state.sealed.push(plain);
        return Promise.resolve(flip(Buffer.from(`v11${plain}`, 'utf8')));
      }),
      decryptStringAsync: vi.fn((cipher: Buffer) =>
        Promise.resolve({ result: flip(cipher).toString('utf8').slice(3), shouldReEncrypt: false }),
      ),
    },
    powerMonitor: { on: vi.fn() },
  };
});

vi.mock('electron', () => ({
  app: electron.app,
  dialog: electron.dialog,
  ipcMain: electron.ipcMain,
  session: electron.session,
  safeStorage: electron.safeStorage,
  powerMonitor: electron.powerMonitor,
  screen: { getAllDisplays: () => [], getDisplayMatching: () => ({ id: 1 }) },
  shell: { openExternal: vi.fn(() => Promise.resolve()) },
  Notification: class {
    static isSupported = () => false;
  },
  BrowserWindow: electron.BrowserWindow,
  Tray: electron.Tray,
  Menu: {
    setApplicationMenu: vi.fn(),
    buildFromTemplate: (template: MenuItemConstructorOptions[]) => template,
  },
  nativeImage: { createFromPath: (path: string) => ({ path }) },
}));

// electron-store needs the real Electron; the per-PC file is tested in pc-settings.test.ts.
vi.mock('../../../src/main/shell/pc-settings', () => ({
  openPcSettings: () => ({
    dataFolder: () => undefined,
    setDataFolder: vi.fn(),
    windowState: () => undefined,
    setWindowState: vi.fn(),
  }),
}));

const { runDesktopApp } = await import('../../../src/main/shell/desktop-app');

const PAGE = 'http://localhost:5173/';

/**
 * Issue 14, the shell's side: a real host (core + TLS server on 127.0.0.1) and the desktop app's
 * shell, Electron mocked, first pairing from its first-run screen and then starting as the host's
 * client. The test speaks for the renderer through the registered IPC handlers.
 */
describe('the desktop app on a PC paired with the clinic host', () => {
  let host: TempCore;
  let server: NetworkHost;
  let admin: Connection;
  let address = '';
  let fingerprint = '';
  const clientDir = tempDir('clinic-desk-client-');
  /** Everything the window was answered or sent, to look for the device secret in. */
  const reachedWindow: unknown[] = [];

  /** A call from the app's page, as the preload bridge makes it. */
  const invoke = async (channel: string, input: unknown = {}): Promise<Result<unknown>> => {
    const handler = electron.state.ipc.get(channel);
    if (!handler) throw new Error(`no IPC handler for ${channel}`);
    const window = electron.state.windows[0];
    const event = {
      sender: window?.webContents,
      senderFrame: { url: PAGE },
    } as unknown as IpcMainInvokeEvent;
    const result = await handler(event, input);
    reachedWindow.push(result);
    return result;
  };
  const secret = () => {
    expect(electron.state.sealed).toHaveLength(1);
    return electron.state.sealed[0] ?? '';
  };

  beforeAll(async () => {
    server = createNetworkHost({ logger: silentLogger, bindAddress: '127.0.0.1', port: 0 });
    host = await tempCore({ demo: true, networkHost: server.control });
    server.attach(host.core);
    admin = host.core.connectAs('admin', 'test');
    const configured = await admin.call('network/configure', { enabled: true, port: 7443 });
    if (!configured.ok || !configured.value.fingerprint) throw new Error('the host did not start');
    fingerprint = configured.value.fingerprint;
    address = `127.0.0.1:${server.port()}`;
  }, 120_000);

  beforeEach(() => {
    vi.clearAllMocks();
    vi.stubEnv('CLINIC_DESK_DATA_DIR', clientDir);
    vi.stubEnv('ELECTRON_RENDERER_URL', PAGE);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  afterAll(async () => {
    electron.state.appListeners.get('will-quit')?.();
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    await server.close();
    host.cleanup();
    rmSync(clientDir, { recursive: true, force: true });
  });

  it('pairs from the first-run screen: the secret is kept with safeStorage, the window gets only "restarting"', async () => {
    const given = await coreOptionsGiven(runDesktopApp);
    // The first-run PC's own (empty) clinic, in this PC's data folder, with the shell's joiner, as
    // the app opens it.
    expect(given.dataDir).toBe(clientDir);
    const firstRun = await tempCore({ dataDir: given.dataDir, networkJoiner: given.networkJoiner });
    expect(existsSync(join(clientDir, 'clinic.db'))).toBe(true);
    try {
      const window = firstRun.core.connect('ipc');
      const probe = await window.call('network/probe', { address });
      expect(probe).toEqual({ ok: true, value: { address, fingerprint } });
      const code = await admin.call('network/createPairingCode', {});
      if (!code.ok) throw new Error(code.error.message);
      const joined = await window.call('network/join', {
        address,
        code: code.value.code,
        fingerprint,
        deviceName: 'Consulting room 2',
      });
      expect(joined).toEqual({ ok: true, value: { restarting: true } });
      reachedWindow.push(probe, joined);
    } finally {
      // As the app quits to restart: the database it never used again goes with it.
      firstRun.core.close();
    }
    expect(existsSync(join(clientDir, 'clinic.db'))).toBe(false);

    expect(secret().length).toBeGreaterThanOrEqual(32);
    const kept = readFileSync(join(clientDir, 'network', 'client.json'), 'utf8');
    expect(kept).not.toContain(secret());
    expect(JSON.parse(kept)).toMatchObject({ address, fingerprint, deviceName: 'Consulting room 2' });
    // Restarts as the host's client once the answer has reached the window.
    await vi.waitFor(() => expect(electron.app.relaunch).toHaveBeenCalled(), { timeout: 5000 });
    expect(electron.app.quit).toHaveBeenCalled();
    const devices = await admin.call('network/devices', {});
    expect(devices.ok && devices.value.map((d) => d.name)).toEqual(['Consulting room 2']);
  }, 60_000);

  it('starts as the host’s client: no core, no database, no jobs; the tray says it is connected', async () => {
    electron.state.windows.length = 0;
    electron.state.trays.length = 0;
    electron.state.ipc.clear();
    const createCore = vi.fn<CoreFactory>();
    runDesktopApp({ createCore });
    await vi.waitFor(() => expect(electron.state.trays).toHaveLength(1));

    expect(createCore).not.toHaveBeenCalled();
    expect(readdirSync(clientDir).sort()).toEqual(['logs', 'network']);
    expect(existsSync(join(clientDir, 'clinic.db'))).toBe(false);
    expect(electron.powerMonitor.on).not.toHaveBeenCalled();
    const tray = electron.state.trays[0]!;
    expect(tray.menu.map((item) => item.label ?? item.type)).toEqual([
      'Open Clinic Desk',
      'separator',
      'Quit',
    ]);
    expect(electron.state.windows).toHaveLength(1);
    // The secret was decrypted in main, with safeStorage, to make the device credential.
    expect(electron.safeStorage.decryptStringAsync).toHaveBeenCalledTimes(1);
    // Asked at start, before the window's first call: "connecting…" until the host answers.
    await vi.waitFor(() => expect(tray.tooltip).toBe('Clinic Desk — connected to the clinic host'), {
      timeout: 10_000,
    });
  });

  it("forwards the window's calls to the host, where its user signs in as themselves and the host's roles apply", async () => {
    const onHost = await admin.call('auth/setupStatus', {});
    if (!onHost.ok) throw new Error(onHost.error.message);
    const status = await invoke('auth/setupStatus');
    expect(status).toEqual({ ok: true, value: onHost.value });
    const frontDesk = (status as { value: SetupStatus }).value.demoLogins.find((l) => l.role !== 'admin');
    if (!frontDesk) throw new Error('the demo clinic has no non-admin login');

    expect(await invoke('staff/list')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const signedIn = await invoke('auth/login', {
      username: frontDesk.username,
      password: frontDesk.password,
    });
    expect(signedIn).toMatchObject({ ok: true, value: { username: frontDesk.username } });
    expect(await invoke('staff/list')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(electron.state.trays[0]?.tooltip).toBe('Clinic Desk — connected to the clinic host');
  });

  it("a change made on the host reaches the client's window as a push event", async () => {
    const window = electron.state.windows[0]!;
    // The window's event stream opens after its first call; until then a change has no one to reach.
    await vi.waitFor(
      async () => {
        await admin.call('network/createPairingCode', {});
        expect(window.webContents.sent).toContainEqual([
          EVENT_IPC_CHANNEL,
          'data/changed',
          { tables: expect.arrayContaining(['network_pairing_codes']) as unknown },
        ]);
      },
      { timeout: 20_000, interval: 250 },
    );
    reachedWindow.push(...window.webContents.sent);
  }, 30_000);

  it('closing the window hides it, and the tray brings it back', () => {
    const window = electron.state.windows[0]!;
    const close = { preventDefault: vi.fn() };
    window.emit('close', close);
    expect(close.preventDefault).toHaveBeenCalled();
    expect(window.visible).toBe(false);
    electron.state.trays[0]!.emit('click');
    expect(window.visible).toBe(true);
  });

  it('the host switched off: the call gets the plain sentence at once and the tray says the host is not reachable', async () => {
    await server.close();
    const answer = await invoke('auth/session');
    expect(answer).toEqual({
      ok: false,
      error: { code: 'host_unreachable', message: unreachableMessage(address) },
    });
    expect(electron.state.trays[0]?.tooltip).toBe(`Clinic Desk — ${unreachableMessage(address)}`);
  }, 30_000);

  it('started while the host is off: the tray says so at once, without waiting for a call', async () => {
    electron.state.windows.length = 0;
    electron.state.trays.length = 0;
    electron.state.ipc.clear();
    runDesktopApp({ createCore: vi.fn<CoreFactory>() });
    await vi.waitFor(() => expect(electron.state.trays).toHaveLength(1));
    const tray = electron.state.trays[0]!;
    expect([
      'Clinic Desk — connecting to the clinic host…',
      `Clinic Desk — ${unreachableMessage(address)}`,
    ]).toContain(tray.tooltip);
    await vi.waitFor(() => expect(tray.tooltip).toBe(`Clinic Desk — ${unreachableMessage(address)}`), {
      timeout: 10_000,
    });
  }, 30_000);

  it('the device secret never reached the window (answers, push events) nor the log', () => {
    const plain = secret();
    expect(reachedWindow.length).toBeGreaterThan(5);
    for (const seen of reachedWindow) expect(JSON.stringify(seen)).not.toContain(plain);
    const log = readFileSync(join(clientDir, 'logs', 'clinic-desk.log'), 'utf8');
    expect(log).toContain('starting as a client of the clinic host');
    expect(log).not.toContain(plain);
  });
});
