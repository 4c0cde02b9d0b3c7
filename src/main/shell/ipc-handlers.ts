import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNEL_NAMES } from '../../shared/contract';
import { EVENT_IPC_CHANNEL } from '../../shared/bridge';
import { fail, type Result } from '../../shared/result';
import { type Connection, type Core, errorFields, type Logger } from '../core';

export interface IpcHandlerDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  core: Pick<Core, 'connect'>;
  /** True for the app's own page (see app-page.ts); anything else is refused. */
  isTrustedSenderUrl: (url: string) => boolean;
  logger: Logger;
}

const INTERNAL_MESSAGE = 'Something went wrong. Please try again; if it keeps happening, contact support.';

/**
 * Registers one handler per contract channel, all through the same checks: the caller must be
 * our page, each window gets its own core connection (so its own sign-in), and nothing ever
 * throws across IPC: a bug becomes `internal`, logged here with the channel name.
 * Returns a function that unregisters everything and closes the connections.
 */
export function registerIpcHandlers(deps: IpcHandlerDeps): () => void {
  const connections = new Map<number, { connection: Connection; release: () => void }>();

  const connectionFor = (sender: WebContents): Connection => {
    const existing = connections.get(sender.id);
    if (existing) return existing.connection;
    const connection = deps.core.connect('ipc');
    const unsubscribe = connection.onEvent((event, payload) => {
      if (!sender.isDestroyed()) sender.send(EVENT_IPC_CHANNEL, event, payload);
    });
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      connections.delete(sender.id);
      unsubscribe();
      connection.close();
    };
    connections.set(sender.id, { connection, release });
    // A closed window's session must end with it, not linger until the app quits.
    sender.once('destroyed', release);
    return connection;
  };

  const handle = async (
    channel: string,
    event: IpcMainInvokeEvent,
    input: unknown,
  ): Promise<Result<unknown>> => {
    try {
      const frameUrl = senderFrameUrl(event);
      if (frameUrl === null || !deps.isTrustedSenderUrl(frameUrl)) {
        deps.logger.log('warn', 'ipc call from a foreign page refused', { channel });
        return fail('forbidden_sender', 'This request did not come from Clinic Desk and was refused.');
      }
      return await connectionFor(event.sender).callUnknown(channel, input);
    } catch (error) {
      deps.logger.log('error', 'ipc handler failed', { channel, ...errorFields(error) });
      return fail('internal', INTERNAL_MESSAGE);
    }
  };

  for (const channel of CHANNEL_NAMES) {
    deps.ipcMain.handle(channel, (event, input: unknown) => handle(channel, event, input));
  }

  return () => {
    for (const channel of CHANNEL_NAMES) deps.ipcMain.removeHandler(channel);
    for (const { release } of [...connections.values()]) release();
  };
}

/** The frame may already be gone (navigated or destroyed) by the time its call arrives. */
function senderFrameUrl(event: IpcMainInvokeEvent): string | null {
  try {
    return event.senderFrame?.url ?? null;
  } catch {
    return null;
  }
}
