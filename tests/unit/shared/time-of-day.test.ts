import { describe, expect, it } from 'vitest';
import { calendarDate, formatTimeOfDay, parseTimeOfDay } from '../../../src/shared/time-of-day';

describe('times of day and dates in the contract', () => {
  it('parses HH:MM into minutes after midnight, up to 24:00', () => {
    expect(parseTimeOfDay('00:00')).toBe(0);
    expect(parseTimeOfDay('09:30')).toBe(570);
    expect(parseTimeOfDay('24:00')).toBe(1440);
    for (const bad of ['24:30', '9:30', '25:00', '12:60', '', 'noon', '12:00:00']) {
      expect(parseTimeOfDay(bad), bad).toBeNull();
    }
  });

  it('formats minutes back', () => {
    expect([0, 570, 1440].map(formatTimeOfDay)).toEqual(['00:00', '09:30', '24:00']);
  });

  it('accepts only dates that exist', () => {
    expect(calendarDate.safeParse('2028-02-29').success).toBe(true);
    expect(calendarDate.safeParse('2027-02-29').success).toBe(false);
    expect(calendarDate.safeParse('2027-13-01').success).toBe(false);
    expect(calendarDate.safeParse('1/2/2027').success).toBe(false);
  });
});
