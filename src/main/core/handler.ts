import type { ChannelName, ChannelParsed, ChannelResult } from '../../shared/contract';
import type { SessionInfo } from '../../shared/dto';
import type { Transport } from './host';
import type { Services } from './services';

/** What a handler may know and do about the connection that called it. */
export interface CallContext {
  /** The signed-in person; guaranteed non-null for channels whose access is not 'public'. */
  session: SessionInfo | null;
  /** Where the call came from: a window on this PC ('ipc'), the preview, the CLI, another PC. */
  transport: Transport;
  /** Bind (login/setup) or end (logout, with why) this connection's session. */
  setSession(session: SessionInfo | null, reason?: 'signed-out' | 'idle'): void;
  /** Tables this call changed, announced to every window once the call succeeds. */
  changed(...tables: string[]): void;
}

export type Handler<C extends ChannelName> = (
  input: ChannelParsed<C>,
  ctx: CallContext,
) => ChannelResult<C> | Promise<ChannelResult<C>>;

export type HandlerMap<C extends ChannelName> = { [K in C]: Handler<K> };

/**
 * One domain's handlers, built from the shared services (Actual Budget's app.ts pattern), typed from
 * that domain's own channel map: `DomainHandlers<typeof outboxChannels>` demands exactly one handler
 * for each channel the map declares, so no hand-kept list of names can drift from the contract.
 */
export type DomainHandlers<M extends Partial<Record<ChannelName, unknown>>> = (
  services: Services,
) => HandlerMap<keyof M & ChannelName>;

/** Narrows the session for handlers of channels that require one. */
export function requireSession(ctx: CallContext): SessionInfo {
  if (!ctx.session)
    throw new Error('Handler reached without a session; the dispatcher should have refused it.');
  return ctx.session;
}
