import type { OutboxItem, OutboxStatus } from '../../../shared/dto/jobs';
import type { Clock } from '../host';
import type { Sqlite } from '../db/open';
import { renderFacts, subjectOf, type MessageFacts } from '../mail/templates/facts';

/** An attachment as stored: small ones inline (base64), files by path (read when sending). */
export type StoredAttachment =
  | { filename: string; contentType: string; content: string }
  | { filename: string; contentType: string; path: string };

interface MessageHead {
  /** Unique per logical message: queuing the same key twice is a no-op. */
  dedupeKey: string;
  kind: string;
  to: string;
  attachments?: StoredAttachment[];
}

/**
 * A message to queue: rendered (subject, HTML and text stored as they are), or as its facts,
 * which the relay renders when it sends (a much smaller row for the transaction that queues it).
 */
export type NewMessage = MessageHead &
  (
    | { subject: string; html: string; text: string; facts?: undefined }
    | { facts: MessageFacts; subject?: undefined; html?: undefined; text?: undefined }
  );

export interface OutboxRow {
  id: number;
  dedupe_key: string;
  kind: string;
  to_address: string;
  subject: string;
  /** Empty when `facts` is set. */
  html: string;
  text: string;
  /** JSON MessageFacts, or null when html and text are stored rendered. */
  facts: string | null;
  attachments: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  message_id: string | null;
  created_at: number;
  sent_at: number | null;
}

/** The message's HTML and text: stored, or rendered now from the facts stored when it was queued. */
export function bodyOf(row: Pick<OutboxRow, 'html' | 'text' | 'facts'>): { html: string; text: string } {
  if (row.facts === null) return { html: row.html, text: row.text };
  const { html, text } = renderFacts(row.facts);
  return { html, text };
}

export const toOutboxItem = (row: OutboxRow): OutboxItem => ({
  id: row.id,
  kind: row.kind,
  to: row.to_address,
  subject: row.subject,
  status: row.status,
  attempts: row.attempts,
  nextAttemptAt: row.status === 'queued' ? new Date(row.next_attempt_at).toISOString() : null,
  lastError: row.last_error,
  createdAt: new Date(row.created_at).toISOString(),
  sentAt: row.sent_at === null ? null : new Date(row.sent_at).toISOString(),
});

export interface Outbox {
  /**
   * Queues a message unless its dedupe key is already queued. Call it inside the transaction of
   * the change that causes the message, so both are stored or neither. True when it was added.
   */
  enqueue(message: NewMessage): boolean;
  byId(id: number): OutboxRow | undefined;
  byKey(key: string): OutboxRow | undefined;
  list(options: { status?: OutboxStatus | undefined; limit: number }): OutboxRow[];
  counts(): Record<OutboxStatus, number>;
  /** Marks due rows 'sending' (and counts the attempt) before anything leaves the machine. */
  claimDue(limit: number): OutboxRow[];
  markSent(id: number, messageId: string): void;
  /** Back to the queue after a transient failure, to be tried again at `retryAt`. */
  markRetry(id: number, error: string, retryAt: number): void;
  markFailed(id: number, error: string): void;
  /**
   * Records outcomes and claims up to `limit` due rows in one transaction (one commit, one fsync
   * for both); the claimed rows come back as claimDue returns them.
   */
  settleAndClaim(outcomes: OutboxOutcome[], limit: number): OutboxRow[];
  /** A row left 'sending' by a crash goes back to the queue: it may or may not have arrived. */
  recoverInterrupted(): number;
  /** Staff asked for another try: queued, due now. */
  retry(id: number): boolean;
  /** The earliest time a queued row becomes due, or null when nothing waits. */
  nextDueAt(): number | null;
}

/** What became of one message the relay sent: the same updates as markSent/markRetry/markFailed. */
export type OutboxOutcome =
  | { id: number; status: 'sent'; messageId: string }
  | { id: number; status: 'retry'; error: string; retryAt: number }
  | { id: number; status: 'failed'; error: string };

