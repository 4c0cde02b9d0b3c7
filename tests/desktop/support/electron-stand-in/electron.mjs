/**
 * A stand-in for the `electron` module, for the desktop smoke test (tests/desktop/smoke.test.ts):
 * the built main process (out/main/index.js) runs under plain Node with this module in Electron's
 * place, and its windows are pages of Debian's Chromium driven by playwright-core.
 *
 * Only the API surface src/main/shell uses is here. Electron's rules that matter are enforced:
 * - the preload is evaluated as CommonJS in its own V8 context with only `require('electron')`
 *   (contextBridge, ipcRenderer) and the modules Electron allows in a sandboxed preload
 *   (events, timers, url); any other `require` throws, as it does in Electron;
 * - only what `contextBridge.exposeInMainWorld` exposes reaches the page (through a playwright
 *   binding, with values copied, never references to the preload's objects);
 * - `ipcRenderer.invoke` goes through the handlers registered with `ipcMain.handle`, with the
 *   page's current URL as `event.senderFrame.url`, so the shell's sender check runs.
 *
 * What happens is reported to the test over the Node IPC channel (`process.send`): windows,
 * notifications, tray menus, dialogs. The test drives the window with messages `{ id, op, … }`:
 * `invoke` and `evaluate` in the page, `page` (a chain of Playwright locator calls replayed on it,
 * from tests/desktop/support/remote-page.ts), `waitForText`, `nativeModules`, `trayQuit`.
 */
/* global window -- functions passed to page.evaluate/addInitScript run in the page */
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as timers from 'node:timers';
import * as url from 'node:url';
import vm from 'node:vm';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../support/chromium.mjs';

const require = createRequire(import.meta.url);
const env = process.env;

// Electron's own build reports its version here; the shell keys the native module by it.
Object.defineProperty(process.versions, 'electron', {
  value: require('electron/package.json').version,
  enumerable: true,
});

function report(message) {
  if (process.send) process.send(message);
}

let browserPromise = null;
function browser() {
  browserPromise ??= chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      ...CHROMIUM_ARGS,
      // Electron treats file: as a privileged scheme that may load the bundle's ES modules;
      // plain Chromium refuses module scripts from file: without this.
      '--allow-file-access-from-files',
    ],
  });
  return browserPromise;
}

// ---------------------------------------------------------------- app

class App extends EventEmitter {
  isPackaged = false;
  #ready = new Promise((resolve) =>
    setImmediate(() => {
      resolve();
      this.emit('ready');
    }),
  );
  whenReady() {
    return this.#ready;
  }
  isReady() {
    return true;
  }
  getPath(name) {
    const userData = env.STAND_IN_USER_DATA;
    if (!userData) throw new Error('STAND_IN_USER_DATA is not set');
    if (name === 'userData' || name === 'appData' || name === 'sessionData') return userData;
    if (name === 'logs') return `${userData}/logs`;
    return `${userData}/${name}`;
  }
  getAppPath() {
    return env.STAND_IN_APP_PATH;
  }
  getName() {
    return 'Clinic Desk';
  }
  getVersion() {
    return require(`${env.STAND_IN_APP_PATH}/package.json`).version;
  }
  requestSingleInstanceLock() {
    return true;
  }
  setAppUserModelId(id) {
    report({ type: 'app-user-model-id', id });
  }
  relaunch(options) {
    report({ type: 'relaunch', options: options ?? {} });
  }
  quit() {
    void quitApp(0);
  }
  exit(code = 0) {
    report({ type: 'exit', code });
    process.exit(code);
  }
}

export const app = new App();
let quitting = false;

async function quitApp(code) {
  if (quitting) return;
  quitting = true;
  const event = preventable();
  app.emit('before-quit', event);
  if (event.defaultPrevented) {
    quitting = false;
    return;
  }
  for (const window of [...windows]) window.close();
  app.emit('will-quit', preventable());
  app.emit('quit', {}, code);
  if (browserPromise) await (await browserPromise).close();
  report({ type: 'quit' });
  process.exit(code);
}

