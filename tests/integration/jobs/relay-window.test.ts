import { readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../src/main/core/db/open';
import { silentLogger } from '../../../src/main/core/logger';
import { createOutbox, type Outbox } from '../../../src/main/core/outbox/outbox';
import {
  createRelay,
  RELAY_CONNECTIONS,
  RELAY_REFILL,
  RELAY_WINDOW,
} from '../../../src/main/core/outbox/relay';
import { SmtpSink } from '../../support/smtp-sink';
import { fixedClock, tempCore, type TempCore } from '../../support/temp-core';

const MESSAGES = RELAY_WINDOW * 2;

/**
 * An SMTP server that accepts nothing until RELAY_CONNECTIONS messages are waiting at once, then
 * accepts them all: a relay sending one message at a time never gets an answer.
 */
function gatedServer(onGate: (waiting: number) => void) {
  const received: string[] = [];
  let waiting: Array<() => void> = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    onData: (stream, session, callback) => {
      stream.resume();
      stream.on('end', () => {
        waiting.push(() => {
          received.push(session.envelope.rcptTo[0]?.address ?? '');
          callback();
        });
        if (waiting.length === RELAY_CONNECTIONS || received.length + waiting.length === MESSAGES) {
          onGate(waiting.length);
          const release = waiting;
          waiting = [];
          for (const accept of release) accept();
        }
      });
    },
  });
  return { server, received };
}

describe('the relay sends a window of messages at once', () => {
  let t: TempCore | undefined;
  let server: SMTPServer | undefined;
  afterEach(async () => {
    t?.cleanup();
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    t = undefined;
    server = undefined;
  });

  it(`keeps up to ${RELAY_CONNECTIONS} messages at the server and never more than ${RELAY_WINDOW} rows 'sending'; each arrives once`, async () => {
    const down = new SmtpSink();
    await down.start();
    await down.stop(); // the port is known, nobody listens: the messages stay queued
    const clock = fixedClock('2026-03-16T10:00:00Z');
    t = await tempCore({ demo: 'without-visits', clock, env: { CLINIC_DESK_SMTP_URL: down.url } });
    const admin = t.core.connectAs('admin', 'test');
    for (let i = 0; i < MESSAGES; i++) {
      const result = await admin.call('mail/sendTest', { to: `user${i}@example.org` });
      expect(result.ok).toBe(true);
    }
    expect(t.core.jobs.listOutbox(100).every((r) => r.status === 'queued')).toBe(true);

    const sendingAtGates: number[] = [];
    const gates: number[] = [];
    const core = t.core;
    const gated = gatedServer((waiting) => {
      gates.push(waiting);
      sendingAtGates.push(core.jobs.listOutbox(100).filter((r) => r.status === 'sending').length);
    });
    server = gated.server;
    await new Promise<void>((resolve) => gated.server.listen(down.port, '127.0.0.1', () => resolve()));
    expect((gated.server.server.address() as AddressInfo).port).toBe(down.port);

    clock.advance(10 * 60_000);
    expect(await t.core.jobs.sendOutbox()).toEqual({ sent: MESSAGES, retrying: 0, failed: 0 });
    expect(gates[0]).toBe(RELAY_CONNECTIONS);
    expect(Math.max(...sendingAtGates)).toBeLessThanOrEqual(RELAY_WINDOW);
    expect(Math.max(...sendingAtGates)).toBeGreaterThanOrEqual(RELAY_CONNECTIONS);
    expect(gated.received.sort()).toEqual(
      Array.from({ length: MESSAGES }, (_, i) => `user${i}@example.org`).sort(),
    );
    expect(t.core.jobs.listOutbox(100).every((r) => r.status === 'sent')).toBe(true);
  });
});

describe('the relay records finished messages in batches', () => {
  it(`commits once per ${RELAY_REFILL} finished messages (with the refill), not once per message, and sends each once`, async () => {
    const clock = fixedClock('2026-03-16T10:00:00Z');
    const t = await tempCore({ clock });
    const folder = join(t.dataDir, 'outbox-test');
    const sqlite = openSqlite(t.core.dbPath);
    try {
      const outbox = createOutbox(sqlite, clock);
      const MANY = RELAY_WINDOW * 5 + 3;
      for (let i = 0; i < MANY; i++) {
        outbox.enqueue({
          dedupeKey: `batch-${i}`,
          kind: 'test',
          to: `u${i}@example.org`,
          subject: 's',
          html: '<p>h</p>',
          text: 't',
        });
      }
      let commits = 0;
      let maxSending = 0;
      const counted: Outbox = {
        ...outbox,
        settleAndClaim: (outcomes, limit) => {
          commits += 1;
          const rows = outbox.settleAndClaim(outcomes, limit);
          maxSending = Math.max(maxSending, outbox.counts().sending);
          return rows;
        },
      };
      const relay = createRelay({
        outbox: counted,
        clock,
        logger: silentLogger,
        attachmentsFolder: folder,
        target: () => ({ mode: 'folder', folder, from: 'clinic@example.org' }),
        revealPassword: () => Promise.resolve(''),
      });
      expect(await relay.sendDue()).toEqual({ sent: MANY, retrying: 0, failed: 0 });
      relay.close();
      expect(outbox.counts()).toEqual({ queued: 0, sending: 0, sent: MANY, failed: 0 });
      expect(readdirSync(folder)).toHaveLength(MANY);
      expect(maxSending).toBeLessThanOrEqual(RELAY_WINDOW);
      // One commit starts the window, then one per RELAY_REFILL finished, and one for the tail.
      expect(commits).toBeLessThanOrEqual(Math.ceil(MANY / RELAY_REFILL) + 2);
    } finally {
      sqlite.close();
      t.cleanup();
    }
  });
});
