import { type Connection, type EventListener, type Transport, errorFields, type Logger } from '../core';
import {
  isChannelName,
  type ChannelName,
  type ChannelResult,
  type EventMap,
  type EventName,
} from '../../shared/contract';
import type { SessionInfo } from '../../shared/dto';
import { fail, type Result } from '../../shared/result';
import { HostLink, LinkError, type HostPin } from './link';
import { DEVICE_REFUSED, PATHS } from './protocol';

/** Reconnect delays for the event stream: quick at first, then every 15 s. */
const RETRY_MS = [500, 1000, 2000, 5000, 15_000];

export interface HostLinkState {
  /** Last call or stream reached the host; null until the first one has been answered. */
  reachable: boolean | null;
  /** The plain sentence to show (tray, banner) while it is not reachable. */
  message: string | null;
}

export interface RemoteCore {
  /** Same shape as the core's: the shell's IPC handlers cannot tell the difference. */
  connect(transport: Transport): Connection;
  state(): HostLinkState;
  onState(listener: (state: HostLinkState) => void): () => void;
  /** Asks the host once (as `cli network status` does), so the state is known before any window calls. */
  check(): Promise<void>;
  close(): void;
}

type Answer = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

const asResult = (body: unknown): Result<unknown> =>
  typeof body === 'object' && body !== null && 'ok' in body
    ? (body as Result<unknown>)
    : fail(
        'internal',
        'The host answered something this PC does not understand. Update Clinic Desk on both PCs.',
      );

/**
 * A client PC's main process: instead of opening a database it forwards every contract call of
 * each window to the host, with the device credential and that window's own connection (whose
 * session is its user's sign-in on the host). No database, jobs or backups run here. An
 * unreachable host is answered with a sentence at once; nothing is queued, so a booking can
 * never be sent twice behind the person's back.
 */
