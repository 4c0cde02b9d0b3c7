import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileLogger } from '../../../src/main/core/logger';
import type { SecretStore } from '../../../src/main/core/host';
import { CLINIC_NOW, freeSlotsOf, registerPatient, TODAY, value } from '../../support/clinic';
import { SmtpSink } from '../../support/smtp-sink';
import { fixedClock, tempCore, tempDir } from '../../support/temp-core';

/** Characters that URL-encoding, base64 and JSON each change, so every form is really searched for. */
const CANARY = 'Canary-7Qz!pw/+x@1:Zeta%';
const USER = 'clinic';

/** What safeStorage does, in miniature: AES-256-GCM under a key that only lives in this process. */
function memoryKeychain(): SecretStore {
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

/**
 * The canary as it could appear on disk: plain, URL-encoded (both encoders), JSON-escaped, and
 * base64 at each of the three alignments it can take inside a longer string (AUTH PLAIN encodes
 * "\0user\0password"), trimmed to the characters that do not depend on what surrounds it.
 */
function canaryForms(): string[] {
  const forms = new Set([
    CANARY,
    encodeURIComponent(CANARY),
    encodeURI(CANARY),
    JSON.stringify(CANARY).slice(1, -1),
    Buffer.from(CANARY).toString('hex'),
  ]);
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.from('\0'.repeat(shift) + CANARY).toString('base64');
    const start = Math.ceil((shift * 4) / 3) + 1;
    const usable = encoded.slice(start, encoded.length - 4);
    forms.add(usable);
    forms.add(usable.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...forms];
}

/** Every file under `dir` that holds any form of the canary, as 'path: form'. */
function leaksUnder(dir: string): string[] {
  const forms = canaryForms();
  const leaks: string[] = [];
  for (const file of filesUnder(dir)) {
    const bytes = readFileSync(file);
    const texts = [bytes.toString('latin1'), bytes.toString('utf16le')];
    for (const form of forms) {
      if (texts.some((text) => text.includes(form))) leaks.push(`${relative(dir, file)}: ${form}`);
    }
  }
  return leaks;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('secrets canary: the SMTP password is never written to disk', () => {
  const dataDir = tempDir('clinic-desk-secrets-');
  const sink = new SmtpSink({
    authOptional: false,
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    onAuth: (auth, _session, callback) =>
      auth.username === USER && auth.password === CANARY
        ? callback(null, { user: USER })
        : callback(new Error('Invalid username or password')),
  });
  const clock = fixedClock(CLINIC_NOW);

  beforeAll(() => sink.start());
  afterAll(async () => {
    await sink.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the search finds the canary in each form it can take (so a clean result means something)', () => {
    const dir = tempDir('clinic-desk-canary-probe-');
    try {
      const plain = Buffer.from(`\0${USER}\0${CANARY}`).toString('base64');
      writeFileSync(join(dir, 'auth-plain.txt'), `AUTH PLAIN ${plain}\r\n`);
      writeFileSync(join(dir, 'url.log'), `smtp://${USER}:${encodeURIComponent(CANARY)}@host`);
      writeFileSync(join(dir, 'json.log'), JSON.stringify({ password: CANARY }));
      mkdirSync(join(dir, 'nested'));
      writeFileSync(join(dir, 'nested', 'login.b64'), Buffer.from(CANARY).toString('base64'));
      expect(
        leaksUnder(dir)
          .map((leak) => leak.split(':')[0])
          .sort(),
      ).toEqual(['auth-plain.txt', 'json.log', join('nested', 'login.b64'), 'url.log']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('after a full run (keychain and SMTP URL, mail, reminders, export, backup, failures) no file holds it', async () => {
    // 1. The desktop way: the password saved through Settings, encrypted by the keychain.
    let t = await tempCore({
      dataDir,
      demo: true,
      clock,
      env: {},
      secretStore: memoryKeychain(),
      logger: fileLogger(dataDir),
    });
    let admin = t.core.connectAs('admin', 'test');
    const desk = t.core.connectAs('reception', 'test');
    const mailSettings = {
      host: '127.0.0.1',
      port: sink.port,
      security: 'none' as const,
      username: USER,
      fromAddress: 'desk@example.org',
      reminderTime: '07:30',
      reportDay: 2,
      reportTime: '10:15',
    };
    const saved = await value(admin, 'mail/saveSettings', { ...mailSettings, password: CANARY });
    expect(saved).toMatchObject({ passwordSet: true });
    expect(JSON.stringify(saved)).not.toContain(CANARY);
    expect(await value(admin, 'mail/sendTest', { to: 'it@example.org' })).toMatchObject({ status: 'sent' });

    // Patient mail: a booking confirmation, today's reminders, a history export by email.
    const ann = await registerPatient(desk, {
      fullName: 'Canary Ann',
      phone: '+44 7700 400001',
      email: 'ann@example.org',
      emailReminders: true,
    });
    const [slot] = await freeSlotsOf(desk, 1, TODAY);
    await value(desk, 'appointments/book', { patientId: ann.id, doctorId: 1, startsAt: slot!.startsAt });
    expect((await t.core.jobs.run('reminders')).status).toBe('succeeded');
    const request = await value(desk, 'exports/requestHistory', { patientId: ann.id });
    const history = await value(admin, 'exports/approve', { id: request.exportId });
    expect((await t.core.jobs.waitExport(history.exportId)).status).toBe('done');
    const range = await value(admin, 'exports/startRange', { from: '2026-03-01', to: '2026-03-31' });
    expect((await t.core.jobs.waitExport(range.exportId)).status).toBe('done');
    const relayed = await t.core.jobs.sendOutbox();
    expect(relayed.failed).toBe(0);
    expect(relayed.sent).toBeGreaterThanOrEqual(2);
    expect((await value(admin, 'backups/run', {})).bytes).toBeGreaterThan(0);

    // Failures: the server refuses a wrong password; the error is recorded and logged.
    await value(admin, 'mail/saveSettings', { ...mailSettings, password: `${CANARY}-wrong` });
    expect(await value(admin, 'mail/sendTest', { to: 'it@example.org' })).toMatchObject({ status: 'failed' });
    expect((await admin.call('appointments/book', { patientId: 999_999, doctorId: 1, startsAt: 1 })).ok).toBe(
      false,
    );
    t.core.close();

    // 2. The preview/CLI way: credentials in CLINIC_DESK_SMTP_URL, right and then wrong.
    const smtpUrl = (password: string) =>
      `smtp://${USER}:${encodeURIComponent(password)}@127.0.0.1:${sink.port}`;
    t = await tempCore({
      dataDir,
      clock,
      env: { CLINIC_DESK_SMTP_URL: smtpUrl(CANARY) },
      logger: fileLogger(dataDir),
    });
    admin = t.core.connectAs('admin', 'test');
    expect(await value(admin, 'mail/sendTest', { to: 'url@example.org' })).toMatchObject({ status: 'sent' });
    expect((await value(admin, 'backups/run', {})).bytes).toBeGreaterThan(0);
    t.core.close();
    t = await tempCore({
      dataDir,
      clock,
      env: { CLINIC_DESK_SMTP_URL: smtpUrl(`${CANARY}-wrong`) },
      logger: fileLogger(dataDir),
    });
    admin = t.core.connectAs('admin', 'test');
    expect(await value(admin, 'mail/sendTest', { to: 'url@example.org' })).toMatchObject({
      status: 'failed',
    });
    t.core.close();

    // The server really did see the password: the canary was in use, not absent.
    expect(sink.received.length).toBeGreaterThanOrEqual(4);

    const files = filesUnder(dataDir);
    const names = files.map((f) => relative(dataDir, f));
    expect(names).toEqual(expect.arrayContaining(['clinic.db', join('logs', 'clinic-desk.log')]));
    expect(names.some((n) => n.startsWith('backups'))).toBe(true);
    expect(names.some((n) => n.startsWith('exports'))).toBe(true);
    const leaks = leaksUnder(dataDir);
    expect(leaks).toEqual([]);
    console.log(`secrets: searched ${files.length} files: ${names.join(', ')}`);
  }, 120_000);
});
