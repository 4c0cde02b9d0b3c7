import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BACKOFF_CAP_MS,
  backoffMs,
  classifyFailure,
  redactAddresses,
} from '../../../src/main/core/outbox/relay';
import { DATABASE_FILE } from '../../../src/main/core';
import { SmtpSink } from '../../support/smtp-sink';
import { fixedClock, tempCore, type TempCore } from '../../support/temp-core';
import { simpleParser } from '../../support/mime';

async function queueTests(t: TempCore, count: number) {
  const admin = t.core.connectAs('admin', 'test');
  for (let i = 0; i < count; i++) {
    // sendTest queues and tries at once; with the server down it stays queued.
    const result = await admin.call('mail/sendTest', { to: `user${i}@example.org` });
    expect(result.ok).toBe(true);
  }
}

describe('outbox relay', () => {
  let t: TempCore | undefined;
  let sink: SmtpSink | undefined;
  afterEach(async () => {
    t?.cleanup();
    await sink?.stop().catch(() => undefined);
    t = undefined;
    sink = undefined;
  });

  it('backs off exponentially up to a cap, and tells 4xx and connection trouble from 5xx', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(backoffMs(30)).toBe(BACKOFF_CAP_MS);
    expect(classifyFailure({ responseCode: 451, response: '451 Try again later' })).toEqual({
      permanent: false,
      reason: 'The mail server answered: 451 Try again later',
    });
    expect(classifyFailure({ responseCode: 550, response: '550 No such user' }).permanent).toBe(true);
    expect(classifyFailure({ code: 'ECONNECTION', message: 'connect ECONNREFUSED' }).permanent).toBe(false);
    expect(classifyFailure({ message: 'Invalid login for s3cret-pw' }, 's3cret-pw').reason).toBe(
      'Invalid login for •••',
    );
    expect(redactAddresses('550 5.1.1 <ann.lee@example.org>: unknown')).toBe(
      '550 5.1.1 <<address>>: unknown',
    );
  });

  it('with SMTP down queues, backs off, and after the server returns delivers each message once', async () => {
    sink = new SmtpSink();
    await sink.start();
    await sink.stop(); // the port is known, nobody listens
    const clock = fixedClock('2026-03-16T10:00:00Z');
    t = await tempCore({ demo: 'without-visits', clock, env: { CLINIC_DESK_SMTP_URL: sink.url } });
    await queueTests(t, 3);
    let rows = t.core.jobs.listOutbox(10);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['queued', 1],
      ['queued', 1],
      ['queued', 1],
    ]);
    expect(rows[0]!.lastError).toMatch(/ECONNREFUSED|connect/i);

    // Not due yet: nothing is tried before the backoff has passed.
    clock.advance(59_000);
    expect(await t.core.jobs.sendOutbox()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    clock.advance(1_000);
    expect(await t.core.jobs.sendOutbox()).toEqual({ sent: 0, retrying: 3, failed: 0 });
    rows = t.core.jobs.listOutbox(10);
    expect(rows.map((r) => r.attempts)).toEqual([2, 2, 2]);
    const retried = rows[0]!;
    expect(new Date(retried.nextAttemptAt!).getTime()).toBe(clock.now().getTime() + 120_000);

    await sink.restart();
    clock.advance(10 * 60_000);
    expect(await t.core.jobs.sendOutbox()).toEqual({ sent: 3, retrying: 0, failed: 0 });
    expect(await t.core.jobs.sendOutbox()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(sink.received.map((m) => m.to[0]).sort()).toEqual([
      'user0@example.org',
      'user1@example.org',
      'user2@example.org',
    ]);
    const ids = sink.parsed().map((m) => m.message.headers.get('message-id'));
    expect(new Set(ids).size).toBe(3);
  });

  it('retries a 451 answer later and records a 550 answer as a permanent failure', async () => {
    sink = new SmtpSink();
    await sink.start();
    const clock = fixedClock('2026-03-16T10:00:00Z');
    t = await tempCore({ demo: 'without-visits', clock, env: { CLINIC_DESK_SMTP_URL: sink.url } });
    sink.mode = 'temporary';
    await queueTests(t, 1);
    let [row] = t.core.jobs.listOutbox(1);
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row!.lastError).toContain('451');

    sink.mode = 'permanent';
    clock.advance(60_000);
    expect(await t.core.jobs.sendOutbox()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    [row] = t.core.jobs.listOutbox(1);
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
    expect(row!.lastError).toMatch(/^The mail server answered: 550/);

    // Staff press Retry once the address is fixed on the server side.
    sink.mode = 'ok';
    const retry = await t.core.connectAs('admin', 'test').call('outbox/retry', { id: row!.id });
    expect(retry).toMatchObject({ ok: true, value: { status: 'queued' } });
    expect(await t.core.jobs.sendOutbox()).toMatchObject({ sent: 1 });
    expect(sink.received).toHaveLength(1);
  });

  it('fails a queued message whose stored facts cannot be rendered for good, at its first try', async () => {
    sink = new SmtpSink();
    await sink.start();
    const clock = fixedClock('2026-03-16T10:00:00Z');
    t = await tempCore({ demo: 'without-visits', clock, env: { CLINIC_DESK_SMTP_URL: sink.url } });
    await queueTests(t, 1); // sent at once
    // Two rows whose facts a damaged file or an older version could leave: not JSON, not a template.
    const db = new Database(join(t.dataDir, DATABASE_FILE));
    const insert = db.prepare(
      `INSERT INTO email_outbox (dedupe_key, kind, to_address, subject, html, text, facts, status, next_attempt_at)
       VALUES (?, 'booking-booked', 'patient@example.org', 'Your appointment', '', '', ?, 'queued', 0)`,
    );
    insert.run('damaged-1', '{"template":');
    insert.run('damaged-2', JSON.stringify({ template: 'letter-from-the-future', details: {} }));
    db.close();

    expect(await t.core.jobs.sendOutbox()).toEqual({ sent: 0, retrying: 0, failed: 2 });
    const rows = t.core.jobs.listOutbox(10).filter((r) => r.kind === 'booking-booked');
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['failed', 1],
      ['failed', 1],
    ]);
    for (const row of rows) expect(row.lastError).toContain('cannot be rendered');
    expect(sink.received.map((m) => m.to[0])).toEqual(['user0@example.org']);
  });

  it('puts a message left "sending" by a crash back in the queue on start', async () => {
    const clock = fixedClock('2026-03-16T10:00:00Z');
    t = await tempCore({ demo: 'without-visits', clock, env: {} });
    const sqlite = t.core.dbPath;
    t.core.close();
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(sqlite);
    db.prepare(
      `INSERT INTO email_outbox (dedupe_key, kind, to_address, subject, html, text, status, attempts)
       VALUES ('x', 'test', 'a@example.org', 'S', '<p>h</p>', 't', 'sending', 1)`,
    ).run();
    db.close();
    const again = await tempCore({ dataDir: t.dataDir, clock, env: {}, runBackgroundJobs: true });
    t = again;
    expect(t.core.jobs.listOutbox(1)[0]).toMatchObject({ status: 'queued' });
    expect(t.core.jobs.listOutbox(1)[0]!.lastError).toMatch(/Interrupted/);
  });

  it('without SMTP settings writes .eml files into <data folder>/outbox', async () => {
    t = await tempCore({ demo: 'without-visits', clock: fixedClock('2026-03-16T10:00:00Z'), env: {} });
    const admin = t.core.connectAs('admin', 'test');
    const result = await admin.call('mail/sendTest', { to: 'it@example.org' });
    expect(result).toMatchObject({ ok: true, value: { status: 'sent', to: 'it@example.org' } });
    const folder = join(t.dataDir, 'outbox');
    expect(readdirSync(folder)).toEqual(['000001-test.eml']);
    const mail = simpleParser(readFileSync(join(folder, '000001-test.eml'), 'utf8'));
    expect(mail.headers.get('to')).toBe('it@example.org');
    expect(mail.subject).toMatch(/^Test email from Riverside/);
    expect(mail.text).toContain(`into the folder ${folder}`);
    const list = await admin.call('outbox/list', {});
    expect(list).toMatchObject({ ok: true, value: { delivery: { mode: 'folder', folder } } });
  });
});
