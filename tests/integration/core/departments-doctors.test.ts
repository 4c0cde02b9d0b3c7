import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../src/shared/result';
import { auditRows, readRows } from '../../support/db-read';
import { fixedClock, snapshotDatabase, tempCore, type TempCore } from '../../support/temp-core';

async function unwrap<T>(promise: Promise<Result<T>>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const doctorInput = {
  fullName: 'Dr Nadia Okafor',
  departmentId: 1,
  qualifications: 'MBBS',
  email: 'n.okafor@clinic.example',
  phone: '+44 20 7946 0999',
  consultationMinutes: 20,
};

describe('departments', () => {
  let t: TempCore | undefined;
  afterEach(() => t?.cleanup());

  async function refusedWithoutWrites(run: () => Promise<Result<unknown>>, code: string, message?: RegExp) {
    const before = snapshotDatabase(t!.core.dbPath);
    const result = await run();
    expect(result).toMatchObject({ ok: false, error: { code } });
    if (message && !result.ok) expect(result.error.message).toMatch(message);
    expect(snapshotDatabase(t!.core.dbPath)).toBe(before);
  }

  it('lists, creates, renames and retires, each audited', async () => {
    t = await tempCore({ demo: true });
    const admin = t.core.connectAs('admin', 'test');
    const listed = await unwrap(admin.call('departments/list', {}));
    expect(listed.map((d) => d.name)).toEqual([
      'Cardiology',
      'Dermatology',
      'General Practice',
      'Paediatrics',
    ]);
    expect(listed.find((d) => d.name === 'General Practice')?.doctorCount).toBe(2);

    const created = await unwrap(
      admin.call('departments/create', { name: '  Neurology ', description: 'Brain and nerves.' }),
    );
    expect(created).toMatchObject({
      name: 'Neurology',
      description: 'Brain and nerves.',
      active: true,
      doctorCount: 0,
    });
    await unwrap(
      admin.call('departments/update', { id: created.id, name: 'Neurology & Sleep', description: '' }),
    );
    const retired = await unwrap(admin.call('departments/setActive', { id: created.id, active: false }));
    expect(retired.active).toBe(false);
    expect(
      (await unwrap(admin.call('departments/list', { includeRetired: false }))).map((d) => d.id),
    ).not.toContain(created.id);
    expect(auditRows(t.core.dbPath).slice(-3)).toMatchObject([
      {
        action: 'create',
        entity: 'department',
        entity_id: String(created.id),
        summary: 'Created department Neurology',
      },
      {
        action: 'update',
        summary:
          'Updated department Neurology & Sleep: renamed Neurology → Neurology & Sleep; description changed',
      },
      { action: 'retire', summary: 'Retired department Neurology & Sleep' },
    ]);
  });

  it('refuses a name that differs only in case, as a conflict sentence, and writes nothing', async () => {
    t = await tempCore({ demo: true });
    const admin = t.core.connectAs('admin', 'test');
    await refusedWithoutWrites(
      () => admin.call('departments/create', { name: 'cardiology' }),
      'conflict',
      /^There is already a department called "cardiology"\. Choose another name\.$/,
    );
    await refusedWithoutWrites(
      () => admin.call('departments/update', { id: 1, name: 'DERMATOLOGY', description: '' }),
      'conflict',
    );
    await refusedWithoutWrites(() => admin.call('departments/create', { name: '   ' }), 'invalid_input');
    await refusedWithoutWrites(
      () => admin.call('departments/setActive', { id: 99, active: false }),
      'not_found',
    );
  });

  it('a retired department takes no new doctors, but its doctors stay', async () => {
    t = await tempCore({ demo: true });
    const admin = t.core.connectAs('admin', 'test');
    await unwrap(admin.call('departments/setActive', { id: 1, active: false }));
    await refusedWithoutWrites(
      () => admin.call('doctors/create', doctorInput),
      'conflict',
      /^The General Practice department is retired and takes no new doctors\./,
    );
    // Moving a doctor into it is refused; editing a doctor already in it is not.
    const inOther = (await unwrap(admin.call('doctors/list', { departmentId: 2 })))[0]!;
    await refusedWithoutWrites(
      () => admin.call('doctors/update', { ...doctorInput, id: inOther.id, fullName: inOther.fullName }),
      'conflict',
    );
    const inRetired = (await unwrap(admin.call('doctors/list', { departmentId: 1 })))[0]!;
    expect(
      await admin.call('doctors/update', {
        ...doctorInput,
        id: inRetired.id,
        fullName: inRetired.fullName,
        consultationMinutes: 25,
      }),
    ).toMatchObject({ ok: true, value: { consultationMinutes: 25, departmentId: 1 } });
    await unwrap(admin.call('departments/setActive', { id: 1, active: true }));
    expect(await admin.call('doctors/create', doctorInput)).toMatchObject({ ok: true });
  });

  it('front desk and doctors can read departments but not change them', async () => {
    t = await tempCore({ demo: true });
    const reception = t.core.connectAs('reception', 'test');
    expect(await reception.call('departments/list', {})).toMatchObject({ ok: true });
    await refusedWithoutWrites(() => reception.call('departments/create', { name: 'X' }), 'forbidden');
  });
});

describe('doctors', () => {
  let t: TempCore | undefined;
  afterEach(() => t?.cleanup());

  async function refusedWithoutWrites(run: () => Promise<Result<unknown>>, code: string, message?: RegExp) {
    const before = snapshotDatabase(t!.core.dbPath);
    const result = await run();
    expect(result).toMatchObject({ ok: false, error: { code } });
    if (message && !result.ok) expect(result.error.message).toMatch(message);
    expect(snapshotDatabase(t!.core.dbPath)).toBe(before);
    return result;
  }

  it('creates, lists by department and edits a doctor, audited', async () => {
    t = await tempCore({ demo: true });
    const admin = t.core.connectAs('admin', 'test');
    const created = await unwrap(admin.call('doctors/create', { ...doctorInput, email: '', phone: '' }));
    expect(created).toMatchObject({
      fullName: 'Dr Nadia Okafor',
      departmentName: 'General Practice',
      email: null,
      phone: null,
      active: true,
      username: null,
    });
    const gp = await unwrap(admin.call('doctors/list', { departmentId: 1 }));
    expect(gp.map((d) => d.departmentId)).toEqual([1, 1, 1]);
    expect(gp.map((d) => d.id)).toContain(created.id);
    const updated = await unwrap(
      admin.call('doctors/update', {
        ...doctorInput,
        id: created.id,
        departmentId: 3,
        consultationMinutes: 30,
      }),
    );
    expect(updated).toMatchObject({ departmentName: 'Cardiology', email: 'n.okafor@clinic.example' });
    expect(auditRows(t.core.dbPath).slice(-2)).toMatchObject([
      {
        action: 'create',
        entity: 'doctor',
        summary: 'Added Dr Nadia Okafor to General Practice (20-minute consultations)',
      },
      {
        action: 'update',
        summary:
          'Updated Dr Nadia Okafor: department General Practice → Cardiology; consultation 20 → 30 minutes; email; phone',
      },
    ]);
  });

  it('refuses bad details field by field and writes nothing', async () => {
    t = await tempCore({ demo: true });
    const admin = t.core.connectAs('admin', 'test');
    const result = await refusedWithoutWrites(
      () =>
        admin.call('doctors/create', {
          ...doctorInput,
          fullName: '',
          email: 'not-an-email',
          phone: 'call me',
          consultationMinutes: 4,
        }),
      'invalid_input',
    );
    if (!result.ok) {
      expect(result.error.issues?.map((i) => i.path).sort()).toEqual([
        'consultationMinutes',
        'email',
        'fullName',
        'phone',
      ]);
    }
    await refusedWithoutWrites(
      () => admin.call('doctors/create', { ...doctorInput, consultationMinutes: 241 }),
      'invalid_input',
    );
    await refusedWithoutWrites(
      () => admin.call('doctors/create', { ...doctorInput, departmentId: 99 }),
      'not_found',
    );
  });

  it('replaces the weekly hours, answered and stored as times and minutes', async () => {
    t = await tempCore({ demo: true });
    const admin = t.core.connectAs('admin', 'test');
    const detail = await unwrap(
      admin.call('doctors/setAvailability', {
        doctorId: 1,
        rows: [
          { weekday: 2, start: '13:00', end: '17:30', slotMinutes: 30 },
          { weekday: 2, start: '08:00', end: '12:00', slotMinutes: 15 },
          { weekday: 6, start: '09:00', end: '24:00', slotMinutes: 20 },
        ],
      }),
    );
    expect(detail.availability).toEqual([
      { weekday: 2, start: '08:00', end: '12:00', slotMinutes: 15 },
      { weekday: 2, start: '13:00', end: '17:30', slotMinutes: 30 },
      { weekday: 6, start: '09:00', end: '24:00', slotMinutes: 20 },
    ]);
    expect(
      readRows(
        t.core.dbPath,
        'SELECT weekday, start_minute, end_minute FROM doctor_availability WHERE doctor_id = 1 ORDER BY id',
      ),
    ).toEqual([
      { weekday: 2, start_minute: 480, end_minute: 720 },
      { weekday: 2, start_minute: 780, end_minute: 1050 },
      { weekday: 6, start_minute: 540, end_minute: 1440 },
    ]);
    expect(auditRows(t.core.dbPath).at(-1)?.summary).toMatch(
      /^Set weekly hours of Dr .+: Tue 08:00–12:00\/15m, Tue 13:00–17:30\/30m, Sat 09:00–24:00\/20m$/,
    );
    // An empty pattern is allowed: the doctor simply has no regular hours.
    expect(
      (await unwrap(admin.call('doctors/setAvailability', { doctorId: 1, rows: [] }))).availability,
    ).toEqual([]);
  });

  it('refuses overlapping rows, an end before the start, and bad times, writing nothing', async () => {
    t = await tempCore({ demo: true });
    const admin = t.core.connectAs('admin', 'test');
    const overlap = await refusedWithoutWrites(
      () =>
        admin.call('doctors/setAvailability', {
          doctorId: 1,
          rows: [
            { weekday: 1, start: '09:00', end: '12:00', slotMinutes: 20 },
            { weekday: 2, start: '11:00', end: '13:00', slotMinutes: 20 },
            { weekday: 1, start: '11:30', end: '14:00', slotMinutes: 20 },
          ],
        }),
      'invalid_input',
    );
    if (!overlap.ok) {
      expect(overlap.error.issues).toEqual([
        { path: 'rows.2.start', message: 'Overlaps Monday 09:00–12:00.' },
      ]);
    }
    const backwards = await refusedWithoutWrites(
      () =>
        admin.call('doctors/setAvailability', {
          doctorId: 1,
          rows: [{ weekday: 1, start: '12:00', end: '09:00', slotMinutes: 20 }],
        }),
      'invalid_input',
    );
    if (!backwards.ok) {
      expect(backwards.error.issues).toEqual([
        { path: 'rows.0.end', message: 'The end must be after the start.' },
      ]);
    }
    await refusedWithoutWrites(
      () =>
        admin.call('doctors/setAvailability', {
          doctorId: 1,
          rows: [{ weekday: 7, start: '9:00', end: '25:00', slotMinutes: 2 }],
        }),
      'invalid_input',
    );
    await refusedWithoutWrites(
      () =>
        admin.call('doctors/setAvailability', {
          doctorId: 1,
          rows: [{ weekday: 1, start: '09:00', end: '09:10', slotMinutes: 20 }],
        }),
      'invalid_input',
      /slot is longer than the hours/,
    );
    await refusedWithoutWrites(
      () => admin.call('doctors/setAvailability', { doctorId: 99, rows: [] }),
      'not_found',
    );
  });

  it('records leave and extra hours from today on, in the clinic time zone', async () => {
    // 23:30 UTC on 1 March is already 2 March in Auckland's time zone.
    const clock = fixedClock('2026-03-01T23:30:00Z');
    t = await tempCore({ demo: true, clock });
    const admin = t.core.connectAs('admin', 'test');
    const settings = await unwrap(admin.call('settings/get', {}));
    await unwrap(admin.call('settings/update', { ...settings, timeZone: 'Pacific/Auckland' }));

    await refusedWithoutWrites(
      () =>
        admin.call('doctors/addException', {
          doctorId: 1,
          date: '2026-03-01',
          kind: 'leave',
          start: '00:00',
          end: '24:00',
        }),
      'invalid_input',
      /^That date has passed\./,
    );
    const leave = await unwrap(
      admin.call('doctors/addException', {
        doctorId: 1,
        date: '2026-03-02',
        kind: 'leave',
        start: '00:00',
        end: '24:00',
        note: 'Conference',
      }),
    );
    const extra = await unwrap(
      admin.call('doctors/addException', {
        doctorId: 1,
        date: '2026-03-07',
        kind: 'extra',
        start: '18:00',
        end: '20:00',
      }),
    );
    expect(extra.exceptions).toEqual([
      {
        id: leave.exceptions[0]!.id,
        date: '2026-03-02',
        kind: 'leave',
        start: '00:00',
        end: '24:00',
        note: 'Conference',
      },
      {
        id: expect.any(Number) as number,
        date: '2026-03-07',
        kind: 'extra',
        start: '18:00',
        end: '20:00',
        note: '',
      },
    ]);
    await refusedWithoutWrites(
      () =>
        admin.call('doctors/addException', {
          doctorId: 1,
          date: '2026-03-07',
          kind: 'leave',
          start: '19:00',
          end: '21:00',
        }),
      'conflict',
      /already has extra hours on 2026-03-07 from 18:00 to 20:00/,
    );
    await refusedWithoutWrites(
      () =>
        admin.call('doctors/addException', {
          doctorId: 1,
          date: '2026-02-30',
          kind: 'leave',
          start: '10:00',
          end: '09:00',
        }),
      'invalid_input',
    );

    // A day later (Auckland), the first leave is past and no longer listed as upcoming.
    clock.advance(24 * 60 * 60 * 1000);
    // (A day without calls is past the idle lock: a fresh window signs in.)
    const again = t.core.connectAs('admin', 'test');
    const later = await unwrap(again.call('doctors/get', { id: 1 }));
    expect(later.exceptions.map((e) => e.date)).toEqual(['2026-03-07']);

    const removed = await unwrap(again.call('doctors/removeException', { id: later.exceptions[0]!.id }));
    expect(removed.exceptions).toEqual([]);
    await refusedWithoutWrites(
      () => again.call('doctors/removeException', { id: later.exceptions[0]!.id }),
      'not_found',
    );
    expect(
      auditRows(t.core.dbPath)
        .slice(-3)
        .map((r) => r.action),
    ).toEqual(['add_leave', 'add_extra_hours', 'remove_extra_hours']);
  });

  it('deactivates a doctor only without upcoming appointments', async () => {
    const clock = fixedClock('2026-03-02T09:00:00Z');
    t = await tempCore({ demo: true, clock });
    const admin = t.core.connectAs('admin', 'test');
    // The demo doctors have a diary full of visits; a new doctor has exactly the one inserted here.
    const { id } = await unwrap(admin.call('doctors/create', doctorInput));
    const db = new Database(t.core.dbPath);
    const at = Date.parse('2026-03-03T10:00:00Z');
    db.prepare(
      `INSERT INTO appointments (patient_id, doctor_id, starts_at, ends_at, status) VALUES (1, ?, ?, ?, 'booked')`,
    ).run(id, at, at + 20 * 60 * 1000);
    db.close();
    await refusedWithoutWrites(
      () => admin.call('doctors/setActive', { id, active: false }),
      'conflict',
      /still has 1 upcoming appointment\. Cancel or move them before deactivating\.$/,
    );
    clock.set('2026-03-04T09:00:00Z');
    const later = t.core.connectAs('admin', 'test');
    expect(await later.call('doctors/setActive', { id, active: false })).toMatchObject({
      ok: true,
      value: { active: false },
    });
    expect((await unwrap(later.call('doctors/list', {}))).map((d) => d.id)).not.toContain(id);
    expect((await unwrap(later.call('doctors/list', { includeInactive: true }))).map((d) => d.id)).toContain(
      id,
    );
    expect(auditRows(t.core.dbPath).at(-1)).toMatchObject({
      action: 'deactivate',
      entity: 'doctor',
      entity_id: String(id),
    });
  });

  it('shows each doctor with the username of their account', async () => {
    t = await tempCore({ demo: true });
    const reception = t.core.connectAs('reception', 'test');
    const doctors = await unwrap(reception.call('doctors/list', {}));
    expect(doctors).toHaveLength(8);
    expect(doctors.every((d) => d.username?.startsWith('dr.'))).toBe(true);
    const one = await unwrap(reception.call('doctors/get', { id: doctors[0]!.id }));
    expect(one.availability.length).toBeGreaterThan(0);
    await refusedWithoutWrites(
      () => reception.call('doctors/setAvailability', { doctorId: 1, rows: [] }),
      'forbidden',
    );
  });
});
