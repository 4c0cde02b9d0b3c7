import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../../src/main/core/api';
import {
  APPOINTMENT_STATUSES,
  APPOINTMENT_TRANSITIONS,
  type AppointmentStatus,
} from '../../../src/shared/dto/clinic';
import { CLINIC_NOW, expectRefused, freeSlotsOf, registerPatient, TODAY, value } from '../../support/clinic';
import { fixedClock, snapshotDatabase, tempCore, type TempCore } from '../../support/temp-core';
import Database from 'better-sqlite3';

/** Dr Daniel Fernández (doctor 1, General Practice, 15-minute slots) signs in as dr.fernandez. */
const FERNANDEZ = 1;

describe('booking rules', () => {
  let t: TempCore;
  let desk: Connection;
  let doctor: Connection;
  let admin: Connection;
  const clock = fixedClock(CLINIC_NOW);

  beforeAll(async () => {
    t = await tempCore({ demo: true, clock });
    desk = t.core.connectAs('reception', 'test');
    doctor = t.core.connectAs('dr.fernandez', 'test');
    admin = t.core.connectAs('admin', 'test');
  });
  afterAll(() => t.cleanup());

  const sql = () => new Database(t.core.dbPath);

  it('books an active patient into a free slot, with its audit row, and the slot is gone', async () => {
    const patient = await registerPatient(desk, { fullName: 'Booking Alpha', phone: '+44 7700 100001' });
    const [slot] = await freeSlotsOf(desk, FERNANDEZ, TODAY);
    expect(slot).toBeDefined();
    if (!slot) return;
    const booked = await value(desk, 'appointments/book', {
      patientId: patient.id,
      doctorId: FERNANDEZ,
      startsAt: slot.startsAt,
      reason: 'Cough',
    });
    expect(booked).toMatchObject({
      status: 'booked',
      date: TODAY,
      time: slot.time,
      patientNumber: patient.patientNumber,
    });
    // The answer is the view the booking built from what it read and wrote: the same as reading it afterwards.
    const { treatment, ...stored } = await value(desk, 'appointments/get', { id: booked.id });
    expect(treatment).toBeNull();
    expect(booked).toEqual(stored);
    const after = await freeSlotsOf(desk, FERNANDEZ, TODAY);
    expect(after.map((s) => s.startsAt)).not.toContain(slot.startsAt);
    const db = sql();
    const audit = db
      .prepare(
        "SELECT action, username, summary FROM audit_log WHERE entity = 'appointment' AND entity_id = ?",
      )
      .all(String(booked.id));
    db.close();
    expect(audit).toEqual([
      { action: 'book', username: 'reception', summary: expect.stringContaining(patient.patientNumber) },
    ]);
  });

  it("answers every doctor's booking with exactly the view read back afterwards (built, not re-read)", async () => {
    const options = await value(desk, 'appointments/options', {});
    expect(new Set(options.doctors.map((d) => d.departmentId)).size).toBeGreaterThan(1);
    let n = 0;
    for (const d of options.doctors) {
      const slot = (await freeSlotsOf(desk, d.id, '2026-03-13'))[0];
      if (!slot) continue;
      n += 1;
      const patient = await registerPatient(desk, {
        fullName: `Ánswer Ñame ${n}`,
        phone: `+44 7700 9${String(n).padStart(5, '0')}`,
        dateOfBirth: `1970-01-${String(n).padStart(2, '0')}`,
      });
      const booked = await value(desk, 'appointments/book', {
        patientId: patient.id,
        doctorId: d.id,
        startsAt: slot.startsAt,
        reason: `Reason “${n}”`,
      });
      const { treatment, ...stored } = await value(desk, 'appointments/get', { id: booked.id });
      expect(treatment).toBeNull();
      expect(booked).toEqual(stored);
    }
    expect(n).toBeGreaterThan(3);
  });

  it('refuses a taken slot with the conflict sentence, writing nothing', async () => {
    const a = await registerPatient(desk, { fullName: 'Booking Beta', phone: '+44 7700 100002' });
    const b = await registerPatient(desk, { fullName: 'Booking Gamma', phone: '+44 7700 100003' });
    const slot = (await freeSlotsOf(desk, FERNANDEZ, '2026-03-12'))[0];
    if (!slot) throw new Error('no free slot');
    await value(desk, 'appointments/book', { patientId: a.id, doctorId: FERNANDEZ, startsAt: slot.startsAt });
    await expectRefused(
      t.core.dbPath,
      desk,
      'appointments/book',
      { patientId: b.id, doctorId: FERNANDEZ, startsAt: slot.startsAt },
      'conflict',
      /^That slot was just taken/,
    );
  });

  it('maps the database unique index to the same sentence when the checks are raced', async () => {
    const db = sql();
    const slot = (await freeSlotsOf(desk, FERNANDEZ, '2026-03-13'))[0];
    if (!slot) throw new Error('no free slot');
    // Another process slipped a booking in: insert it behind the core's back.
    const patient = await registerPatient(desk, { fullName: 'Booking Delta', phone: '+44 7700 100004' });
    db.prepare(
      "INSERT INTO appointments (patient_id, doctor_id, starts_at, ends_at, status) VALUES (?, ?, ?, ?, 'booked')",
    ).run(2, FERNANDEZ, slot.startsAt, slot.endsAt);
    db.close();
    await expectRefused(
      t.core.dbPath,
      desk,
      'appointments/book',
      { patientId: patient.id, doctorId: FERNANDEZ, startsAt: slot.startsAt },
      'conflict',
      /^That slot was just taken/,
    );
  });

  it('refuses the past, outside hours, leave, inactive patients and inactive doctors', async () => {
    const patient = await registerPatient(desk, { fullName: 'Booking Epsilon', phone: '+44 7700 100005' });
    const path = t.core.dbPath;
    const book = (startsAt: number, extra: Record<string, unknown> = {}) => ({
      patientId: patient.id,
      doctorId: FERNANDEZ,
      startsAt,
      ...extra,
    });
    // 09:00 today is in the past at 10:05.
    await expectRefused(
      path,
      desk,
      'appointments/book',
      book(Date.parse('2026-03-11T09:00:00Z')),
      'conflict',
      /already passed/,
    );
    // 08:00 is before the doctor's hours; 09:07 is not on the 15-minute grid; Sunday is closed.
    await expectRefused(
      path,
      desk,
      'appointments/book',
      book(Date.parse('2026-03-12T08:00:00Z')),
      'conflict',
      /does not see patients at 08:00/,
    );
    await expectRefused(
      path,
      desk,
      'appointments/book',
      book(Date.parse('2026-03-12T09:07:00Z')),
      'conflict',
      /does not see patients/,
    );
    await expectRefused(
      path,
      desk,
      'appointments/book',
      book(Date.parse('2026-03-15T10:00:00Z')),
      'conflict',
      /does not see patients/,
    );
    // Leave: add a day of leave for the doctor, then try a slot inside it.
    const db = sql();
    db.prepare(
      "INSERT INTO doctor_exceptions (doctor_id, date, kind, start_minute, end_minute) VALUES (1, '2026-03-16', 'leave', 0, 1440)",
    ).run();
    db.close();
    await expectRefused(
      path,
      desk,
      'appointments/book',
      book(Date.parse('2026-03-16T10:00:00Z')),
      'conflict',
      /on leave at 10:00/,
    );
    expect(await freeSlotsOf(desk, FERNANDEZ, '2026-03-16')).toEqual([]);
    // Inactive patient.
    const leaving = await registerPatient(desk, { fullName: 'Booking Zeta', phone: '+44 7700 100006' });
    await value(desk, 'patients/deactivate', { id: leaving.id, reason: 'Moved away' });
    await expectRefused(
      path,
      desk,
      'appointments/book',
      book(Date.parse('2026-03-12T10:00:00Z'), { patientId: leaving.id }),
      'conflict',
      /deactivated/,
    );
    // Inactive doctor.
    const db2 = sql();
    db2.prepare('UPDATE doctors SET active = 0 WHERE id = 3').run();
    db2.close();
    await expectRefused(
      path,
      desk,
      'appointments/book',
      book(Date.parse('2026-03-12T10:00:00Z'), { doctorId: 3 }),
      'conflict',
      /no longer active/,
    );
    await expectRefused(
      path,
      desk,
      'appointments/book',
      book(Date.parse('2026-03-12T10:00:00Z'), { patientId: 999999 }),
      'not_found',
    );
    const db3 = sql();
    db3.prepare('UPDATE doctors SET active = 1 WHERE id = 3').run();
    db3.close();
  });

  it('refuses a patient two overlapping active appointments, even with different doctors', async () => {
    const patient = await registerPatient(desk, { fullName: 'Booking Eta', phone: '+44 7700 100007' });
    const mine = await freeSlotsOf(desk, FERNANDEZ, '2026-03-17');
    const theirs = await freeSlotsOf(desk, 2, '2026-03-17');
    const first = mine.find((m) => theirs.some((s) => s.startsAt < m.endsAt && m.startsAt < s.endsAt));
    if (!first) throw new Error('no overlapping free slots');
    await value(desk, 'appointments/book', {
      patientId: patient.id,
      doctorId: FERNANDEZ,
      startsAt: first.startsAt,
    });
    const other = theirs.find((s) => s.startsAt < first.endsAt && first.startsAt < s.endsAt);
    if (!other) throw new Error('no overlapping slot of doctor 2');
    await expectRefused(
      t.core.dbPath,
      desk,
      'appointments/book',
      { patientId: patient.id, doctorId: 2, startsAt: other.startsAt },
      'conflict',
      /already has an appointment at/,
    );
  });

  it('reschedules into another free slot under the same rules, and frees the old one', async () => {
    const patient = await registerPatient(desk, { fullName: 'Booking Theta', phone: '+44 7700 100008' });
    const [a, b] = await freeSlotsOf(desk, FERNANDEZ, '2026-03-18');
    if (!a || !b) throw new Error('no slots');
    const booked = await value(desk, 'appointments/book', {
      patientId: patient.id,
      doctorId: FERNANDEZ,
      startsAt: a.startsAt,
    });
    const moved = await value(desk, 'appointments/reschedule', { id: booked.id, startsAt: b.startsAt });
    expect(moved).toMatchObject({ id: booked.id, startsAt: b.startsAt, status: 'booked' });
    expect(moved.movedFrom).toEqual({
      doctorId: FERNANDEZ,
      doctorName: booked.doctorName,
      departmentId: booked.departmentId,
      date: '2026-03-18',
      time: booked.time,
    });
    expect((await freeSlotsOf(desk, FERNANDEZ, '2026-03-18')).map((s) => s.startsAt)).toContain(a.startsAt);
    await expectRefused(
      t.core.dbPath,
      desk,
      'appointments/reschedule',
      { id: booked.id, startsAt: Date.parse('2026-03-18T08:00:00Z') },
      'conflict',
      /does not see patients/,
    );
    await expectRefused(
      t.core.dbPath,
      desk,
      'appointments/reschedule',
      { id: booked.id, startsAt: Date.parse('2026-03-10T10:00:00Z') },
      'conflict',
      /already passed/,
    );
    await expectRefused(
      t.core.dbPath,
      doctor,
      'appointments/reschedule',
      { id: booked.id, startsAt: a.startsAt },
      'forbidden',
    );
  });

  it('lists a day for reception by doctor and department, and only their own for doctors', async () => {
    const all = await value(desk, 'appointments/list', { from: TODAY });
    expect(all.items.length).toBeGreaterThan(10);
    expect(all.today).toBe(TODAY);
    expect(all.items.every((a) => a.date === TODAY)).toBe(true);
    const byDept = await value(desk, 'appointments/list', { from: TODAY, days: 7, departmentId: 1 });
    expect(byDept.items.every((a) => a.departmentId === 1)).toBe(true);
    const mine = await value(doctor, 'appointments/list', { from: TODAY });
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((a) => a.doctorId === FERNANDEZ)).toBe(true);
    await expectRefused(
      t.core.dbPath,
      doctor,
      'appointments/list',
      { from: TODAY, doctorId: 2 },
      'forbidden',
    );
    await expectRefused(t.core.dbPath, desk, 'appointments/list', { from: TODAY, days: 8 }, 'invalid_input');
    expect((await value(admin, 'appointments/options', {})).doctors).toHaveLength(8);
  });

  it("shows a doctor their own free slots only, never another doctor's or a department's (issue 9 item 6)", async () => {
    const everyone = await value(desk, 'appointments/freeSlots', { from: TODAY, days: 7 });
    expect(everyone.doctors.length).toBeGreaterThan(1);
    const mine = await value(doctor, 'appointments/freeSlots', { from: TODAY, days: 7 });
    expect(mine.doctors.map((d) => d.doctorId)).toEqual([FERNANDEZ]);
    const own = await value(doctor, 'appointments/freeSlots', { from: TODAY, doctorId: FERNANDEZ });
    expect(own.doctors.map((d) => d.doctorId)).toEqual([FERNANDEZ]);
    await expectRefused(
      t.core.dbPath,
      doctor,
      'appointments/freeSlots',
      { from: TODAY, doctorId: 2 },
      'forbidden',
    );
    await expectRefused(
      t.core.dbPath,
      doctor,
      'appointments/freeSlots',
      { from: TODAY, departmentId: 1 },
      'forbidden',
    );
  });
});

