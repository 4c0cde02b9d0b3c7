import { describe, expect, it } from 'vitest';
import {
  dailyName,
  filesToDelete,
  KEEP_DAILY,
  KEEP_MONTHLY,
  monthlyName,
} from '../../../src/main/core/backups/rotation';
import { addDays, addMonths } from '../../../src/main/core/time/zone';

describe('backup rotation', () => {
  it('keeps the newest 14 daily and 12 monthly backups and nothing else of theirs', () => {
    const daily = Array.from({ length: 30 }, (_, i) => dailyName(addDays('2026-01-01', i)));
    const monthly = Array.from({ length: 20 }, (_, i) => monthlyName(addMonths('2025-01', i)));
    const other = ['notes.txt', 'clinic-daily-2026-01-01.db.partial', 'my-own-copy.db'];
    const doomed = filesToDelete([...other, ...monthly, ...daily]);
    expect(KEEP_DAILY).toBe(14);
    expect(KEEP_MONTHLY).toBe(12);
    expect(doomed.filter((n) => n.includes('daily')).sort()).toEqual(daily.slice(0, 16).sort());
    expect(doomed.filter((n) => n.includes('monthly')).sort()).toEqual(monthly.slice(0, 8).sort());
    expect(doomed.some((n) => other.includes(n))).toBe(false);
  });

  it('deletes nothing while there are fewer than the limits', () => {
    expect(filesToDelete([dailyName('2026-01-01'), monthlyName('2026-01')])).toEqual([]);
  });
});