export function connectToHost(options: {
  pin: HostPin;
  credential: string;
  logger: Logger;
  retryMs?: readonly number[];
}): RemoteCore {
  const { logger } = options;
  const link = new HostLink(options.pin, options.credential);
  const retry = options.retryMs ?? RETRY_MS;
  let state: HostLinkState = { reachable: null, message: null };
  const stateListeners = new Set<(state: HostLinkState) => void>();
  const open = new Set<Connection>();

  const setState = (next: HostLinkState) => {
    if (next.reachable === state.reachable && next.message === state.message) return;
    state = next;
    for (const listener of stateListeners) listener(state);
  };

  const failure = (error: unknown): Result<never> => {
    if (error instanceof LinkError) {
      setState({ reachable: false, message: error.message });
      logger.log('warn', 'host not reached', { kind: error.kind, ...errorFields(error.cause ?? error) });
      return fail(error.kind === 'untrusted' ? 'host_refused' : 'host_unreachable', error.message);
    }
    logger.log('error', 'forwarding to the host failed', errorFields(error));
    return fail('internal', 'Something went wrong on this PC. Please try again.');
  };

  const connect = (_transport: Transport): Connection => {
    let token: string | null = null;
    let opening: Promise<string> | null = null;
    let session: SessionInfo | null = null;
    let closed = false;
    let stopStream: (() => void) | null = null;
    /** An event stream is open or being opened: never two for one window. */
    let streaming = false;
    let retryTimer: NodeJS.Timeout | null = null;
    let attempt = 0;
    const listeners = new Set<EventListener>();

    const emit = <E extends EventName>(event: E, payload: EventMap[E]) => {
      if (event === 'session/ended') session = null;
      for (const listener of listeners) listener(event, payload);
    };

    const connectionToken = (): Promise<string> => {
      if (token) return Promise.resolve(token);
      opening ??= link
        .send(PATHS.connect, {})
        .then((answer) => {
          const result = answer.body as Answer;
          if (!result.ok) throw new RemoteRefusal(result.error.code, result.error.message);
          token = (result.value as { connection: string }).connection;
          return token;
        })
        .finally(() => {
          opening = null;
        });
      return opening;
    };

    const scheduleStream = () => {
      if (closed || listeners.size === 0 || retryTimer) return;
      const delay = retry[Math.min(attempt, retry.length - 1)] ?? 1000;
      attempt += 1;
      retryTimer = setTimeout(() => {
        retryTimer = null;
        void openStream();
      }, delay);
    };

    const openStream = async (): Promise<void> => {
      if (closed || streaming || listeners.size === 0) return;
      streaming = true;
      try {
        const current = await connectionToken();
        const opened = await link.stream(
          PATHS.events,
          current,
          (data) => {
            const frame = data as { event: EventName; payload: EventMap[EventName] };
            emit(frame.event, frame.payload);
          },
          () => {
            stopStream = null;
            streaming = false;
            scheduleStream();
          },
        );
        if (opened.status === 200) {
          stopStream = opened.stop;
          attempt = 0;
          setState({ reachable: true, message: null });
          return;
        }
        streaming = false;
        if (opened.status === 410) forget();
        if (opened.status === 401) {
          setState({ reachable: false, message: DEVICE_REFUSED });
          return;
        }
        scheduleStream();
      } catch (error) {
        streaming = false;
        if (error instanceof RemoteRefusal) {
          logger.log('warn', 'host refused this PC', { code: error.code });
          setState({ reachable: false, message: error.message });
          return;
        }
        failure(error);
        scheduleStream();
      }
    };

    /** The host no longer knows this connection (it restarted): the sign-in is gone with it. */
    const forget = () => {
      token = null;
      stopStream?.();
      stopStream = null;
      if (session) emit('session/ended', { reason: 'revoked' });
    };

    const call = async (channel: string, input: unknown): Promise<Result<unknown>> => {
      if (closed) return fail('unauthenticated', 'Please sign in to continue.');
      if (!isChannelName(channel)) return fail('unknown_channel', 'This request is not part of Clinic Desk.');
      try {
        const current = await connectionToken();
        const answer = await link.send(PATHS.call + channel, input ?? {}, current);
        if (answer.status === 410) forget();
        if (answer.status === 401) {
          setState({
            reachable: false,
            message: (answer.body as { error?: { message?: string } }).error?.message ?? null,
          });
        } else setState({ reachable: true, message: null });
        const result = asResult(answer.body);
        track(channel, result);
        if (answer.status === 200 && !streaming && !retryTimer) void openStream();
        return result;
      } catch (error) {
        if (error instanceof RemoteRefusal) {
          setState({ reachable: false, message: error.message });
          return fail(error.code === 'host_refused' ? 'host_refused' : 'unauthenticated', error.message);
        }
        return failure(error);
      }
    };

    const track = (channel: ChannelName, result: Result<unknown>) => {
      if (!result.ok) return;
      if (channel === 'auth/login' || channel === 'auth/setup') session = result.value as SessionInfo;
      if (channel === 'auth/logout') session = null;
      if (channel === 'auth/session') session = (result.value as SessionInfo | null) ?? null;
    };

    const connection: Connection = {
      id: `remote-${Math.random().toString(36).slice(2)}`,
      call: <C extends ChannelName>(channel: C, input: unknown) =>
        call(channel, input) as Promise<Result<ChannelResult<C>>>,
      callUnknown: call,
      session: () => session,
      onEvent: (listener) => {
        listeners.add(listener);
        void openStream();
        return () => listeners.delete(listener);
      },
      close: () => {
        if (closed) return;
        closed = true;
        open.delete(connection);
        if (retryTimer) clearTimeout(retryTimer);
        stopStream?.();
        listeners.clear();
        if (token) {
          link.send(PATHS.disconnect, {}, token).catch(() => undefined);
        }
      },
    };
    open.add(connection);
    return connection;
  };

  return {
    connect,
    state: () => state,
    check: async () => {
      const probe = connect('ipc');
      try {
        await probe.call('auth/setupStatus', {});
      } finally {
        probe.close();
      }
    },
    onState: (listener) => {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    close: () => {
      for (const connection of [...open]) connection.close();
      link.close();
    },
  };
}

/** The host answered, but refused this PC (revoked) before any connection existed. */
class RemoteRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
