import {
  HTTP_API_PREFIX,
  HTTP_EVENTS_PATH,
  HTTP_KEY_FRAGMENT,
  HTTP_KEY_HEADER,
  HTTP_KEY_PARAM,
  type ClinicDeskBridge,
} from '../../../shared/bridge';
import { EVENT_NAMES, type ChannelName, type EventMap, type EventName } from '../../../shared/contract';
import type { AppError, Result } from '../../../shared/result';

/**
 * How the renderer reaches main. The desktop app gets the preload bridge; the browser preview
 * speaks the same contract over HTTP, so every screen works unchanged in both.
 */
export type Transport = ClinicDeskBridge;
export type EventListener = Parameters<ClinicDeskBridge['onEvent']>[0];

const unreachable: AppError = {
  code: 'internal',
  message: 'Clinic Desk could not reach its server. Check that it is still running and try again.',
};

const expiredLink: AppError = {
  code: 'unauthenticated',
  message: 'This preview link is no longer valid. Open the address printed by the preview server again.',
};

function isResult(body: unknown): body is Result<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  const candidate = body as { ok: unknown; error?: unknown };
  if (candidate.ok === true) return 'value' in body;
  return candidate.ok === false && typeof candidate.error === 'object' && candidate.error !== null;
}

function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as string[]).includes(name);
}

const KEY_STORAGE = 'clinic-desk-preview-key';

/**
 * The preview's per-session key (see src/main/web/session-key.ts). It arrives once in the address
 * fragment, is moved into this origin's storage (which, unlike cookies, another port cannot read)
 * and taken out of the address bar.
 */
export function previewKey(): string {
  const fragment = new URLSearchParams(window.location.hash.slice(1)).get(HTTP_KEY_FRAGMENT);
  if (fragment) {
    window.localStorage.setItem(KEY_STORAGE, fragment);
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }
  return window.localStorage.getItem(KEY_STORAGE) ?? '';
}

export function createHttpTransport(): Transport {
  const key = previewKey();
  const listeners = new Set<EventListener>();
  let source: EventSource | null = null;

  const dispatch = (message: MessageEvent<string>): void => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message.data);
    } catch {
      return; // A malformed push is dropped: screens fall back to their own refetching.
    }
    if (typeof parsed !== 'object' || parsed === null) return;
    const { event, payload } = parsed as { event?: unknown; payload?: unknown };
    if (!isEventName(event)) return;
    for (const listener of listeners) listener(event, payload as EventMap[typeof event]);
  };

  return {
    async invoke(channel: ChannelName, input: unknown): Promise<Result<unknown>> {
      let response: Response;
      try {
        response = await fetch(`${HTTP_API_PREFIX}${channel}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', [HTTP_KEY_HEADER]: key },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return { ok: false, error: unreachable };
      }
      // 401/403 here come from the preview's access cookie, not from the contract (which answers 200).
      if (response.status === 401 || response.status === 403) return { ok: false, error: expiredLink };
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return { ok: false, error: unreachable };
      }
      return isResult(body) ? body : { ok: false, error: unreachable };
    },

    onEvent(listener: EventListener): () => void {
      listeners.add(listener);
      // One stream per tab, opened while someone listens; EventSource reconnects by itself.
      if (!source) {
        // EventSource cannot send headers: the key goes as a query parameter on this one request.
        source = new EventSource(`${HTTP_EVENTS_PATH}?${HTTP_KEY_PARAM}=${encodeURIComponent(key)}`);
        source.onmessage = dispatch;
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}

export function pickTransport(): Transport {
  return window.clinicDesk ?? createHttpTransport();
}

let current: Transport | null = null;

/** The transport for this window, chosen once. */
export function transport(): Transport {
  current ??= pickTransport();
  return current;
}
