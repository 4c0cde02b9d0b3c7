import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../src/shared/result';
import { auditRows } from '../../support/db-read';
import { fixedClock, snapshotDatabase, tempCore, type TempCore } from '../../support/temp-core';

async function unwrap<T>(promise: Promise<Result<T>>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('audit log', () => {
  let t: TempCore | undefined;
  afterEach(() => t?.cleanup());

  it('filters by person, entity and clinic-time-zone dates, newest first, paged', async () => {
    // New York is UTC-5 in early March: 03:00 UTC on the 3rd is still the 2nd there.
    const clock = fixedClock('2026-03-02T15:00:00Z');
    t = await tempCore({ demo: true, clock });
    // Hours pass between the steps (beyond the idle lock), so each step opens a fresh window.
    const asAdmin = () => t!.core.connectAs('admin', 'test');
    const settings = await unwrap(asAdmin().call('settings/get', {}));
    await unwrap(asAdmin().call('settings/update', { ...settings, timeZone: 'America/New_York' }));
    clock.set('2026-03-03T03:00:00Z');
    await unwrap(asAdmin().call('departments/create', { name: 'Neurology' }));
    clock.set('2026-03-03T06:00:00Z');
    await unwrap(asAdmin().call('departments/create', { name: 'Oncology' }));
    clock.set('2026-03-03T06:05:00Z');
    const reception = t.core.connectAs('reception', 'test');
    await unwrap(
      reception.call('auth/changePassword', {
        currentPassword: 'demo-reception',
        newPassword: 'reception pw 2',
      }),
    );
    const admin = asAdmin();

    const all = await unwrap(admin.call('audit/list', {}));
    expect(all.items.map((e) => e.summary).slice(0, 3)).toEqual([
      'Changed own password',
      'Created department Oncology',
      'Created department Neurology',
    ]);
    expect(all.items[0]).toMatchObject({
      username: 'reception',
      userId: 2,
      entity: 'staff_user',
      at: '2026-03-03T06:05:00.000Z',
    });
    expect(all.entities).toEqual(expect.arrayContaining(['department', 'settings', 'staff_user']));

    const onSecond = await unwrap(admin.call('audit/list', { from: '2026-03-02', to: '2026-03-02' }));
    expect(onSecond.items.map((e) => e.summary)).toEqual([
      'Created department Neurology',
      'Changed time zone Europe/London → America/New_York',
    ]);
    const departments = await unwrap(admin.call('audit/list', { entity: 'department', from: '2026-03-03' }));
    expect(departments.items.map((e) => e.summary)).toEqual(['Created department Oncology']);
    const byReception = await unwrap(admin.call('audit/list', { userId: 2 }));
    expect(byReception).toMatchObject({ total: 1, items: [{ action: 'change_password' }] });

    const first = await unwrap(admin.call('audit/list', { limit: 2 }));
    const second = await unwrap(admin.call('audit/list', { limit: 2, offset: 2 }));
    expect(first.total).toBe(all.total);
    expect([...first.items, ...second.items].map((e) => e.id)).toEqual(
      all.items.slice(0, 4).map((e) => e.id),
    );
  });

  it('is for administrators only, and refuses a backwards date range', async () => {
    t = await tempCore({ demo: true });
    expect(await t.core.connectAs('reception', 'test').call('audit/list', {})).toMatchObject({
      error: { code: 'forbidden' },
    });
    expect(await t.core.connectAs('dr.fernandez', 'test').call('audit/list', {})).toMatchObject({
      error: { code: 'forbidden' },
    });
    const admin = t.core.connectAs('admin', 'test');
    expect(await admin.call('audit/list', { from: '2026-03-05', to: '2026-03-01' })).toMatchObject({
      error: {
        code: 'invalid_input',
        issues: [{ path: 'to', message: 'The end date must not be before the start date.' }],
      },
    });
  });
});

describe('settings', () => {
  let t: TempCore | undefined;
  afterEach(() => t?.cleanup());

  it('an administrator reads and changes them; the change is audited and everyone sees it', async () => {
    t = await tempCore({ demo: true });
    const admin = t.core.connectAs('admin', 'test');
    expect(await unwrap(admin.call('settings/get', {}))).toEqual({
      clinicName: 'Riverside Family Clinic',
      clinicAddress: '12 Riverside Walk, London SE1 9XX',
      clinicPhone: '+44 20 7946 0000',
      timeZone: 'Europe/London',
      idleLockMinutes: 10,
    });
    const changed = await unwrap(
      admin.call('settings/update', {
        clinicName: ' Riverside Clinic ',
        clinicAddress: '1 New Road',
        clinicPhone: '+44 20 7946 0001',
        timeZone: 'europe/dublin',
        idleLockMinutes: 15,
      }),
    );
    expect(changed).toEqual({
      clinicName: 'Riverside Clinic',
      clinicAddress: '1 New Road',
      clinicPhone: '+44 20 7946 0001',
      timeZone: 'Europe/Dublin',
      idleLockMinutes: 15,
    });
    expect(auditRows(t.core.dbPath).at(-1)).toMatchObject({
      entity: 'settings',
      action: 'update',
      summary:
        'Changed clinic name, address, phone, time zone Europe/London → Europe/Dublin, idle lock 10 → 15',
    });
    const doctor = t.core.connectAs('dr.fernandez', 'test');
    expect(await unwrap(doctor.call('settings/public', {}))).toEqual({
      clinicName: 'Riverside Clinic',
      timeZone: 'Europe/Dublin',
      idleLockMinutes: 15,
    });
    expect(await unwrap(t.core.connect('test').call('auth/setupStatus', {}))).toMatchObject({
      clinicName: 'Riverside Clinic',
    });
  });

  it('refuses an unknown time zone, an idle lock outside 1–240 and an empty name, writing nothing', async () => {
    t = await tempCore({ demo: true });
    const admin = t.core.connectAs('admin', 'test');
    const current = await unwrap(admin.call('settings/get', {}));
    const before = snapshotDatabase(t.core.dbPath);
    for (const [patch, path] of [
      [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
      [{ idleLockMinutes: 0 }, 'idleLockMinutes'],
      [{ idleLockMinutes: 241 }, 'idleLockMinutes'],
      [{ idleLockMinutes: 2.5 }, 'idleLockMinutes'],
      [{ clinicName: '  ' }, 'clinicName'],
    ] as const) {
      const result = await admin.call('settings/update', { ...current, ...patch });
      expect(result, JSON.stringify(patch)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', issues: [{ path }] },
      });
    }
    expect(snapshotDatabase(t.core.dbPath)).toBe(before);
  });

  it('only administrators read the full settings or change them', async () => {
    t = await tempCore({ demo: true });
    const reception = t.core.connectAs('reception', 'test');
    const before = snapshotDatabase(t.core.dbPath);
    expect(await reception.call('settings/get', {})).toMatchObject({ error: { code: 'forbidden' } });
    expect(
      await reception.call('settings/update', {
        clinicName: 'Mine now',
        clinicAddress: '',
        clinicPhone: '',
        timeZone: 'UTC',
        idleLockMinutes: 240,
      }),
    ).toMatchObject({ error: { code: 'forbidden' } });
    expect(snapshotDatabase(t.core.dbPath)).toBe(before);
    expect(await t.core.connect('test').call('settings/public', {})).toMatchObject({
      error: { code: 'unauthenticated' },
    });
  });
});
