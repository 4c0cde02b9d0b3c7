import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import type { Clock } from '../host';
import { errorFields, type Logger } from '../logger';
import type { DeliveryTarget } from '../mail/delivery';
import { readAttachment } from './attachments';
import { bodyOf, type Outbox, type OutboxOutcome, type OutboxRow, type StoredAttachment } from './outbox';

/** First retry after a minute, doubling each time, never more than an hour apart. */
export const BACKOFF_BASE_MS = 60_000;
export const BACKOFF_CAP_MS = 60 * 60_000;
/** About two days of hourly tries; then the message is marked failed for staff to look at. */
export const MAX_ATTEMPTS = 50;

/**
 * At most this many messages are out at once (claimed 'sending' and not yet recorded), so a crash
 * can leave at most this many 'sending', and so send at most this many twice (docs/jobs.md).
 */
export const RELAY_WINDOW = 16;
/**
 * The window is refilled (and the finished messages recorded, in the same commit) once this many
 * of its messages are done, not after each one: one fsync per RELAY_REFILL messages.
 */
export const RELAY_REFILL = RELAY_WINDOW / 2;
/** SMTP connections in the pool the window's messages share. */
export const RELAY_CONNECTIONS = 5;

export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

export type Failure = { permanent: boolean; reason: string };

interface MailError {
  message?: string;
  code?: string;
  responseCode?: number;
  response?: string;
}

/** 5xx answers (and messages that cannot be built) are final; 4xx and connection trouble are not. */
export function classifyFailure(error: unknown, secret = ''): Failure {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as MailError;
  const scrub = (text: string) => (secret ? text.split(secret).join('•••') : text);
  const reason = scrub(
    e.response ? `The mail server answered: ${e.response}` : (e.message ?? 'unknown error'),
  );
  if (typeof e.responseCode === 'number') return { permanent: e.responseCode >= 500, reason };
  const permanentCodes = new Set(['EENVELOPE', 'EMESSAGE', 'ESTREAM', 'ENOENT', 'EATTACHMENT']);
  return { permanent: e.code !== undefined && permanentCodes.has(e.code), reason };
}

