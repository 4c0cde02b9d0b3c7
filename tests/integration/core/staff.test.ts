import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../../src/main/core';
import { auditRows, readRows } from '../../support/db-read';
import { snapshotDatabase, tempCore, type TempCore } from '../../support/temp-core';

const newDoctor = {
  fullName: 'Dr Nadia Okafor',
  departmentId: 1,
  qualifications: 'MBBS',
  email: null,
  phone: null,
  consultationMinutes: 20,
};

describe('staff accounts', () => {
  let t: TempCore | undefined;
  afterEach(() => t?.cleanup());

  async function unwrap<T>(
    promise: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
  ) {
    const result = await promise;
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  }

  /** Expects a refusal with this code and proves that it wrote nothing. */
  async function refused(_window: Connection, run: () => Promise<unknown>, code: string, message?: RegExp) {
    const before = snapshotDatabase(t!.core.dbPath);
    const result = (await run()) as { ok: boolean; error?: { code: string; message: string } };
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe(code);
    if (message) expect(result.error?.message).toMatch(message);
    expect(snapshotDatabase(t!.core.dbPath)).toBe(before);
  }

  it('creates a front-desk account that can sign in, audited', async () => {
    t = await tempCore({ demo: true });
    const admin = t.core.connectAs('admin', 'test');
    const created = await unwrap(
      admin.call('staff/create', {
        username: ' Sam.Lee ',
        fullName: 'Sam Lee',
        role: 'reception',
        password: 'first password',
      }),
    );
    expect(created).toMatchObject({
      username: 'sam.lee',
      fullName: 'Sam Lee',
      role: 'reception',
      active: true,
    });
    expect(auditRows(t.core.dbPath).at(-1)).toEqual({
      user_id: 1,
      username: 'admin',
      action: 'create',
      entity: 'staff_user',
      entity_id: String(created.id),
      summary: 'Created front desk account sam.lee (Sam Lee)',
    });
    const window = t.core.connect('test');
    expect(
      await window.call('auth/login', { username: 'sam.lee', password: 'first password' }),
    ).toMatchObject({
      ok: true,
      value: { role: 'reception' },
    });
    // The password is stored hashed, never as given.
    const [row] = readRows<{ password_hash: string }>(
      t.core.dbPath,
      "SELECT password_hash FROM staff_users WHERE username = 'sam.lee'",
    );
    expect(row?.password_hash).toMatch(/^scrypt\$/);
  });

  it('links a doctor account to a doctor without an account, and only then', async () => {
    t = await tempCore({ demo: true });
    const admin = t.core.connectAs('admin', 'test');
    const doctor = await unwrap(admin.call('doctors/create', newDoctor));
    const account = {
      username: 'dr.okafor',
      fullName: 'Dr Nadia Okafor',
      role: 'doctor',
      password: 'first password',
    };

    await refused(admin, () => admin.call('staff/create', account), 'invalid_input', /Choose the doctor/);
    await refused(
      admin,
      () => admin.call('staff/create', { ...account, doctorId: 1 }),
      'conflict',
      /already has an account \(dr\.\w+\)/,
    );
    await refused(
      admin,
      () => admin.call('staff/create', { ...account, role: 'reception', doctorId: doctor.id }),
      'invalid_input',
      /Only doctor accounts/,
    );
    await refused(admin, () => admin.call('staff/create', { ...account, doctorId: 999 }), 'not_found');

    const created = await unwrap(admin.call('staff/create', { ...account, doctorId: doctor.id }));
    expect(created).toMatchObject({ role: 'doctor', doctorId: doctor.id });
    const window = t.core.connect('test');
    expect(
      await window.call('auth/login', { username: 'dr.okafor', password: 'first password' }),
    ).toMatchObject({
      ok: true,
      value: { role: 'doctor', doctorId: doctor.id },
    });
  });

  it('refuses a taken username, a bad one or a short password, and writes nothing', async () => {
    t = await tempCore({ demo: true });
    const admin = t.core.connectAs('admin', 'test');
    const base = { fullName: 'Someone', role: 'reception', password: 'first password' };
    await refused(
      admin,
      () => admin.call('staff/create', { ...base, username: 'RECEPTION' }),
      'conflict',
      /^The username "reception" is already taken\. Choose another\.$/,
    );
    await refused(admin, () => admin.call('staff/create', { ...base, username: 'a b' }), 'invalid_input');
    await refused(
      admin,
      () => admin.call('staff/create', { ...base, username: 'okname', password: 'short' }),
      'invalid_input',
      /at least 10 characters/,
    );
    await refused(
      admin,
      () => admin.call('staff/create', { ...base, username: 'okname', role: 'superuser' }),
      'invalid_input',
    );
  });

  it('only administrators manage accounts', async () => {
    t = await tempCore({ demo: true });
    const reception = t.core.connectAs('reception', 'test');
    await refused(
      reception,
      () => reception.call('staff/setActive', { id: 1, active: false }),
      'forbidden',
      /Front desk accounts are not allowed/,
    );
    const doctor = t.core.connectAs('dr.fernandez', 'test');
    await refused(
      doctor,
      () => doctor.call('staff/resetPassword', { id: 1, password: 'taken over pw' }),
      'forbidden',
    );
  });

  it('updates name, role and doctor link with an audit summary of what changed', async () => {
    t = await tempCore({ demo: true });
    const admin = t.core.connectAs('admin', 'test');
    const updated = await unwrap(
      admin.call('staff/update', { id: 2, fullName: 'Robin Hale-Smith', role: 'admin', doctorId: null }),
    );
    expect(updated).toMatchObject({ fullName: 'Robin Hale-Smith', role: 'admin' });
    expect(auditRows(t.core.dbPath).at(-1)?.summary).toBe(
      'Updated account reception: name Robin Hale → Robin Hale-Smith; role Front desk → Administrator',
    );
    // The promoted account's open session gets the new role on its next call.
    const window = t.core.connectAs('reception', 'test');
    expect(await window.call('staff/list', {})).toMatchObject({ ok: true });

    // Saving without changes writes nothing.
    const before = snapshotDatabase(t.core.dbPath);
    await unwrap(admin.call('staff/update', { id: 2, fullName: 'Robin Hale-Smith', role: 'admin' }));
    expect(snapshotDatabase(t.core.dbPath)).toBe(before);
  });

  it('refuses demoting the last active administrator', async () => {
    t = await tempCore({ demo: true });
    const admin = t.core.connectAs('admin', 'test');
    await refused(
      admin,
      () => admin.call('staff/update', { id: 1, fullName: 'Alex Morgan', role: 'reception' }),
      'conflict',
      /Alex Morgan is the only active administrator, so you cannot change their role/,
    );
  });

  it('deactivates and reactivates an account; the deactivated person is signed out at once', async () => {
    t = await tempCore({ demo: true });
    const admin = t.core.connectAs('admin', 'test');
    const reception = t.core.connectAs('reception', 'test');
    expect(await admin.call('staff/setActive', { id: 2, active: false })).toMatchObject({
      ok: true,
      value: { active: false },
    });
    expect(await reception.call('patients/list', {})).toMatchObject({ error: { code: 'unauthenticated' } });
    expect(await admin.call('staff/setActive', { id: 2, active: true })).toMatchObject({
      ok: true,
      value: { active: true },
    });
    expect(auditRows(t.core.dbPath).slice(-2)).toMatchObject([
      {
        action: 'deactivate',
        entity: 'staff_user',
        entity_id: '2',
        summary: 'Deactivated account reception (Robin Hale)',
      },
      {
        action: 'reactivate',
        entity: 'staff_user',
        entity_id: '2',
        summary: 'Reactivated account reception (Robin Hale)',
      },
    ]);
  });

  it('refuses an administrator deactivating themself, and the last active administrator', async () => {
    t = await tempCore({ demo: true });
    const admin = t.core.connectAs('admin', 'test');
    await refused(
      admin,
      () => admin.call('staff/setActive', { id: 1, active: false }),
      'conflict',
      /^You cannot deactivate your own account\./,
    );
    // With a second administrator, the first may be deactivated by the second…
    const second = await unwrap(
      admin.call('staff/create', {
        username: 'second.admin',
        fullName: 'Second Admin',
        role: 'admin',
        password: 'first password',
      }),
    );
    const other = t.core.connectAs('second.admin', 'test');
    expect(await other.call('staff/setActive', { id: 1, active: false })).toMatchObject({ ok: true });
    // …but now the second is the last one: demoting them is refused too.
    await refused(
      other,
      () => other.call('staff/update', { id: second.id, fullName: 'Second Admin', role: 'reception' }),
      'conflict',
      /only active administrator/,
    );
  });

  it('reports a missing account as not found and writes nothing', async () => {
    t = await tempCore({ demo: true });
    const admin = t.core.connectAs('admin', 'test');
    await refused(admin, () => admin.call('staff/setActive', { id: 999, active: false }), 'not_found');
    await refused(
      admin,
      () => admin.call('staff/resetPassword', { id: 999, password: 'long enough pw' }),
      'not_found',
    );
    await refused(
      admin,
      () => admin.call('staff/update', { id: 999, fullName: 'X', role: 'reception' }),
      'not_found',
    );
  });

  it('resets a password without recording it anywhere readable', async () => {
    t = await tempCore({ demo: true });
    const admin = t.core.connectAs('admin', 'test');
    expect(await admin.call('staff/resetPassword', { id: 2, password: 'brand new password' })).toEqual({
      ok: true,
      value: null,
    });
    expect(auditRows(t.core.dbPath).at(-1)).toMatchObject({
      action: 'reset_password',
      summary: 'Set a new password for reception and cleared failed sign-ins',
    });
    expect(snapshotDatabase(t.core.dbPath)).not.toContain('brand new password');
    const window = t.core.connect('test');
    expect(
      await window.call('auth/login', { username: 'reception', password: 'brand new password' }),
    ).toMatchObject({ ok: true });
  });
});
