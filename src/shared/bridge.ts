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
/**
 * The preview's per-session key: handed to the page once in the address fragment (never a
 * cookie, which browsers send to every port of the host), kept in the page's own storage, and
 * sent on every call as this header (on the event stream, which cannot set headers, as the query
 * parameter). A replayed cookie jar without it gets 401.
 */
export const HTTP_KEY_HEADER = 'x-clinic-desk-key';
export const HTTP_KEY_PARAM = 'key';
export const HTTP_KEY_FRAGMENT = 'cd-key';
