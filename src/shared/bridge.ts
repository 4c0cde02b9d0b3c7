import type { ChannelName, EventMap, EventName } from './contract';
import type { Result } from './result';

/**
 * What the preload script exposes on `window.clinicDesk` in the desktop app, and what the browser
 * preview's HTTP transport imitates. Only contract channels can be invoked.
 */
export interface ClinicDeskBridge {
  invoke(channel: ChannelName, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: <E extends EventName>(event: E, payload: EventMap[E]) => void): () => void;
}

/** IPC channel on which main pushes `[eventName, payload]` to a window. */
export const EVENT_IPC_CHANNEL = 'clinic-desk/event';

/** HTTP protocol of the browser preview (src/main/web): same contract, other transport. */
export const HTTP_API_PREFIX = '/api/';
export const HTTP_EVENTS_PATH = '/api/events';
