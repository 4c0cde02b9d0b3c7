import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/shared/calendar-date';
import { addDays as coreAddDays } from '../../../src/main/core/time/zone';
import { addDays as calendarAddDays } from '../../../src/renderer/src/features/calendar/calendarDates';

describe('addDays: one calendar-date step for the core, the renderer and the change scopes', () => {
  it('steps across month and year ends, leap days and backwards', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-30', 14)).toBe('2026-04-13');
    expect(addDays('2026-03-30', 0)).toBe('2026-03-30');
  });

  it('refuses anything but YYYY-MM-DD instead of answering a wrong day', () => {
    for (const bad of ['2026-3-5', '', '05/03/2026', '2026-03-05T00:00']) {
      expect(() => addDays(bad, 1)).toThrow(RangeError);
    }
  });

  it('is the same function wherever it is imported from', () => {
    expect(coreAddDays).toBe(addDays);
    expect(calendarAddDays).toBe(addDays);
  });
});