describe('status machine', () => {
  let t: TempCore;
  let desk: Connection;
  let doctor: Connection;
  const clock = fixedClock(CLINIC_NOW);
  beforeAll(async () => {
    t = await tempCore({ demo: true, clock });
    desk = t.core.connectAs('reception', 'test');
    doctor = t.core.connectAs('dr.fernandez', 'test');
  });
  afterAll(() => t.cleanup());

  /** An appointment of Dr Fernández today (so check-in is allowed) forced into `status`, started 5 minutes ago. */
  function appointmentIn(status: AppointmentStatus, n: number): number {
    const db = new Database(t.core.dbPath);
    // Off the minute grid, so it never collides with a demo appointment's slot.
    const start = Date.parse(CLINIC_NOW) - 5 * 60_000 + 7_000 + n * 1000;
    const id = Number(
      db
        .prepare(
          'INSERT INTO appointments (patient_id, doctor_id, starts_at, ends_at, status) VALUES (?, ?, ?, ?, ?)',
        )
        .run(1 + (n % 300), FERNANDEZ, start, start + 900_000, status).lastInsertRowid,
    );
    db.close();
    return id;
  }

  const move = (to: AppointmentStatus, id: number) => {
    switch (to) {
      case 'arrived':
        return { channel: 'appointments/checkIn' as const, by: desk, input: { id } };
      case 'cancelled':
        return { channel: 'appointments/cancel' as const, by: desk, input: { id, reason: 'Patient asked' } };
      case 'no_show':
        return { channel: 'appointments/noShow' as const, by: desk, input: { id } };
      case 'completed':
        return {
          channel: 'appointments/complete' as const,
          by: doctor,
          input: { id, diagnosis: 'Common cold' },
        };
      case 'booked':
        return null;
    }
  };

  let n = 0;
  for (const from of APPOINTMENT_STATUSES) {
    for (const to of APPOINTMENT_STATUSES) {
      const allowed = APPOINTMENT_TRANSITIONS[from].includes(to);
      it(`${from} → ${to}: ${allowed ? 'allowed' : 'refused naming both statuses'}`, async () => {
        const id = appointmentIn(from, n++);
        const step = move(to, id);
        if (step === null) {
          // Nothing moves an appointment back to booked: no channel offers it.
          expect(allowed).toBe(false);
          return;
        }
        if (allowed) {
          const result = await value(step.by, step.channel, step.input);
          expect(result.status).toBe(to);
        } else {
          const message = await expectRefused(t.core.dbPath, step.by, step.channel, step.input, 'conflict');
          const labels = {
            booked: 'Booked',
            arrived: 'Arrived',
            completed: 'Completed',
            cancelled: 'Cancelled',
            no_show: 'No-show',
          };
          expect(message).toContain(`“${labels[from]}”`);
          expect(message).toContain(`“${labels[to]}”`);
        }
      });
    }
  }

  it('completing records the treatment in the same transaction, with its audit row', async () => {
    const id = appointmentIn('arrived', 900);
    const done = await value(doctor, 'appointments/complete', {
      id,
      diagnosis: 'Sprained ankle',
      treatmentNotes: 'RICE advice',
      prescription: 'Ibuprofen 400 mg',
      nextVisitDate: '2026-03-25',
    });
    expect(done.status).toBe('completed');
    expect(done.treatment).toMatchObject({
      diagnosis: 'Sprained ankle',
      nextVisitDate: '2026-03-25',
      recordedByName: expect.stringContaining('Fern'),
    });
    const db = new Database(t.core.dbPath, { readonly: true });
    const audit = db
      .prepare("SELECT action FROM audit_log WHERE entity = 'appointment' AND entity_id = ?")
      .all(String(id));
    db.close();
    expect(audit).toEqual([{ action: 'completed' }]);
  });

  it('refuses a next visit on or before the visit, a missing diagnosis, and notes over the limit', async () => {
    const id = appointmentIn('arrived', 901);
    await expectRefused(
      t.core.dbPath,
      doctor,
      'appointments/complete',
      { id, diagnosis: 'X', nextVisitDate: TODAY },
      'invalid_input',
      /after this visit/,
    );
    await expectRefused(
      t.core.dbPath,
      doctor,
      'appointments/complete',
      { id, diagnosis: '  ' },
      'invalid_input',
      /diagnosis/,
    );
    await expectRefused(
      t.core.dbPath,
      doctor,
      'appointments/complete',
      { id, diagnosis: 'X', treatmentNotes: 'x'.repeat(10_000_000) },
      'invalid_input',
    );
  });

  it('refuses check-in on another day, a no-show before the start, and a cancel without a reason', async () => {
    const db = new Database(t.core.dbPath);
    const tomorrow = Date.parse('2026-03-12T10:00:00Z');
    const id = Number(
      db
        .prepare('INSERT INTO appointments (patient_id, doctor_id, starts_at, ends_at) VALUES (150, 1, ?, ?)')
        .run(tomorrow, tomorrow + 900_000).lastInsertRowid,
    );
    db.close();
    await expectRefused(
      t.core.dbPath,
      desk,
      'appointments/checkIn',
      { id },
      'conflict',
      /day of their appointment/,
    );
    await expectRefused(
      t.core.dbPath,
      desk,
      'appointments/noShow',
      { id },
      'conflict',
      /has not started yet/,
    );
    await expectRefused(
      t.core.dbPath,
      desk,
      'appointments/cancel',
      { id, reason: ' ' },
      'invalid_input',
      /Say why/,
    );
  });

  it('lets doctors act on their own appointments only, and only doctors complete visits', async () => {
    const db = new Database(t.core.dbPath);
    const start = Date.parse(CLINIC_NOW) + 3_600_000;
    const other = Number(
      db
        .prepare(
          "INSERT INTO appointments (patient_id, doctor_id, starts_at, ends_at, status) VALUES (151, 2, ?, ?, 'arrived')",
        )
        .run(start, start + 900_000).lastInsertRowid,
    );
    db.close();
    await expectRefused(
      t.core.dbPath,
      doctor,
      'appointments/complete',
      { id: other, diagnosis: 'X' },
      'forbidden',
      /own appointments/,
    );
    await expectRefused(
      t.core.dbPath,
      doctor,
      'appointments/cancel',
      { id: other, reason: 'No' },
      'forbidden',
    );
    await expectRefused(t.core.dbPath, doctor, 'appointments/get', { id: other }, 'forbidden');
    await expectRefused(
      t.core.dbPath,
      desk,
      'appointments/complete',
      { id: other, diagnosis: 'X' },
      'forbidden',
    );
    expect(snapshotDatabase(t.core.dbPath)).toContain('"status":"arrived"');
  });
});
