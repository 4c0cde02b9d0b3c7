import { afterEach, describe, expect, it } from 'vitest';
import type { EventMap } from '../../../src/shared/contract';
import { auditRows, readRows } from '../../support/db-read';
import { fixedClock, snapshotDatabase, tempCore, type TempCore } from '../../support/temp-core';

const START = '2026-03-02T09:00:00Z';

describe('sign-in throttling', () => {
  let t: TempCore | undefined;
  afterEach(() => t?.cleanup());

  const wrong = { username: 'admin', password: 'not the password' };
  const right = { username: 'admin', password: 'demo-admin' };

  it('refuses attempts inside a doubling window after three failures, and says when to try again', async () => {
    const clock = fixedClock(START);
    t = await tempCore({ demo: true, clock });
    const window = t.core.connect('test');
    for (let i = 0; i < 3; i++) {
      expect(await window.call('auth/login', wrong)).toMatchObject({
        error: { code: 'invalid_credentials' },
      });
    }
    // Three failures are free; the third starts a one-second wait.
    const before = snapshotDatabase(t.core.dbPath);
    const throttled = await window.call('auth/login', right);
    expect(throttled).toEqual({
      ok: false,
      error: {
        code: 'too_many_attempts',
        message: 'Too many failed sign-ins for this username. Try again in 1 second.',
      },
    });
    // Even the right password is refused inside the window, and the refusal is not counted.
    expect(snapshotDatabase(t.core.dbPath)).toBe(before);
    expect(window.session()).toBeNull();

    clock.advance(1000);
    expect(await window.call('auth/login', wrong)).toMatchObject({ error: { code: 'invalid_credentials' } });
    // Four failures: two seconds.
    clock.advance(1999);
    expect(await window.call('auth/login', right)).toMatchObject({
      error: { code: 'too_many_attempts', message: expect.stringContaining('1 second') as string },
    });
    clock.advance(1);
    expect(await window.call('auth/login', right)).toMatchObject({ ok: true, value: { username: 'admin' } });
    expect(readRows(t.core.dbPath, "SELECT failed_logins FROM staff_users WHERE username = 'admin'")).toEqual(
      [{ failed_logins: 0 }],
    );
  });

  it('caps the wait at five minutes, so the only administrator always gets back in', async () => {
    const clock = fixedClock(START);
    t = await tempCore({ demo: true, clock });
    const window = t.core.connect('test');
    for (let i = 0; i < 20; i++) {
      await window.call('auth/login', wrong);
      clock.advance(5 * 60 * 1000);
    }
    expect(readRows(t.core.dbPath, "SELECT failed_logins FROM staff_users WHERE username = 'admin'")).toEqual(
      [{ failed_logins: 20 }],
    );
    clock.set(START);
    clock.advance(20 * 5 * 60 * 1000 - 5 * 60 * 1000 + 4 * 60 * 1000);
    expect(await window.call('auth/login', right)).toMatchObject({
      error: {
        code: 'too_many_attempts',
        message: 'Too many failed sign-ins for this username. Try again in 1 minute.',
      },
    });
    clock.advance(60 * 1000);
    expect(await window.call('auth/login', right)).toMatchObject({ ok: true });
  });

  it('throttles one username without touching another', async () => {
    const clock = fixedClock(START);
    t = await tempCore({ demo: true, clock });
    const window = t.core.connect('test');
    for (let i = 0; i < 4; i++) await window.call('auth/login', wrong);
    expect(await window.call('auth/login', right)).toMatchObject({ error: { code: 'too_many_attempts' } });
    expect(
      await window.call('auth/login', { username: 'reception', password: 'demo-reception' }),
    ).toMatchObject({ ok: true });
  });

  it('throttles an unknown username exactly like a real one, so refusals reveal nothing', async () => {
    const clock = fixedClock(START);
    t = await tempCore({ demo: true, clock });
    const window = t.core.connect('test');
    const ghost = { username: 'no.such.person', password: 'whatever pw' };
    for (let i = 0; i < 3; i++) await window.call('auth/login', ghost);
    expect(await window.call('auth/login', ghost)).toEqual({
      ok: false,
      error: {
        code: 'too_many_attempts',
        message: 'Too many failed sign-ins for this username. Try again in 1 second.',
      },
    });
  });

  it('an administrator resetting the password clears the failures', async () => {
    const clock = fixedClock(START);
    t = await tempCore({ demo: true, clock });
    const window = t.core.connect('test');
    const receptionWrong = { username: 'reception', password: 'not the password' };
    for (let i = 0; i < 6; i++) await window.call('auth/login', receptionWrong);
    const admin = t.core.connectAs('admin', 'test');
    expect(await admin.call('staff/resetPassword', { id: 2, password: 'a fresh password' })).toEqual({
      ok: true,
      value: null,
    });
    expect(
      await window.call('auth/login', { username: 'reception', password: 'a fresh password' }),
    ).toMatchObject({ ok: true });
  });
});

