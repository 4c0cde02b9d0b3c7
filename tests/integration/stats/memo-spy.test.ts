import type { Statement } from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSqlite, type Sqlite } from '../../../src/main/core/db/open';
import { STATS_TTL_MS } from '../../../src/main/core/stats/memo';
import { fixedClock, tempCore, type TempCore } from '../../support/temp-core';
import { smallClinic } from './fixture';

/**
 * Counts every execution of a statement that reads `appointments`, on any connection, by
 * spying on better-sqlite3's Statement prototype: the proof that a memoised load never reaches
 * the database.
 */
function appointmentQuerySpy(sqlite: Sqlite) {
  const proto = Object.getPrototypeOf(sqlite.prepare('SELECT 1')) as Statement;
  const all = vi.spyOn(proto, 'all');
  const get = vi.spyOn(proto, 'get');
  const reads = () =>
    [...all.mock.contexts, ...get.mock.contexts].filter((s) =>
      /\bappointments\b/.test((s as Statement).source),
    ).length;
  return { reads, restore: () => vi.restoreAllMocks() };
}

describe('stats memo through the contract', () => {
  let t: TempCore | undefined;
  let sqlite: Sqlite | undefined;
  afterEach(() => {
    vi.restoreAllMocks();
    sqlite?.close();
    t?.cleanup();
  });

  /**
   * The real core (dispatcher, handlers, hub wiring) on a small fixture clinic with a fixed
   * clock; writes go through real contract channels, as a window's would.
   */
  async function setup() {
    const clock = fixedClock('2026-03-10T12:00:00Z');
    t = await tempCore({ clock });
    sqlite = openSqlite(t.core.dbPath);
    const fixture = smallClinic(sqlite, 'Europe/London');
    fixture.appointment('2026-03-10T09:00:00Z', 1, 'completed', true);
    const later = fixture.appointment('2026-03-10T15:00:00Z', 1, 'booked');
    const admin = t.core.connectAs('admin', 'test');
    const dashboard = async (input: { force?: boolean } = {}) => {
      const result = await admin.call('stats/dashboard', input);
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    };
    return { clock, admin, dashboard, later, spy: appointmentQuerySpy(sqlite) };
  }

  it('answers a second load within five minutes without querying the database', async () => {
    const { clock, dashboard, spy } = await setup();
    const first = await dashboard();
    const afterFirst = spy.reads();
    expect(afterFirst).toBeGreaterThan(0);
    clock.advance(STATS_TTL_MS - 1000);
    const second = await dashboard();
    expect(spy.reads()).toBe(afterFirst);
    expect({ ...second, servedAt: first.servedAt }).toEqual(first);
    expect(second.computedAt).toBe('2026-03-10T12:00:00.000Z');
    // Served on main's clock, so the screen can say "updated 4 min ago" without its own clock.
    expect(second.servedAt).toBe('2026-03-10T12:04:59.000Z');
  });

  it('queries again after a write through the contract, and shows it', async () => {
    const { admin, dashboard, later, spy } = await setup();
    const before = await dashboard();
    expect(before.todayByStatus.booked).toBe(1);
    expect(before.todayByStatus.cancelled).toBe(0);
    const reads = spy.reads();
    const cancelled = await admin.call('appointments/cancel', { id: later, reason: 'Patient phoned' });
    expect(cancelled).toMatchObject({ ok: true });
    const after = await dashboard();
    expect(spy.reads()).toBeGreaterThan(reads);
    expect(after.todayByStatus.booked).toBe(0);
    expect(after.todayByStatus.cancelled).toBe(1);
  });

  it('queries again after five minutes, and when the refresh button forces it', async () => {
    const { clock, dashboard, spy } = await setup();
    await dashboard();
    const once = spy.reads();
    clock.advance(STATS_TTL_MS);
    const later = await dashboard();
    const twice = spy.reads();
    expect(twice).toBeGreaterThan(once);
    expect(later.computedAt).toBe('2026-03-10T12:05:00.000Z');
    await dashboard({ force: true });
    expect(spy.reads()).toBeGreaterThan(twice);
  });
});