export function createOutbox(sqlite: Sqlite, clock: Clock): Outbox {
  const now = () => clock.now().getTime();
  const insert = sqlite.prepare(
    `INSERT INTO email_outbox (dedupe_key, kind, to_address, subject, html, text, facts, attachments,
       status, attempts, next_attempt_at, created_at)
     VALUES (@dedupeKey, @kind, @to, @subject, @html, @text, @facts, @attachments, 'queued', 0, @now, @now)
     ON CONFLICT(dedupe_key) DO NOTHING`,
  );
  const byId = sqlite.prepare<[number], OutboxRow>('SELECT * FROM email_outbox WHERE id = ?');
  const byKey = sqlite.prepare<[string], OutboxRow>('SELECT * FROM email_outbox WHERE dedupe_key = ?');
  const list = sqlite.prepare<{ status: string | null; limit: number }, OutboxRow>(
    `SELECT * FROM email_outbox WHERE (@status IS NULL OR status = @status) ORDER BY id DESC LIMIT @limit`,
  );
  const counts = sqlite.prepare<[], { status: OutboxStatus; n: number }>(
    'SELECT status, count(*) AS n FROM email_outbox GROUP BY status',
  );
  const due = sqlite.prepare<[number, number], OutboxRow>(
    `SELECT * FROM email_outbox WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
  );
  const claim = sqlite.prepare<[number]>(
    `UPDATE email_outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ? AND status = 'queued'`,
  );
  const sent = sqlite.prepare<[string, number, number]>(
    `UPDATE email_outbox SET status = 'sent', message_id = ?, sent_at = ?, last_error = NULL WHERE id = ?`,
  );
  const again = sqlite.prepare<[string, number, number]>(
    `UPDATE email_outbox SET status = 'queued', last_error = ?, next_attempt_at = ? WHERE id = ?`,
  );
  const failed = sqlite.prepare<[string, number]>(
    `UPDATE email_outbox SET status = 'failed', last_error = ? WHERE id = ?`,
  );
  const recover = sqlite.prepare(
    `UPDATE email_outbox SET status = 'queued',
       last_error = 'Interrupted while sending (the app stopped); sending again.' WHERE status = 'sending'`,
  );
  const retry = sqlite.prepare<[number, number]>(
    `UPDATE email_outbox SET status = 'queued', next_attempt_at = ? WHERE id = ? AND status IN ('queued', 'failed')`,
  );
  const nextDue = sqlite.prepare<[], { at: number | null }>(
    `SELECT min(next_attempt_at) AS at FROM email_outbox WHERE status = 'queued'`,
  );

  return {
    enqueue: (message) =>
      insert.run({
        dedupeKey: message.dedupeKey,
        kind: message.kind,
        to: message.to,
        ...(message.facts === undefined
          ? { subject: message.subject, html: message.html, text: message.text, facts: null }
          : { subject: subjectOf(message.facts), html: '', text: '', facts: JSON.stringify(message.facts) }),
        attachments: JSON.stringify(message.attachments ?? []),
        now: now(),
      }).changes === 1,
    byId: (id) => byId.get(id),
    byKey: (key) => byKey.get(key),
    list: ({ status, limit }) => list.all({ status: status ?? null, limit }),
    counts: () => {
      const result: Record<OutboxStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0 };
      for (const row of counts.all()) result[row.status] = row.n;
      return result;
    },
    claimDue: sqlite.transaction((limit: number) => {
      const rows = due.all(now(), limit);
      for (const row of rows) claim.run(row.id);
      return rows.map((row) => ({ ...row, status: 'sending' as const, attempts: row.attempts + 1 }));
    }),
    markSent: (id, messageId) => void sent.run(messageId, now(), id),
    markRetry: (id, error, retryAt) => void again.run(error, retryAt, id),
    markFailed: (id, error) => void failed.run(error, id),
    settleAndClaim: sqlite.transaction((outcomes: OutboxOutcome[], limit: number) => {
      const at = now();
      for (const o of outcomes) {
        if (o.status === 'sent') sent.run(o.messageId, at, o.id);
        else if (o.status === 'retry') again.run(o.error, o.retryAt, o.id);
        else failed.run(o.error, o.id);
      }
      if (limit <= 0) return [];
      const rows = due.all(at, limit);
      for (const row of rows) claim.run(row.id);
      return rows.map((row) => ({ ...row, status: 'sending' as const, attempts: row.attempts + 1 }));
    }),
    recoverInterrupted: () => recover.run().changes,
    retry: (id) => retry.run(now(), id).changes === 1,
    nextDueAt: () => nextDue.get()?.at ?? null,
  };
}