function preventable(fields = {}) {
  return {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

// ---------------------------------------------------------------- ipcMain

const handlers = new Map();
class IpcMain extends EventEmitter {
  handle(channel, handler) {
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, handler);
  }
  handleOnce(channel, handler) {
    this.handle(channel, (...args) => {
      handlers.delete(channel);
      return handler(...args);
    });
  }
  removeHandler(channel) {
    handlers.delete(channel);
  }
}
export const ipcMain = new IpcMain();

/** What IPC does to a value: a structured clone (functions and class instances do not survive). */
function acrossIpc(value) {
  return structuredClone(value);
}

// ---------------------------------------------------------------- windows

const windows = new Set();
let nextWebContentsId = 1;

class WebContents extends EventEmitter {
  id = nextWebContentsId++;
  page = null;
  #destroyed = false;
  /** Listeners the preload's ipcRenderer registered, by channel. */
  rendererListeners = new EventEmitter();
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  isDestroyed() {
    return this.#destroyed;
  }
  destroyed() {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.emit('destroyed');
  }
  getURL() {
    return this.page?.url() ?? '';
  }
  send(channel, ...args) {
    if (this.#destroyed) throw new Error('Object has been destroyed');
    this.rendererListeners.emit(channel, { sender: null }, ...acrossIpc(args));
  }
  async printToPDF(options = {}) {
    if (!this.page) throw new Error('nothing loaded');
    const pdf = await this.page.pdf({
      format: options.pageSize ?? 'A4',
      printBackground: options.printBackground ?? false,
    });
    return Buffer.from(pdf);
  }
}

export class BrowserWindow extends EventEmitter {
  #options;
  #visible = false;
  #maximized = false;
  #destroyed = false;
  webContents = new WebContents();
  constructor(options = {}) {
    super();
    this.#options = options;
    this.hasPreload = Boolean(options.webPreferences?.preload);
    windows.add(this);
    report({
      type: 'window-created',
      id: this.webContents.id,
      webPreferences: options.webPreferences ?? {},
      hasPreload: Boolean(options.webPreferences?.preload),
    });
    app.emit('web-contents-created', preventable(), this.webContents);
  }
  static getAllWindows() {
    return [...windows];
  }
  async loadURL(target) {
    const prefs = this.#options.webPreferences ?? {};
    const context = await (await browser()).newContext({ javaScriptEnabled: prefs.javascript !== false });
    const page = await context.newPage();
    this.webContents.page = page;
    page.on('pageerror', (error) => report({ type: 'page-error', message: error.message }));
    page.on('console', (message) => {
      if (message.type() === 'error') report({ type: 'console-error', message: message.text() });
    });
    if (prefs.preload) await attachPreload(this.webContents, page, prefs.preload);
    await page.goto(target, { waitUntil: 'load' });
    report({ type: 'window-loaded', id: this.webContents.id, url: page.url() });
    this.webContents.emit('did-finish-load');
    this.emit('ready-to-show');
  }
  show() {
    this.#visible = true;
    report({ type: 'window-shown', id: this.webContents.id });
  }
  hide() {
    this.#visible = false;
  }
  isVisible() {
    return this.#visible;
  }
  focus() {}
  isMinimized() {
    return false;
  }
  restore() {}
  maximize() {
    this.#maximized = true;
  }
  isMaximized() {
    return this.#maximized;
  }
  getNormalBounds() {
    return { x: 100, y: 80, width: this.#options.width ?? 800, height: this.#options.height ?? 600 };
  }
  isDestroyed() {
    return this.#destroyed;
  }
  close() {
    if (this.#destroyed) return;
    const event = preventable();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroy();
  }
  destroy() {
    if (this.#destroyed) return;
    this.#destroyed = true;
    windows.delete(this);
    const page = this.webContents.page;
    if (page)
      void page
        .context()
        .close()
        .catch(() => undefined);
    this.webContents.destroyed();
    this.emit('closed');
    if (windows.size === 0 && !quitting) app.emit('window-all-closed');
  }
}

/**
 * Runs the preload as Electron runs a sandboxed one, and hands the page copies of what it
 * exposes. Functions passed from the page (listeners) become callbacks that post back into it.
 */
async function attachPreload(webContents, page, preloadPath) {
  const exposed = new Map();
  const ipcRenderer = {
    invoke: async (channel, ...args) => {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`Error invoking remote method '${channel}': No handler registered`);
      const event = { sender: webContents, senderFrame: { url: page.url() }, processId: 1, frameId: 1 };
      return acrossIpc(await handler(event, ...acrossIpc(args)));
    },
    on: (channel, listener) => {
      webContents.rendererListeners.on(channel, listener);
      return ipcRenderer;
    },
    removeListener: (channel, listener) => {
      webContents.rendererListeners.removeListener(channel, listener);
      return ipcRenderer;
    },
  };
  const contextBridge = {
    exposeInMainWorld: (key, api) => {
      if (exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property "${key}"`);
      exposed.set(key, api);
    },
  };
  const allowed = { electron: { contextBridge, ipcRenderer }, events: EventEmitter, timers, url };
  const sandboxRequire = (name) => {
    if (!Object.hasOwn(allowed, name)) throw new Error(`module not found: ${name}`);
    return allowed[name];
  };
  const source = readFileSync(preloadPath, 'utf8');
  const context = vm.createContext({ console, setTimeout, clearTimeout, Promise });
  const wrapper = vm.runInContext(
    `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    context,
    { filename: preloadPath },
  );
  const module = { exports: {} };
  try {
    wrapper(module.exports, sandboxRequire, module, preloadPath, dirname(preloadPath));
  } catch (error) {
    // Electron logs a failed preload and loads the page anyway, without the bridge.
    report({ type: 'preload-error', message: error instanceof Error ? error.message : String(error) });
  }
  report({ type: 'preload-exposed', keys: [...exposed.keys()] });

  let nextRelease = 1;
  const releases = new Map();
  await page.exposeBinding('__standInBridge', async (_source, op, key, member, args) => {
    if (op === 'release') {
      releases.get(member)?.();
      releases.delete(member);
      return null;
    }
    const api = exposed.get(key);
    if (!api || typeof api[member] !== 'function') throw new Error(`${key}.${member} is not exposed`);
    const realArgs = args.map((arg) =>
      arg && typeof arg === 'object' && typeof arg.__callback === 'number'
        ? (...callbackArgs) => {
            const id = arg.__callback;
            void page
              .evaluate(
                ([callbackId, values]) =>
                  window.dispatchEvent(
                    new CustomEvent('__standInCallback', { detail: { id: callbackId, args: values } }),
                  ),
                [id, acrossIpc(callbackArgs)],
              )
              .catch(() => undefined);
          }
        : arg,
    );
    const result = await api[member](...realArgs);
    if (typeof result === 'function') {
      const id = nextRelease++;
      releases.set(id, result);
      return { __release: id };
    }
    return acrossIpc(result);
  });
  const shapes = [...exposed].map(([key, api]) => [
    key,
    Object.keys(api).filter((member) => typeof api[member] === 'function'),
  ]);
  await page.addInitScript((exposedShapes) => {
    const call = window.__standInBridge;
    delete window.__standInBridge;
    const callbacks = new Map();
    let nextCallback = 1;
    window.addEventListener('__standInCallback', (event) => {
      const { id, args } = event.detail;
      callbacks.get(id)?.(...args);
    });
    for (const [key, members] of exposedShapes) {
      const api = {};
      for (const member of members) {
        api[member] = async (...args) => {
          const wire = args.map((arg) => {
            if (typeof arg !== 'function') return arg;
            const id = nextCallback++;
            callbacks.set(id, arg);
            return { __callback: id };
          });
          const result = await call('call', key, member, wire);
          if (result && typeof result === 'object' && typeof result.__release === 'number') {
            return () => void call('release', key, result.__release, []);
          }
          return result;
        };
      }
      Object.defineProperty(window, key, { value: Object.freeze(api), enumerable: true });
    }
  }, shapes);
}

// ---------------------------------------------------------------- the rest of the surface

export const Menu = {
  buildFromTemplate: (template) => ({ items: template }),
  setApplicationMenu: (menu) => report({ type: 'application-menu', menu: menu === null ? null : 'set' }),
};

const trays = new Set();
export class Tray extends EventEmitter {
  constructor(image) {
    super();
    trays.add(this);
    report({ type: 'tray-created', iconExists: !image.isEmpty() });
  }
  setToolTip(text) {
    this.tooltip = text;
  }
  setContextMenu(menu) {
    this.menu = menu;
    report({ type: 'tray-menu', labels: menu.items.map((item) => item.label ?? `(${item.type})`) });
  }
  destroy() {}
}

export const nativeImage = {
  createFromPath: (path) => ({ path, isEmpty: () => !existsSync(path) }),
};

export class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(options) {
    super();
    this.title = options.title;
    this.body = options.body;
  }
  show() {
    report({ type: 'notification', title: this.title, body: this.body });
  }
  close() {
    this.emit('close');
  }
}

/** An OS keychain that works: reversible, but never plain text on disk. */
const KEY = Buffer.from('stand-in keychain');
const xor = (bytes) => Buffer.from(bytes.map((byte, index) => byte ^ KEY[index % KEY.length]));
export const safeStorage = {
  isAsyncEncryptionAvailable: async () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptStringAsync: async (plain) => Buffer.concat([Buffer.from('v11'), xor(Buffer.from(plain, 'utf8'))]),
  decryptStringAsync: async (cipher) => {
    if (cipher.subarray(0, 3).toString() !== 'v11') throw new Error('Error while decrypting the ciphertext');
    return { result: xor(cipher.subarray(3)).toString('utf8'), shouldReEncrypt: false };
  },
};

export const dialog = {
  showErrorBox: (title, content) => report({ type: 'dialog', title, content }),
  showMessageBoxSync: (options) => {
    report({ type: 'dialog', title: options.title, content: options.message });
    return options.cancelId ?? 0;
  },
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
  showSaveDialog: async () => ({ canceled: true }),
};

export const shell = {
  openExternal: async (target) => report({ type: 'open-external', url: target }),
  showItemInFolder: (path) => report({ type: 'show-item-in-folder', path }),
  openPath: async (path) => {
    report({ type: 'open-path', path });
    return '';
  },
};

export const powerMonitor = new EventEmitter();

const display = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
  scaleFactor: 1,
};
export const screen = {
  getAllDisplays: () => [display],
  getPrimaryDisplay: () => display,
  getDisplayMatching: () => display,
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: () => undefined,
    setPermissionCheckHandler: () => undefined,
    setDevicePermissionHandler: () => undefined,
    webRequest: {
      onHeadersReceived: (listener) => report({ type: 'csp-listener', set: typeof listener === 'function' }),
    },
  },
};

// ---------------------------------------------------------------- the test's remote control

/** The window the test drives: the first one with a preload (the main window). */
function mainPage() {
  const page = [...windows]
    .filter((candidate) => candidate.hasPreload)
    .map((candidate) => candidate.webContents.page)
    .find((candidate) => candidate && !candidate.isClosed());
  if (!page) throw new Error('no window is open');
  return page;
}

/**
 * The Playwright calls a test may replay on the main window's page, in a chain such as
 * `[['getByRole', ['button', { name: 'Sign in' }]], ['click', []]]`
 * (tests/desktop/support/remote-page.ts builds them).
 */
const PAGE_CALLS = new Set([
  'getByRole',
  'getByLabel',
  'getByText',
  'locator',
  'filter',
  'first',
  'nth',
  'click',
  'fill',
  'waitFor',
  'innerText',
  'count',
  'isVisible',
  'textContent',
]);

/** Messages cross the Node IPC channel as JSON: a RegExp travels as `{ __regex: [source, flags] }`. */
function revive(value) {
  if (Array.isArray(value)) return value.map(revive);
  if (value && typeof value === 'object') {
    if (Array.isArray(value.__regex)) return new RegExp(value.__regex[0], value.__regex[1]);
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, revive(item)]));
  }
  return value;
}

