import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { ClinicDeskBridge } from '../shared/bridge';
import { EVENT_IPC_CHANNEL } from '../shared/bridge';
import { EVENT_NAMES, isChannelName, type EventMap, type EventName } from '../shared/contract';
import { fail, type Result } from '../shared/result';

const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);

/**
 * Builds `window.clinicDesk` over ipcRenderer. The page gets two functions and nothing else: no
 * ipcRenderer, no raw IPC events (their `sender` would reach back into Electron), and no channel
 * outside the contract, even if a script in the page forges one.
 */
export function createBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): ClinicDeskBridge {
  return {
    invoke(channel, input) {
      if (!isChannelName(channel)) {
        return Promise.resolve(
          fail('unknown_channel', `"${String(channel)}" is not something Clinic Desk can do.`),
        );
      }
      return ipc.invoke(channel, input) as Promise<Result<unknown>>;
    },
    onEvent(listener) {
      const forward = (_event: IpcRendererEvent, name: unknown, payload: unknown): void => {
        if (isEventName(name)) listener(name, payload as EventMap[typeof name]);
      };
      ipc.on(EVENT_IPC_CHANNEL, forward);
      return () => {
        ipc.removeListener(EVENT_IPC_CHANNEL, forward);
      };
    },
  };
}
