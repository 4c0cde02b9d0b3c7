import { describe, expect, it } from 'vitest';
import { scopeOfWrite } from '../../../src/shared/changeScope';

describe('scopeOfWrite', () => {
  it("reads a booking's doctor-day from its answer", () => {
    expect(scopeOfWrite('appointments/book', { doctorId: 3, departmentId: 2, date: '2026-03-12' })).toEqual({
      appointments: [{ doctorId: 3, departmentId: 2, date: '2026-03-12' }],
    });
  });

  it("reads both doctor-days of a move, and one when it stayed on the doctor's day", () => {
    const movedFrom = {
      doctorId: 4,
      doctorName: 'Dr Four',
      departmentId: 1,
      date: '2026-03-11',
      time: '09:00',
    };
    expect(
      scopeOfWrite('appointments/reschedule', {
        doctorId: 3,
        departmentId: 2,
        date: '2026-03-12',
        movedFrom,
      }),
    ).toEqual({
      appointments: [
        { doctorId: 4, departmentId: 1, date: '2026-03-11' },
        { doctorId: 3, departmentId: 2, date: '2026-03-12' },
      ],
    });
    expect(
      scopeOfWrite('appointments/reschedule', {
        doctorId: 4,
        departmentId: 1,
        date: '2026-03-11',
        movedFrom: { ...movedFrom, time: '11:30' },
      }),
    ).toEqual({ appointments: [{ doctorId: 4, departmentId: 1, date: '2026-03-11' }] });
  });

  it('leaves the change unscoped for a write without scopeOf, or an answer it cannot read', () => {
    // A move's answer without where it came from cannot say every day it changed.
    expect(
      scopeOfWrite('appointments/reschedule', { doctorId: 3, departmentId: 2, date: '2026-03-12' }),
    ).toBe(undefined);
    expect(scopeOfWrite('patients/register', { id: 1 })).toBe(undefined);
    // The call already succeeded: no throw (which the Dispatcher would report as a failure).
    expect(scopeOfWrite('appointments/book', null)).toBe(undefined);
  });
});
