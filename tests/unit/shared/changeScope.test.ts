import { describe, expect, it } from 'vitest';
import { scopeOfWrite } from '../../../src/shared/changeScope';

describe('scopeOfWrite', () => {
  it("reads a booking's doctor-day from its answer", () => {
    expect(scopeOfWrite('appointments/book', { doctorId: 3, departmentId: 2, date: '2026-03-12' })).toEqual({
      appointments: [{ doctorId: 3, departmentId: 2, date: '2026-03-12' }],
    });
  });

  it('leaves the change unscoped for a write without scopeOf, or an answer it cannot read', () => {
    expect(
      scopeOfWrite('appointments/reschedule', { doctorId: 3, departmentId: 2, date: '2026-03-12' }),
    ).toBe(undefined);
    expect(scopeOfWrite('patients/register', { id: 1 })).toBe(undefined);
    // The call already succeeded: no throw (which the Dispatcher would report as a failure).
    expect(scopeOfWrite('appointments/book', null)).toBe(undefined);
  });
});
