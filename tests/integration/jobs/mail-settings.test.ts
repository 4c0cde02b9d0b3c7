import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileLogger } from '../../../src/main/core/logger';
import type { SecretStore } from '../../../src/main/core/host';
import { NO_SECURE_STORE } from '../../../src/main/core/mail/secret-store';
import { PASSWORD_REENTRY } from '../../../src/main/core/mail/password';
import { SmtpSink } from '../../support/smtp-sink';
import { snapshotDatabase, tempCore, tempDir, type TempCore } from '../../support/temp-core';

const settings = {
  host: 'smtp.example.org',
  port: 587,
  security: 'starttls' as const,
  username: 'clinic',
  fromAddress: 'desk@example.org',
  reminderTime: '07:30',
  reportDay: 2,
  reportTime: '10:15',
};

/** Reverses and base64s: enough to prove the core only ever stores what the store returned. */
const fakeKeychain: SecretStore = {
  unavailableReason: () => null,
  encrypt: (plain) => Promise.resolve(Buffer.from([...plain].reverse().join('')).toString('base64')),
  decrypt: (cipher) => Promise.resolve([...Buffer.from(cipher, 'base64').toString()].reverse().join('')),
};

/** safeStorage in miniature: AES-GCM under a key that exists only on "this PC" (this object). */
function pcKeychain(): SecretStore {
  const key = randomBytes(32);
  return {
    unavailableReason: () => null,
    encrypt: (plain) =>
      Promise.resolve().then(() => {
        const iv = randomBytes(12);
        const cipher = createCipheriv('aes-256-gcm', key, iv);
        const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
        return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
      }),
    decrypt: (stored) =>
      Promise.resolve().then(() => {
        const raw = Buffer.from(stored, 'base64');
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      }),
  };
}

