import { describe, expect, it } from 'vitest';
import { HOME, resolveScreen } from '../../../src/renderer/src/app/navigation';
import {
  backupIsStale,
  backupLabel,
  describeCounts,
  monthName,
  percent,
  shortDate,
  updatedAgo,
} from '../../../src/renderer/src/features/stats/statsFormat';

const at = Date.parse('2026-03-29T12:00:00Z');

describe('dashboard wording', () => {
  it('says how long ago the figures were counted', () => {
    expect(updatedAgo('2026-03-29T12:00:00Z', at + 2_000)).toBe('updated just now');
    expect(updatedAgo('2026-03-29T12:00:00Z', at + 42_000)).toBe('updated 42 s ago');
    expect(updatedAgo('2026-03-29T12:00:00Z', at + 4 * 60_000)).toBe('updated 4 min ago');
    // A main clock slightly ahead of the window's never shows a negative age.
    expect(updatedAgo('2026-03-29T12:00:03Z', at)).toBe('updated just now');
  });

  it('shows rates as percentages and a dash while nothing was due', () => {
    expect(percent(null)).toBe('—');
    expect(percent(0)).toBe('0%');
    expect(percent(0.0625)).toBe('6.3%');
    expect(percent(0.4)).toBe('40%');
  });

  it('lists only the statuses that occur, in workflow order', () => {
    expect(describeCounts({ booked: 2, arrived: 0, completed: 1234, cancelled: 0, no_show: 1 })).toBe(
      '2 booked · 1,234 completed · 1 no-show',
    );
    expect(describeCounts({ booked: 0, arrived: 0, completed: 0, cancelled: 0, no_show: 0 })).toBe('none');
  });

  it('names dates and months without shifting them to the viewer’s zone', () => {
    expect(shortDate('2026-03-01')).toBe('1 Mar');
    expect(monthName('2026-12')).toBe('December 2026');
  });

  it('says "never" until a backup exists', () => {
    expect(backupLabel(null, at)).toBe('never');
    expect(backupLabel('2026-03-29T02:00:00Z', at)).toBe('10 h ago');
    expect(backupLabel('2026-03-25T12:00:00Z', at)).toBe('4 days ago');
  });

  it('lands the administrator on the dashboard', () => {
    expect(HOME.admin).toBe('dashboard');
    expect(resolveScreen('', 'admin')).toBe('dashboard');
  });
});

describe('backupIsStale', () => {
  const now = Date.parse('2026-11-29T12:00:00Z');
  it('warns with no backup, or one older than two days', () => {
    expect(backupIsStale(null, now)).toBe(true);
    expect(backupIsStale('2026-11-27T11:59:00Z', now)).toBe(true);
    expect(backupIsStale('2026-11-27T12:01:00Z', now)).toBe(false);
    expect(backupIsStale('2026-11-29T08:00:00Z', now)).toBe(false);
  });
});