process.on('message', (message) => {
  void (async () => {
    try {
      let result = null;
      if (message.op === 'invoke') {
        result = await mainPage().evaluate(
          ([channel, input]) => window.clinicDesk.invoke(channel, input),
          [message.channel, message.input],
        );
      } else if (message.op === 'page') {
        let target = mainPage();
        for (const [method, args] of message.chain) {
          if (!PAGE_CALLS.has(method)) throw new Error(`${method} cannot be called through the stand-in`);
          target = await target[method](...revive(args));
        }
        result = target ?? null;
      } else if (message.op === 'evaluate') {
        result = await mainPage().evaluate(message.expression);
      } else if (message.op === 'waitForText') {
        await mainPage().getByText(message.text, { exact: false }).first().waitFor({ timeout: 30_000 });
        result = true;
      } else if (message.op === 'nativeModules') {
        result = readFileSync('/proc/self/maps', 'utf8')
          .split('\n')
          .filter((line) => line.endsWith('.node'))
          .map((line) => line.slice(line.indexOf('/')));
        result = [...new Set(result)];
      } else if (message.op === 'trayQuit') {
        // Staff quit from the tray (closing the window only hides it while a tray exists).
        const item = [...trays].at(-1)?.menu?.items.find((candidate) => candidate.label === 'Quit');
        if (!item) throw new Error('the tray has no Quit item');
        item.click();
      }
      report({ type: 'reply', id: message.id, result });
    } catch (error) {
      report({
        type: 'reply',
        id: message.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  })();
});

export const contextBridge = {
  exposeInMainWorld: () => {
    throw new Error('contextBridge is only available in a preload');
  },
};
export const ipcRenderer = {};

export default {
  app,
  BrowserWindow,
  contextBridge,
  dialog,
  ipcMain,
  ipcRenderer,
  Menu,
  nativeImage,
  Notification,
  powerMonitor,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
};
