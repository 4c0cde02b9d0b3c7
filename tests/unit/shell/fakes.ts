import { expect, vi } from 'vitest';
import type { ChannelName, ChannelResult, EventMap, EventName } from '../../../src/shared/contract';
import type { SessionInfo } from '../../../src/shared/dto';
import { fail, ok, type Result } from '../../../src/shared/result';
import type { Connection, Core, EventListener, Transport } from '../../../src/main/core/api';
import type { Logger, LogLevel } from '../../../src/main/core/logger';
import type { CoreFactory } from '../../../src/main/shell/desktop-app';

/** A connection that records calls and answers with whatever `answer` says. */
export class FakeConnection implements Connection {
  readonly calls: Array<{ channel: unknown; input: unknown }> = [];
  readonly listeners = new Set<EventListener>();
  closed = false;
  answer: (channel: unknown, input: unknown) => Promise<Result<unknown>> = (channel, input) =>
    Promise.resolve(ok({ echoed: { channel, input } }));

  constructor(readonly id: string) {}

  call<C extends ChannelName>(_channel: C, _input: unknown): Promise<Result<ChannelResult<C>>> {
    return Promise.resolve(fail('internal', 'The shell never makes typed calls.'));
  }

  callUnknown(channel: unknown, input: unknown): Promise<Result<unknown>> {
    this.calls.push({ channel, input });
    return this.answer(channel, input);
  }

  session(): SessionInfo | null {
    return null;
  }

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  close(): void {
    this.closed = true;
  }
}

/** Only what the shell uses of the core (`connect`), so the fake does not chase the Core interface. */
export class FakeCore implements Pick<Core, 'connect'> {
  readonly connections: FakeConnection[] = [];
  readonly transports: Transport[] = [];

  connect(transport: Transport): FakeConnection {
    const connection = new FakeConnection(`c${this.connections.length + 1}`);
    this.connections.push(connection);
    this.transports.push(transport);
    return connection;
  }
}

export class MemoryLogger implements Logger {
  readonly entries: Array<{ level: LogLevel; message: string; fields: Record<string, unknown> }> = [];
  log(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
    this.entries.push({ level, message, fields });
  }
}

/**
 * Starts the desktop app (`runDesktopApp`, imported by the test after mocking `electron`) and
 * answers the options its shell hands createCore; the core never finishes starting.
 */
export async function coreOptionsGiven(
  runDesktopApp: (options: { createCore: CoreFactory }) => void,
): Promise<Parameters<CoreFactory>[0]> {
  let given: Parameters<CoreFactory>[0] | undefined;
  runDesktopApp({
    createCore: (options) => {
      given = options;
      return new Promise(() => undefined);
    },
  });
  await vi.waitFor(() => expect(given).toBeDefined());
  return given!;
}
