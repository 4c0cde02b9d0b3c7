import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  changesOf,
  channels,
  isChannelName,
  type Access,
  type ChannelName,
  type EventMap,
} from '../../shared/contract';
import { scopeOfWrite } from '../../shared/changeScope';
import type { SessionInfo } from '../../shared/dto';
import { fail, ok, type FieldIssue, type Result } from '../../shared/result';
import { ROLE_LABELS } from '../../shared/roles';
import type { Connection } from './api';
import type { EventHub } from './events';
import type { Transport } from './host';
import { sessionOf, userQueries } from './auth/users';
import { UserError } from './errors';
import type { CallContext, HandlerMap } from './handler';
import { errorFields } from './logger';
import type { Services } from './services';

export function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message:
      issue.code === 'unrecognized_keys' ? `Unexpected field(s): ${issue.keys.join(', ')}.` : issue.message,
  }));
}

function invalidInputMessage(issues: FieldIssue[]): string {
  const first = issues[0];
  if (!first) return 'The request was not understood.';
  const where = first.path ? `${first.path}: ` : '';
  return issues.length === 1
    ? `Some details need correcting. ${where}${first.message}`
    : `${issues.length} details need correcting. ${where}${first.message}`;
}

function accessError(access: Access, session: SessionInfo | null): Result<never> | null {
  if (access === 'public') return null;
  if (!session) return fail('unauthenticated', 'Please sign in to continue.');
  if (access === 'signed-in' || access.includes(session.role)) return null;
  return fail('forbidden', `${ROLE_LABELS[session.role]} accounts are not allowed to do this.`);
}

interface ConnectionState {
  readonly id: string;
  readonly transport: Transport;
  session: SessionInfo | null;
  /** When this connection last made a call (injected clock), for the idle lock. */
  lastCallAt: number;
}

/**
 * The one registration wrapper every transport goes through: checks the channel, the session
 * (re-read from the database, so a deactivated account loses access at once), the role and the
 * input, then runs the handler and turns whatever happens into a Result.
 */
export class Dispatcher {
  private readonly users;

  constructor(
    private readonly services: Pick<Services, 'sqlite' | 'clock' | 'logger' | 'settings'>,
    private readonly handlers: HandlerMap<ChannelName>,
    readonly hub: EventHub,
  ) {
    this.users = userQueries(services.sqlite);
  }

  connect(transport: Transport, initial: SessionInfo | null = null): Connection {
    const state: ConnectionState = {
      id: randomUUID(),
      transport,
      session: initial,
      lastCallAt: this.services.clock.now().getTime(),
    };
    return {
      id: state.id,
      call: (channel, input) => this.run(state, channel, input) as never,
      callUnknown: (channel, input) =>
        isChannelName(channel)
          ? this.run(state, channel, input)
          : Promise.resolve(fail('unknown_channel', 'This request is not part of Clinic Desk.')),
      session: () => state.session,
      onEvent: (listener) => this.hub.subscribe(state.id, listener),
      close: () => {
        state.session = null;
        this.hub.drop(state.id);
      },
    };
  }

  private endSession(state: ConnectionState, reason: EventMap['session/ended']['reason']): void {
    state.session = null;
    this.hub.send(state.id, 'session/ended', { reason });
  }

  /**
   * Ends a session that sat idle longer than the idle-lock setting, then re-reads the account so a
   * deactivation or role change applies to the very next call. The renderer locks itself after the
   * same time without input; this is the check that holds even if a window never does.
   */
  private freshSession(state: ConnectionState, now: number): SessionInfo | null {
    if (!state.session) return null;
    const idleMs = this.services.settings.get('idleLockMinutes') * 60_000;
    if (now - state.lastCallAt > idleMs) {
      this.services.logger.log('info', 'session locked after idle time', {
        userId: state.session.userId,
        transport: state.transport,
      });
      this.endSession(state, 'idle');
      return null;
    }
    const user = this.users.byId(state.session.userId);
    if (!user || !user.active) {
      this.endSession(state, 'revoked');
      return null;
    }
    state.session = sessionOf(user);
    return state.session;
  }

  private async run(
    state: ConnectionState,
    channel: ChannelName,
    rawInput: unknown,
  ): Promise<Result<unknown>> {
    const { logger } = this.services;
    const { transport, id: connectionId } = state;
    const spec = channels[channel];
    const now = this.services.clock.now().getTime();
    const session = this.freshSession(state, now);
    state.lastCallAt = now;
    const refused = accessError(spec.access, session);
    if (refused) {
      logger.log('info', 'call refused', { channel, transport, code: refused.ok ? '' : refused.error.code });
      return refused;
    }
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issues = issuesOf(parsed.error);
      logger.log('info', 'call rejected: invalid input', {
        channel,
        transport,
        fields: issues.map((i) => i.path),
      });
      return fail('invalid_input', invalidInputMessage(issues), issues);
    }
    const ctx: CallContext = {
      session,
      transport,
      setSession: (next, reason = 'signed-out') => {
        if (next) state.session = next;
        else this.endSession(state, reason);
      },
    };
    try {
      const handler = this.handlers[channel] as (input: unknown, ctx: CallContext) => unknown;
      const value = await handler(parsed.data, ctx);
      // The contract entry says what a successful call changes (and, from the answer, where): no
      // handler announces it by hand.
      this.hub.announce(changesOf(spec), scopeOfWrite(channel, value));
      return ok(value);
    } catch (error) {
      if (error instanceof UserError) {
        logger.log('info', 'call failed', { channel, transport, code: error.code, connectionId });
        return fail(error.code, error.message);
      }
      logger.log('error', 'call crashed', { channel, transport, connectionId, ...errorFields(error) });
      return fail(
        'internal',
        'Something went wrong and nothing was saved. Please try again; if it keeps happening, tell your administrator.',
      );
    }
  }
}
