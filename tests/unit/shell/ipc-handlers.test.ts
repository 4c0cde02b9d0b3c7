import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { beforeEach, describe, expect, it } from 'vitest';
import { isAppPageUrl, resolveAppPage } from '../../../src/main/shell/app-page';
import { registerIpcHandlers } from '../../../src/main/shell/ipc-handlers';
import { EVENT_IPC_CHANNEL } from '../../../src/shared/bridge';
import { CHANNEL_NAMES } from '../../../src/shared/contract';
import type { Result } from '../../../src/shared/result';
import { FakeCore, MemoryLogger } from './fakes';

type Listener = Parameters<IpcMain['handle']>[1];

class FakeIpcMain {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  async invoke(channel: string, event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return (await handler(event, input)) as Result<unknown>;
  }
}

class FakeWebContents {
  destroyed = false;
  readonly sent: unknown[][] = [];
  private readonly onDestroyed: Array<() => void> = [];
  constructor(readonly id: number) {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
  once(event: string, listener: () => void): this {
    if (event === 'destroyed') this.onDestroyed.push(listener);
    return this;
  }
  destroy(): void {
    this.destroyed = true;
    for (const listener of this.onDestroyed.splice(0)) listener();
  }
}

const page = resolveAppPage({
  devServerUrl: undefined,
  rendererIndexHtml: '/opt/clinic-desk/out/renderer/index.html',
});
const APP_URL = 'file:///opt/clinic-desk/out/renderer/index.html#/patients';

function invokeEvent(sender: FakeWebContents, frameUrl: string | null): IpcMainInvokeEvent {
  const fake = { sender, senderFrame: frameUrl === null ? null : { url: frameUrl } };
  return fake as unknown as IpcMainInvokeEvent;
}

describe('registerIpcHandlers', () => {
  let ipcMain: FakeIpcMain;
  let core: FakeCore;
  let logger: MemoryLogger;
  let dispose: () => void;

  beforeEach(() => {
    ipcMain = new FakeIpcMain();
    core = new FakeCore();
    logger = new MemoryLogger();
    dispose = registerIpcHandlers({
      ipcMain,
      core,
      isTrustedSenderUrl: (url) => isAppPageUrl(url, page),
      logger,
    });
  });

  it('registers exactly the contract channels', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('passes the input to the window connection and returns its result', async () => {
    const sender = new FakeWebContents(1);
    const input = { query: 'smith', limit: 10 };
    const result = await ipcMain.invoke('patients/list', invokeEvent(sender, APP_URL), input);

    expect(core.transports).toEqual(['ipc']);
    expect(core.connections[0]?.calls).toEqual([{ channel: 'patients/list', input }]);
    expect(result).toEqual({ ok: true, value: { echoed: { channel: 'patients/list', input } } });
  });

  it('refuses a call from a foreign page without touching the core', async () => {
    const sender = new FakeWebContents(1);
    for (const url of ['https://evil.example/', 'file:///tmp/other.html', 'http://localhost:5173/']) {
      const result = await ipcMain.invoke('auth/login', invokeEvent(sender, url), {});
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    }
    expect(core.connections).toHaveLength(0);
  });

  it('refuses a call whose frame is already gone', async () => {
    const result = await ipcMain.invoke('auth/session', invokeEvent(new FakeWebContents(1), null), {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('keeps one connection per window', async () => {
    const first = new FakeWebContents(1);
    const second = new FakeWebContents(2);
    await ipcMain.invoke('auth/session', invokeEvent(first, APP_URL), {});
    await ipcMain.invoke('auth/session', invokeEvent(first, APP_URL), {});
    await ipcMain.invoke('auth/session', invokeEvent(second, APP_URL), {});

    expect(core.connections).toHaveLength(2);
    expect(core.connections[0]?.calls).toHaveLength(2);
    expect(core.connections[1]?.calls).toHaveLength(1);
  });

  it('closes the connection when its window is destroyed', async () => {
    const sender = new FakeWebContents(1);
    await ipcMain.invoke('auth/session', invokeEvent(sender, APP_URL), {});
    const connection = core.connections[0];
    sender.destroy();

    expect(connection?.closed).toBe(true);
    expect(connection?.listeners.size).toBe(0);
    // A new page in a new window gets a fresh connection, not the closed one.
    await ipcMain.invoke('auth/session', invokeEvent(new FakeWebContents(1), APP_URL), {});
    expect(core.connections).toHaveLength(2);
  });

  it('forwards connection events to its own window only', async () => {
    const first = new FakeWebContents(1);
    const second = new FakeWebContents(2);
    await ipcMain.invoke('auth/session', invokeEvent(first, APP_URL), {});
    await ipcMain.invoke('auth/session', invokeEvent(second, APP_URL), {});

    core.connections[0]?.emit('session/ended', { reason: 'idle' });

    expect(first.sent).toEqual([[EVENT_IPC_CHANNEL, 'session/ended', { reason: 'idle' }]]);
    expect(second.sent).toEqual([]);
  });

  it('turns a thrown error into an internal failure and logs it', async () => {
    const sender = new FakeWebContents(1);
    await ipcMain.invoke('auth/session', invokeEvent(sender, APP_URL), {});
    const connection = core.connections[0];
    if (!connection) throw new Error('no connection');
    connection.answer = () => Promise.reject(new Error('disk I/O error at /secret/path'));

    const result = await ipcMain.invoke('patients/list', invokeEvent(sender, APP_URL), {});

    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (result.ok) throw new Error('expected a failure');
    expect(result.error.message).not.toContain('/secret/path');
    expect(logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'error',
        fields: expect.objectContaining({ channel: 'patients/list' }),
      }),
    );
  });

  it('turns a throwing core.connect into an internal failure too', async () => {
    core.connect = () => {
      throw new Error('core closed');
    };
    const result = await ipcMain.invoke('auth/session', invokeEvent(new FakeWebContents(1), APP_URL), {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('unregisters every channel and closes connections on dispose', async () => {
    await ipcMain.invoke('auth/session', invokeEvent(new FakeWebContents(1), APP_URL), {});
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    expect(core.connections[0]?.closed).toBe(true);
  });
});