/** Server answers may quote the recipient; the log never holds patients' addresses. */
export const redactAddresses = (text: string): string => text.replace(/[^\s<>"']+@[^\s<>"']+/g, '<address>');

/** Message-ID from the outbox id, so every copy of one outbox row carries the same id. */
export function messageIdFor(id: number, from: string): string {
  const domain = from.split('@')[1] || 'clinic-desk.local';
  return `<outbox-${id}@${domain}>`;
}

export interface RelayOptions {
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
  /** The only folder file attachments are read from (exports/); see attachments.ts. */
  attachmentsFolder: string;
  /** Read on every run so a settings change applies to the next message. */
  target: () => DeliveryTarget;
  /** Decrypts the stored password (settings); rejects with a sentence when it cannot. */
  revealPassword: (cipher: string) => Promise<string>;
  /** Something was sent or failed: the outbox screen should refresh. */
  onChange?: () => void;
  /** How many rows one pass handles before `sendDue` starts another (which re-reads settings). */
  batchSize?: number;
}

export interface RelayRunResult {
  sent: number;
  retrying: number;
  failed: number;
}

export interface Relay {
  /** Sends every row that is due now; concurrent calls share one run. */
  sendDue(): Promise<RelayRunResult>;
  /** Recover rows a crash left 'sending', then keep sending in the background. */
  start(): void;
  /** Ask for a run soon (after a message was queued). */
  kick(): void;
  close(): void;
}

const transportKey = (t: DeliveryTarget, password: string) => JSON.stringify([t, password]);

/**
 * Sends queued outbox rows, up to RELAY_WINDOW at once. Each row is marked 'sending' (committed)
 * before it leaves, and 'sent' once the server accepted it; a crash in between leaves it
 * 'sending', and `start` queues it again: at most the RELAY_WINDOW messages in flight can arrive
 * twice, and none is ever lost.
 */
export function createRelay(options: RelayOptions): Relay {
  const { outbox, clock, logger } = options;
  const batchSize = options.batchSize ?? 200;
  let transport: { key: string; transporter: Transporter } | null = null;
  let running: Promise<RelayRunResult> | null = null;
  let rerun = false;
  let timer: NodeJS.Timeout | null = null;
  let started = false;
  let closed = false;

  const transporterFor = (target: DeliveryTarget, password: string): Transporter => {
    const key = transportKey(target, password);
    if (transport?.key === key) return transport.transporter;
    transport?.transporter.close();
    const transporter =
      target.mode === 'folder'
        ? nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' })
        : nodemailer.createTransport({
            pool: true,
            maxConnections: RELAY_CONNECTIONS,
            host: target.host,
            port: target.port,
            secure: target.security === 'tls',
            // STARTTLS is mandatory unless the server is on this machine (delivery.ts decides).
            requireTLS: target.security === 'starttls',
            ignoreTLS: target.security === 'none',
            ...(target.username ? { auth: { user: target.username, pass: password } } : {}),
            connectionTimeout: 30_000,
            greetingTimeout: 30_000,
            socketTimeout: 60_000,
          });
    transport = { key, transporter };
    return transporter;
  };

  const deliver = async (row: OutboxRow, target: DeliveryTarget, password: string): Promise<string> => {
    const messageId = messageIdFor(row.id, target.from);
    const mail: SendMailOptions = {
      from: target.from,
      to: row.to_address,
      subject: row.subject,
      ...bodyOf(row),
      messageId,
      date: clock.now(),
      // Bytes we read ourselves: a stored path is never handed to nodemailer (it fetches URLs).
      attachments: await Promise.all(
        (JSON.parse(row.attachments) as StoredAttachment[]).map((a) =>
          readAttachment(a, options.attachmentsFolder),
        ),
      ),
    };
    const info = (await transporterFor(target, password).sendMail(mail)) as { message?: Buffer };
    if (target.mode === 'folder') {
      mkdirSync(target.folder, { recursive: true });
      const file = join(target.folder, `${String(row.id).padStart(6, '0')}-${row.kind}.eml`);
      writeFileSync(`${file}.tmp`, info.message ?? Buffer.alloc(0));
      renameSync(`${file}.tmp`, file);
    }
    return messageId;
  };

  /** What to record for one message, and the log line that goes with it. */
  const outcomeOf = (
    row: OutboxRow,
    target: DeliveryTarget,
    password: string,
    sent: PromiseSettledResult<string>,
  ): OutboxOutcome => {
    if (sent.status === 'fulfilled') {
      logger.log('info', 'email sent', { outboxId: row.id, kind: row.kind, mode: target.mode });
      return { id: row.id, status: 'sent', messageId: sent.value };
    }
    const failure = classifyFailure(sent.reason, password);
    if (failure.permanent || row.attempts >= MAX_ATTEMPTS) {
      logger.log('warn', 'email failed permanently', {
        outboxId: row.id,
        kind: row.kind,
        reason: redactAddresses(failure.reason),
      });
      return { id: row.id, status: 'failed', error: failure.reason };
    }
    logger.log('info', 'email will be retried', {
      outboxId: row.id,
      attempts: row.attempts,
      reason: redactAddresses(failure.reason),
    });
    return {
      id: row.id,
      status: 'retry',
      error: failure.reason,
      retryAt: clock.now().getTime() + backoffMs(row.attempts),
    };
  };

  /**
   * One pass: a sliding window of at most RELAY_WINDOW messages in flight over the pool. Rows are
   * claimed ('sending', committed) before they leave; once RELAY_REFILL messages have finished
   * (or the last ones, when nothing more is due) their outcomes are recorded together with the
   * claim of the rows that refill the window, in one transaction (one fsync) — so never more than
   * RELAY_WINDOW rows are 'sending', and a crash can send at most RELAY_WINDOW messages twice.
   */
  const runOnce = async (): Promise<RelayRunResult> => {
    const result: RelayRunResult = { sent: 0, retrying: 0, failed: 0 };
    let target: DeliveryTarget;
    let password = '';
    try {
      target = options.target();
      if (target.mode === 'smtp') {
        password = target.passwordCipher
          ? await options.revealPassword(target.passwordCipher)
          : target.password;
      }
    } catch (error) {
      // Nothing is claimed: the messages wait, queued, until the settings are fixed.
      logger.log('error', 'mail settings unusable; nothing sent', errorFields(error));
      return result;
    }
    const inFlight = new Set<Promise<void>>();
    let finished: OutboxOutcome[] = [];
    let claimed = 0;
    // Set when a claim found fewer due rows than it had room for: only the window's tail is left.
    let drained = false;
    const count = (outcomes: OutboxOutcome[]) => {
      for (const o of outcomes) {
        if (o.status === 'sent') result.sent += 1;
        else if (o.status === 'retry') result.retrying += 1;
        else result.failed += 1;
      }
    };
    for (;;) {
      // The outcomes that came in and the rows that refill the window share one commit.
      // A failed row is due again only after its backoff, so each due row is tried once per run.
      const room = closed || drained ? 0 : Math.min(RELAY_WINDOW - inFlight.size, batchSize - claimed);
      const due = room > 0 && RELAY_WINDOW - inFlight.size >= RELAY_REFILL;
      const settle = finished.length > 0 && (due || inFlight.size === 0);
      if (due || settle) {
        const done = finished;
        finished = [];
        const rows = outbox.settleAndClaim(done, due ? room : 0);
        count(done);
        if (due && rows.length < room) drained = true;
        claimed += rows.length;
        for (const row of rows) {
          const sending: Promise<void> = deliver(row, target, password)
            .then(
              (messageId) => {
                finished.push(outcomeOf(row, target, password, { status: 'fulfilled', value: messageId }));
              },
              (reason: unknown) => {
                finished.push(outcomeOf(row, target, password, { status: 'rejected', reason }));
              },
            )
            .finally(() => inFlight.delete(sending));
          inFlight.add(sending);
        }
      }
      if (inFlight.size === 0 && finished.length === 0) break;
      if (inFlight.size > 0) await Promise.race(inFlight);
    }
    if (result.sent + result.retrying + result.failed > 0) options.onChange?.();
    return result;
  };

  const scheduleNext = () => {
    if (!started || closed) return;
    if (timer) clearTimeout(timer);
    const dueAt = outbox.nextDueAt();
    // Re-check at least every minute: another process (the CLI) may queue rows too.
    const wait = dueAt === null ? 60_000 : Math.min(60_000, Math.max(1_000, dueAt - clock.now().getTime()));
    timer = setTimeout(() => relay.kick(), wait);
    timer.unref();
  };

  const relay: Relay = {
    sendDue() {
      if (running) {
        rerun = true;
        return running;
      }
      running = (async () => {
        try {
          let total: RelayRunResult = { sent: 0, retrying: 0, failed: 0 };
          let full: boolean;
          do {
            rerun = false;
            const r = await runOnce();
            full = r.sent + r.retrying + r.failed >= batchSize;
            total = {
              sent: total.sent + r.sent,
              retrying: total.retrying + r.retrying,
              failed: total.failed + r.failed,
            };
          } while ((rerun || full) && !closed);
          return total;
        } finally {
          running = null;
          scheduleNext();
        }
      })();
      return running;
    },
    start() {
      const recovered = outbox.recoverInterrupted();
      if (recovered > 0)
        logger.log('warn', 'emails interrupted while sending were queued again', { recovered });
      started = true;
      relay.kick();
    },
    kick() {
      // Unstarted (CLI, tests) the caller sends explicitly, so nothing runs behind its back.
      if (closed || !started) return;
      setImmediate(() => {
        relay
          .sendDue()
          .catch((error: unknown) => logger.log('error', 'relay run failed', errorFields(error)));
      });
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      transport?.transporter.close();
      transport = null;
    },
  };
  return relay;
}