describe('idle lock', () => {
  let t: TempCore | undefined;
  afterEach(() => t?.cleanup());

  it('ends a session idle longer than the setting on its next call, and tells the window why', async () => {
    const clock = fixedClock(START);
    t = await tempCore({ demo: true, clock });
    const window = t.core.connect('test');
    await window.call('auth/login', { username: 'reception', password: 'demo-reception' });
    const ended: EventMap['session/ended'][] = [];
    window.onEvent((event, payload) => event === 'session/ended' && ended.push(payload as never));

    // Activity keeps it alive: each call restarts the ten minutes.
    clock.advance(9 * 60 * 1000);
    expect(await window.call('patients/list', {})).toMatchObject({ ok: true });
    clock.advance(10 * 60 * 1000);
    expect(await window.call('patients/list', {})).toMatchObject({ ok: true });
    expect(ended).toEqual([]);

    clock.advance(10 * 60 * 1000 + 1);
    expect(await window.call('patients/list', {})).toEqual({
      ok: false,
      error: { code: 'unauthenticated', message: 'Please sign in to continue.' },
    });
    expect(ended).toEqual([{ reason: 'idle' }]);
    expect(window.session()).toBeNull();
    expect(await window.call('auth/session', {})).toEqual({ ok: true, value: null });
  });

  it('follows the idle lock setting', async () => {
    const clock = fixedClock(START);
    t = await tempCore({ demo: true, clock });
    const admin = t.core.connect('test');
    await admin.call('auth/login', { username: 'admin', password: 'demo-admin' });
    const settings = await admin.call('settings/get', {});
    if (!settings.ok) throw new Error(settings.error.message);
    expect(settings.value.idleLockMinutes).toBe(10);
    expect(await admin.call('settings/update', { ...settings.value, idleLockMinutes: 2 })).toMatchObject({
      ok: true,
      value: { idleLockMinutes: 2 },
    });
    const reception = t.core.connect('test');
    await reception.call('auth/login', { username: 'reception', password: 'demo-reception' });
    expect(await reception.call('settings/public', {})).toMatchObject({
      ok: true,
      value: { idleLockMinutes: 2 },
    });
    clock.advance(2 * 60 * 1000 + 1);
    expect(await reception.call('patients/list', {})).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('a window that locks itself signs out with the reason idle', async () => {
    t = await tempCore({ demo: true });
    const window = t.core.connect('test');
    await window.call('auth/login', { username: 'reception', password: 'demo-reception' });
    const ended: unknown[] = [];
    window.onEvent((event, payload) => event === 'session/ended' && ended.push(payload));
    expect(await window.call('auth/logout', { reason: 'idle' })).toEqual({ ok: true, value: null });
    expect(ended).toEqual([{ reason: 'idle' }]);
    expect(window.session()).toBeNull();
  });
});

describe('changing your own password', () => {
  let t: TempCore | undefined;
  afterEach(() => t?.cleanup());

  it('asks for the current password, then the new one works and the old one does not', async () => {
    t = await tempCore({ demo: true });
    const window = t.core.connect('test');
    await window.call('auth/login', { username: 'reception', password: 'demo-reception' });
    expect(
      await window.call('auth/changePassword', {
        currentPassword: 'demo-reception',
        newPassword: 'my own secret pw',
      }),
    ).toEqual({ ok: true, value: null });
    expect(auditRows(t.core.dbPath).at(-1)).toMatchObject({
      username: 'reception',
      action: 'change_password',
      entity: 'staff_user',
      entity_id: '2',
      summary: 'Changed own password',
    });
    const other = t.core.connect('test');
    expect(
      await other.call('auth/login', { username: 'reception', password: 'demo-reception' }),
    ).toMatchObject({ error: { code: 'invalid_credentials' } });
    expect(
      await other.call('auth/login', { username: 'reception', password: 'my own secret pw' }),
    ).toMatchObject({ ok: true });
  });

  it('refuses a wrong current password (counted like a failed sign-in), a short or unchanged new one, and writes nothing else', async () => {
    t = await tempCore({ demo: true });
    const window = t.core.connectAs('dr.fernandez', 'test');
    const failures = () =>
      readRows<{ failed_logins: number }>(
        t?.core.dbPath ?? '',
        "SELECT failed_logins FROM staff_users WHERE username = 'dr.fernandez'",
      )[0]?.failed_logins;
    expect(failures()).toBe(0);
    expect(
      await window.call('auth/changePassword', {
        currentPassword: 'wrong one',
        newPassword: 'long enough pw',
      }),
    ).toEqual({
      ok: false,
      error: {
        code: 'invalid_credentials',
        message: 'Your current password is not correct. Nothing was changed.',
      },
    });
    expect(failures()).toBe(1);
    const before = snapshotDatabase(t.core.dbPath);
    const short = await window.call('auth/changePassword', {
      currentPassword: 'demo-dr.fernandez',
      newPassword: 'short',
    });
    expect(short).toMatchObject({ error: { code: 'invalid_input', issues: [{ path: 'newPassword' }] } });
    const same = await window.call('auth/changePassword', {
      currentPassword: 'demo-dr.fernandez',
      newPassword: 'demo-dr.fernandez',
    });
    expect(same).toMatchObject({
      error: {
        code: 'invalid_input',
        issues: [{ path: 'newPassword', message: 'Choose a password different from the current one.' }],
      },
    });
    expect(snapshotDatabase(t.core.dbPath)).toBe(before);
  });
});
