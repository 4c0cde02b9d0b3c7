import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClinicDeskBridge } from '../../../src/shared/bridge';
import { EVENT_IPC_CHANNEL } from '../../../src/shared/bridge';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<IpcListener>>();
  const exposed = new Map<string, unknown>();
  return {
    exposed,
    listeners,
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api),
    },
    ipcRenderer: {
      invoke: vi.fn((channel: string, input: unknown) =>
        Promise.resolve({ ok: true, value: { channel, input } }),
      ),
      on(channel: string, listener: IpcListener) {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)?.add(listener);
      },
      removeListener(channel: string, listener: IpcListener) {
        listeners.get(channel)?.delete(listener);
      },
    },
  };
});

vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

function emit(...args: unknown[]): void {
  const rawEvent = { sender: { send: () => undefined }, ports: [] };
  for (const listener of electron.listeners.get(EVENT_IPC_CHANNEL) ?? []) listener(rawEvent, ...args);
}

describe('preload', () => {
  let bridge: ClinicDeskBridge;

  beforeAll(async () => {
    await import('../../../src/preload/index');
    bridge = electron.exposed.get('clinicDesk') as ClinicDeskBridge;
  });

  it('exposes window.clinicDesk with exactly invoke and onEvent', () => {
    expect([...electron.exposed.keys()]).toEqual(['clinicDesk']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvent']);
    expect(typeof bridge.invoke).toBe('function');
    expect(typeof bridge.onEvent).toBe('function');
  });

  it('forwards a contract channel and its input to main', async () => {
    const input = { username: 'reception', password: 'correct horse' };
    await expect(bridge.invoke('auth/login', input)).resolves.toEqual({
      ok: true,
      value: { channel: 'auth/login', input },
    });
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('auth/login', input);
  });

  it('refuses a channel outside the contract without sending it', async () => {
    electron.ipcRenderer.invoke.mockClear();
    for (const channel of ['fs/readFile', 'clinic-desk/event', '__proto__', 'toString']) {
      // A script in the page is not bound by the TypeScript types.
      const result = await bridge.invoke(channel as never, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('passes events as (name, payload), never the raw IPC event, and unsubscribes', () => {
    const received: unknown[][] = [];
    const unsubscribe = bridge.onEvent((...args: unknown[]) => {
      received.push(args);
    });

    emit('data/changed', { tables: ['patients'] });
    emit('not/an-event', { anything: true });
    unsubscribe();
    emit('data/changed', { tables: ['appointments'] });

    expect(received).toEqual([['data/changed', { tables: ['patients'] }]]);
    expect(electron.listeners.get(EVENT_IPC_CHANNEL)?.size).toBe(0);
  });
});
