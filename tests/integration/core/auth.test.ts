import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventMap, EventName } from '../../../src/shared/contract';
import { snapshotDatabase, tempCore, type TempCore } from '../../support/temp-core';

const admin = { fullName: 'Ada Admin', username: 'Ada.Admin', password: 'correct horse battery' };

describe('first run and sign-in', () => {
  let t: TempCore | undefined;
  afterEach(() => t?.cleanup());

  it('an empty database asks for setup, which creates the administrator and signs them in', async () => {
    t = await tempCore();
    const window = t.core.connect('test');
    const status = await window.call('auth/setupStatus', {});
    expect(status).toEqual({
      ok: true,
      value: { needsSetup: true, clinicName: 'Clinic Desk', demoLogins: [] },
    });

    const events: [EventName, EventMap[EventName]][] = [];
    window.onEvent((event, payload) => events.push([event, payload]));
    const created = await window.call('auth/setup', admin);
    expect(created).toMatchObject({
      ok: true,
      value: { username: 'ada.admin', role: 'admin', fullName: 'Ada Admin' },
    });
    expect(window.session()?.username).toBe('ada.admin');
    expect(events).toContainEqual(['data/changed', { tables: ['staff_users'] }]);

    const afterwards = await t.core.connect('test').call('auth/setupStatus', {});
    expect(afterwards.ok && afterwards.value.needsSetup).toBe(false);
  });

  it('refuses a second setup and writes nothing', async () => {
    t = await tempCore();
    await t.core.connect('test').call('auth/setup', admin);
    const before = snapshotDatabase(t.core.dbPath);
    const again = await t.core.connect('test').call('auth/setup', { ...admin, username: 'mallory' });
    expect(again).toMatchObject({ ok: false, error: { code: 'already_set_up' } });
    expect(snapshotDatabase(t.core.dbPath)).toBe(before);
  });

  it('refuses invalid setup input field by field and writes nothing', async () => {
    t = await tempCore();
    const before = snapshotDatabase(t.core.dbPath);
    const window = t.core.connect('test');
    const result = await window.call('auth/setup', { fullName: '  ', username: 'a b', password: 'short' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.issues?.map((i) => i.path).sort()).toEqual(['fullName', 'password', 'username']);
    expect(result.error.issues?.find((i) => i.path === 'password')?.message).toBe(
      'Password must be at least 10 characters.',
    );
    const extra = await window.call('auth/setup', { ...admin, role: 'admin' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(snapshotDatabase(t.core.dbPath)).toBe(before);
    expect(window.session()).toBeNull();
  });

  it('signs in with the right password only, and counts failures', async () => {
    t = await tempCore();
    await t.core.connect('test').call('auth/setup', admin);
    const window = t.core.connect('test');

    const wrong = await window.call('auth/login', { username: 'ada.admin', password: 'wrong password!' });
    expect(wrong).toEqual({
      ok: false,
      error: { code: 'invalid_credentials', message: 'The username or password is not correct.' },
    });
    const unknown = await window.call('auth/login', { username: 'nobody', password: 'wrong password!' });
    expect(unknown).toEqual(wrong);
    expect(window.session()).toBeNull();

    const right = await window.call('auth/login', { username: ' ADA.ADMIN ', password: admin.password });
    expect(right).toMatchObject({ ok: true, value: { username: 'ada.admin', role: 'admin' } });
    const session = await window.call('auth/session', {});
    expect(session).toMatchObject({ ok: true, value: { username: 'ada.admin' } });

    t.core.close();
    const db = new Database(t.core.dbPath, { readonly: true });
    expect(
      db.prepare('SELECT failed_logins, last_login_at IS NOT NULL AS logged FROM staff_users').get(),
    ).toEqual({
      failed_logins: 0,
      logged: 1,
    });
    db.close();
  });

  it('signing out ends the session and tells the window', async () => {
    t = await tempCore({ demo: true });
    const window = t.core.connect('test');
    await window.call('auth/login', { username: 'reception', password: 'demo-reception' });
    const ended: unknown[] = [];
    window.onEvent((event, payload) => event === 'session/ended' && ended.push(payload));
    expect(await window.call('auth/logout', {})).toEqual({ ok: true, value: null });
    expect(ended).toEqual([{ reason: 'signed-out' }]);
    expect(await window.call('patients/list', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
  });

  it('a deactivated account loses access on its very next call', async () => {
    t = await tempCore({ demo: true });
    const window = t.core.connect('test');
    await window.call('auth/login', { username: 'reception', password: 'demo-reception' });
    const ended: unknown[] = [];
    window.onEvent((event, payload) => event === 'session/ended' && ended.push(payload));
    const db = new Database(t.core.dbPath);
    db.prepare("UPDATE staff_users SET active = 0 WHERE username = 'reception'").run();
    db.close();
    expect(await window.call('patients/list', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    expect(ended).toEqual([{ reason: 'revoked' }]);
    const again = await t.core
      .connect('test')
      .call('auth/login', { username: 'reception', password: 'demo-reception' });
    expect(again).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('lists demo logins only for a demo clinic', async () => {
    t = await tempCore({ demo: true });
    const status = await t.core.connect('test').call('auth/setupStatus', {});
    expect(status.ok).toBe(true);
    if (!status.ok) return;
    const usernames = status.value.demoLogins.map((l) => l.username);
    expect(usernames).toEqual(expect.arrayContaining(['admin', 'reception']));
    expect(status.value.demoLogins.filter((l) => l.role === 'doctor')).toHaveLength(8);
    for (const login of status.value.demoLogins) {
      const window = t.core.connect('test');
      expect(
        await window.call('auth/login', { username: login.username, password: login.password }),
      ).toMatchObject({
        ok: true,
        value: { role: login.role },
      });
    }
  });
});