describe('SMTP settings and the password', () => {
  let t: TempCore | undefined;
  let sink: SmtpSink | undefined;
  afterEach(async () => {
    t?.cleanup();
    await sink?.stop();
    t = undefined;
    sink = undefined;
  });

  it('refuses a password where there is no secure store, with a sentence, and saves nothing', async () => {
    t = await tempCore({ demo: 'without-visits', env: {} });
    const admin = t.core.connectAs('admin', 'test');
    const view = await admin.call('mail/getSettings', {});
    expect(view).toMatchObject({
      ok: true,
      value: { canStorePassword: false, passwordStoreNote: NO_SECURE_STORE },
    });
    const before = snapshotDatabase(t.core.dbPath);
    const result = await admin.call('mail/saveSettings', { ...settings, password: 'hunter2-secret' });
    expect(result).toEqual({ ok: false, error: { code: 'conflict', message: NO_SECURE_STORE } });
    expect(snapshotDatabase(t.core.dbPath)).toBe(before);

    // Without a password the rest saves, and the schedule follows.
    const saved = await admin.call('mail/saveSettings', settings);
    expect(saved).toMatchObject({
      ok: true,
      value: {
        host: 'smtp.example.org',
        passwordSet: false,
        schedule: { reminderTime: '07:30', reportDay: 2 },
      },
    });
    const jobs = await admin.call('jobs/list', {});
    expect(jobs.ok && jobs.value[0]!.schedule).toBe('Every day at 07:30 (Europe/London)');
  });

  it('refuses unencrypted SMTP to another machine but allows it to this one', async () => {
    t = await tempCore({ demo: 'without-visits', env: {} });
    const admin = t.core.connectAs('admin', 'test');
    const before = snapshotDatabase(t.core.dbPath);
    const refused = await admin.call('mail/saveSettings', { ...settings, security: 'none' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/STARTTLS/) },
    });
    expect(snapshotDatabase(t.core.dbPath)).toBe(before);
    const local = await admin.call('mail/saveSettings', {
      ...settings,
      host: '127.0.0.1',
      port: 2525,
      security: 'none',
    });
    expect(local.ok).toBe(true);
  });

  it('stores only ciphertext, uses the password to sign in, and never writes it to the log or database', async () => {
    sink = new SmtpSink({
      authOptional: false,
      authMethods: ['PLAIN', 'LOGIN'],
      allowInsecureAuth: true,
      onAuth: (auth, _session, callback) =>
        auth.username === 'clinic' && auth.password === 'hunter2-secret'
          ? callback(null, { user: 'clinic' })
          : callback(new Error('Invalid username or password')),
    });
    await sink.start();
    const dataDir = tempDir();
    t = await tempCore({
      dataDir,
      demo: 'without-visits',
      env: {},
      secretStore: fakeKeychain,
      logger: fileLogger(dataDir),
    });
    const admin = t.core.connectAs('admin', 'test');
    const saved = await admin.call('mail/saveSettings', {
      ...settings,
      host: '127.0.0.1',
      port: sink.port,
      security: 'none',
      password: 'hunter2-secret',
    });
    expect(saved).toMatchObject({ ok: true, value: { passwordSet: true, canStorePassword: true } });
    expect(JSON.stringify(saved)).not.toContain('hunter2');
    const sent = await admin.call('mail/sendTest', { to: 'it@example.org' });
    expect(sent).toMatchObject({ ok: true, value: { status: 'sent' } });
    expect(sink.received.map((m) => m.to)).toEqual([['it@example.org']]);

    const dump = snapshotDatabase(t.core.dbPath);
    expect(dump).not.toContain('hunter2');
    expect(dump).toContain(await fakeKeychain.encrypt('hunter2-secret'));
    expect(readFileSync(join(dataDir, 'logs', 'clinic-desk.log'), 'utf8')).not.toContain('hunter2');
    expect(readFileSync(join(dataDir, 'logs', 'clinic-desk.log'), 'utf8')).not.toContain('it@example.org');

    // A wrong password: the failure is recorded, the password is not.
    await admin.call('mail/saveSettings', {
      ...settings,
      host: '127.0.0.1',
      port: sink.port,
      security: 'none',
      password: 'wrong-pw-123',
    });
    const failed = await admin.call('mail/sendTest', { to: 'it@example.org' });
    expect(failed.ok && failed.value.status).toBe('failed');
    expect(failed.ok && failed.value.lastError).toMatch(/^The mail server answered: 535/);
    expect(snapshotDatabase(t.core.dbPath)).not.toContain('wrong-pw-123');
  });

  it('a password saved on another PC is reported, can be entered again, and holds mail until then', async () => {
    sink = new SmtpSink({
      authOptional: false,
      authMethods: ['PLAIN', 'LOGIN'],
      allowInsecureAuth: true,
      onAuth: (auth, _session, callback) =>
        auth.password === 'hunter2-secret'
          ? callback(null, { user: 'clinic' })
          : callback(new Error('Invalid username or password')),
    });
    await sink.start();
    const dataDir = tempDir();
    const smtp = { ...settings, host: '127.0.0.1', port: sink.port, security: 'none' as const };
    const first = await tempCore({ dataDir, demo: 'without-visits', env: {}, secretStore: pcKeychain() });
    const saved = await first.core.connectAs('admin', 'test').call('mail/saveSettings', {
      ...smtp,
      password: 'hunter2-secret',
    });
    expect(saved).toMatchObject({ ok: true, value: { passwordSet: true, passwordProblem: null } });
    first.core.close();

    // The database restored on another PC: same file, a keychain that cannot read the password.
    t = await tempCore({ dataDir, demo: 'without-visits', env: {}, secretStore: pcKeychain() });
    const admin = t.core.connectAs('admin', 'test');
    const view = await admin.call('mail/getSettings', {});
    expect(view).toMatchObject({
      ok: true,
      value: {
        passwordSet: true,
        passwordProblem: PASSWORD_REENTRY,
        delivery: { mode: 'smtp', passwordProblem: PASSWORD_REENTRY },
      },
    });
    const outbox = await admin.call('outbox/list', { limit: 10 });
    expect(outbox.ok && outbox.value.delivery).toMatchObject({ passwordProblem: PASSWORD_REENTRY });

    // Mail waits in the outbox (not failed, nothing sent) until the password is entered again.
    const held = await admin.call('mail/sendTest', { to: 'it@example.org' });
    expect(held).toMatchObject({ ok: true, value: { status: 'queued' } });
    expect(sink.received).toHaveLength(0);

    const reentered = await admin.call('mail/saveSettings', { ...smtp, password: 'hunter2-secret' });
    expect(reentered).toMatchObject({ ok: true, value: { passwordSet: true, passwordProblem: null } });
    expect(reentered.ok && reentered.value.delivery).not.toHaveProperty('passwordProblem');
    const sent = await admin.call('mail/sendTest', { to: 'it@example.org' });
    expect(sent).toMatchObject({ ok: true, value: { status: 'sent' } });
    expect(sink.received.map((m) => m.to)).toEqual([['it@example.org'], ['it@example.org']]);
  });
});
