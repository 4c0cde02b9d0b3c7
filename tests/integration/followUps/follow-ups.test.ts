import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../../src/main/core/api';
import { CLINIC_NOW, expectRefused, freeSlotsOf, registerPatient, TODAY, value } from '../../support/clinic';
import { fixedClock, tempCore, type TempCore } from '../../support/temp-core';

/** Dr Daniel Fernández (doctor 1) signs in as dr.fernandez; Dr 2 is someone else. */
const FERNANDEZ = 1;

describe('follow-ups: a next-visit date becomes something reception acts on', () => {
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

  /** Books, checks in and completes a visit today with a next-visit date; returns the patient. */
  async function visitWithNextVisit(name: string, phone: string, nextVisitDate: string) {
    const patient = await registerPatient(desk, { fullName: name, phone });
    const [slot] = await freeSlotsOf(desk, FERNANDEZ, TODAY);
    if (!slot) throw new Error('no free slot today');
    const booked = await value(desk, 'appointments/book', {
      patientId: patient.id,
      doctorId: FERNANDEZ,
      startsAt: slot.startsAt,
    });
    await value(desk, 'appointments/checkIn', { id: booked.id });
    const done = await value(doctor, 'appointments/complete', {
      id: booked.id,
      diagnosis: 'Check-up',
      nextVisitDate,
    });
    return { ...patient, treatmentId: done.treatment?.id ?? 0 };
  }

  /** Signed in as the doctor with id 2 (not Dr Fernández). */
  const otherDoctor = () => {
    const db = new Database(t.core.dbPath, { readonly: true });
    const row = db.prepare('SELECT username FROM staff_users WHERE doctor_id = 2').get() as {
      username: string;
    };
    db.close();
    return t.core.connectAs(row.username, 'test');
  };

  const mine = async (connection: Connection, view: string, patientId: number) =>
    value(connection, 'followUps/list', { view, patientId });

  it('shows on the list due this week, is booked from there, and booking closes it', async () => {
    const patient = await visitWithNextVisit('Follow Alpha', '+44 7700 200001', '2026-03-16');
    const [item] = await mine(desk, 'week', patient.id);
    expect(item).toMatchObject({
      dueDate: '2026-03-16',
      status: 'open',
      overdue: false,
      doctorId: FERNANDEZ,
    });

    const [slot] = await freeSlotsOf(desk, FERNANDEZ, '2026-03-16');
    if (!slot) throw new Error('no free slot');
    const booking = await value(desk, 'appointments/book', {
      patientId: patient.id,
      doctorId: FERNANDEZ,
      startsAt: slot.startsAt,
    });
    expect(await mine(desk, 'open', patient.id)).toEqual([]);
    const db = new Database(t.core.dbPath, { readonly: true });
    expect(db.prepare('SELECT status, appointment_id FROM follow_ups WHERE id = ?').get(item?.id)).toEqual({
      status: 'booked',
      appointment_id: booking.id,
    });
    db.close();

    // The follow-up's booking is cancelled: the follow-up is open again, never lost.
    await value(desk, 'appointments/cancel', { id: booking.id, reason: 'Patient called' });
    expect((await mine(desk, 'open', patient.id)).map((f) => f.status)).toEqual(['open']);
  });

  it('lists overdue follow-ups apart, and a doctor sees only their own', async () => {
    const patient = await visitWithNextVisit('Follow Beta', '+44 7700 200002', '2026-03-12');
    clock.set('2026-03-20T09:00:00Z');
    try {
      // New sign-ins: the idle lock ended the earlier sessions when the clock jumped.
      const laterDesk = t.core.connectAs('reception', 'test');
      const [overdue] = await mine(laterDesk, 'overdue', patient.id);
      expect(overdue).toMatchObject({ overdue: true, dueDate: '2026-03-12' });
      expect(await mine(laterDesk, 'week', patient.id)).toEqual([]);
      expect(await mine(t.core.connectAs('dr.fernandez', 'test'), 'overdue', patient.id)).toHaveLength(1);
      const other = await value(laterDesk, 'followUps/list', { view: 'open', doctorId: 2 });
      expect(other.every((f) => f.doctorId === 2)).toBe(true);
      expect(await mine(otherDoctor(), 'open', patient.id)).toEqual([]);
    } finally {
      clock.set(CLINIC_NOW);
    }
  });

  it('the doctor marks it not needed (audited); another doctor and reception cannot', async () => {
    const patient = await visitWithNextVisit('Follow Gamma', '+44 7700 200003', '2026-03-18');
    const [item] = await mine(desk, 'open', patient.id);
    if (!item) throw new Error('no follow-up');
    await expectRefused(t.core.dbPath, desk, 'followUps/markNotNeeded', { id: item.id }, 'forbidden');
    await expectRefused(
      t.core.dbPath,
      otherDoctor(),
      'followUps/markNotNeeded',
      { id: item.id },
      'forbidden',
      /doctors close their own only/,
    );
    const closed = await value(doctor, 'followUps/markNotNeeded', { id: item.id });
    expect(closed.status).toBe('not_needed');
    expect(await mine(desk, 'open', patient.id)).toEqual([]);
    await expectRefused(t.core.dbPath, admin, 'followUps/markNotNeeded', { id: item.id }, 'conflict');
    const db = new Database(t.core.dbPath, { readonly: true });
    expect(
      db
        .prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'follow_up' AND entity_id = ?")
        .get(String(item.id)),
    ).toEqual({ n: 1 });
    db.close();
  });

  it('an amended next-visit date moves the open follow-up; a cleared one closes it', async () => {
    const patient = await visitWithNextVisit('Follow Delta', '+44 7700 200004', '2026-03-19');
    const { treatmentId } = patient;
    await value(doctor, 'treatments/amend', {
      treatmentId,
      diagnosis: 'Check-up',
      nextVisitDate: '2026-04-02',
    });
    expect((await mine(desk, 'open', patient.id)).map((f) => f.dueDate)).toEqual(['2026-04-02']);
    await value(doctor, 'treatments/amend', { treatmentId, diagnosis: 'Check-up', nextVisitDate: null });
    expect(await mine(desk, 'open', patient.id)).toEqual([]);
  });
});
