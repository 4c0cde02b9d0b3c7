import type { Statement } from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { auditLog } from '../../../src/main/core/audit/log';
import { drizzleFor } from '../../../src/main/core/db/client';
import { openSqlite, type Sqlite } from '../../../src/main/core/db/open';
import { Dispatcher, EventHub } from '../../../src/main/core/dispatch';
import type { HandlerMap } from '../../../src/main/core/handler';
import { allHandlers } from '../../../src/main/core/handlers';
import { silentLogger } from '../../../src/main/core/logger';
import type { Services } from '../../../src/main/core/services';
import { settingsStore } from '../../../src/main/core/settings/store';
import { invalidateOnDataChanged, StatsMemo, STATS_TTL_MS } from '../../../src/main/core/stats/memo';
import type { ChannelName } from '../../../src/shared/contract';
import { fixedClock, TEST_SCRYPT, tempCore, type TempCore } from '../../support/temp-core';
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
   * The real dispatcher, handlers and hub wiring of createCore, plus one stand-in write channel
   * (the booking channel arrives with the clinic domain): it inserts an appointment for today and
   * reports the table, exactly as a booking handler does with `ctx.changed('appointments')`.
   */
  async function setup() {
    t = await tempCore();
    const clock = fixedClock('2026-03-10T12:00:00Z');
    sqlite = openSqlite(t.core.dbPath);
    const fixture = smallClinic(sqlite, 'Europe/London');
    fixture.appointment('2026-03-10T09:00:00Z', 1, 'completed', true);
    const statsMemo = new StatsMemo(clock);
    const services: Services = {
      sqlite,
      db: drizzleFor(sqlite),
      clock,
      logger: silentLogger,
      settings: settingsStore(sqlite),
      audit: auditLog(sqlite, clock),
      passwordCost: TEST_SCRYPT,
      statsMemo,
    };
    const handlers: HandlerMap<ChannelName> = {
      ...allHandlers(services),
      'staff/list': (_input, ctx) => {
        fixture.appointment('2026-03-10T15:00:00Z', 1, 'booked');
        ctx.changed('appointments');
        return [];
      },
    };
    const hub = new EventHub();
    invalidateOnDataChanged(hub, statsMemo);
    const dispatcher = new Dispatcher(services, handlers, hub);
    const admin = dispatcher.connect('test', {
      userId: 1,
      username: 'admin',
      fullName: 'Admin',
      role: 'admin',
      doctorId: null,
    });
    const dashboard = async (input: { force?: boolean } = {}) => {
      const result = await admin.call('stats/dashboard', input);
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    };
    return { clock, admin, dashboard, spy: appointmentQuerySpy(sqlite) };
  }

  it('answers a second load within five minutes without querying the database', async () => {
    const { clock, dashboard, spy } = await setup();
    const first = await dashboard();
    const afterFirst = spy.reads();
    expect(afterFirst).toBeGreaterThan(0);
    clock.advance(STATS_TTL_MS - 1000);
    const second = await dashboard();
    expect(spy.reads()).toBe(afterFirst);
    expect(second).toEqual(first);
    expect(second.computedAt).toBe('2026-03-10T12:00:00.000Z');
  });

  it('queries again after a write reported through the dispatcher, and shows it', async () => {
    const { admin, dashboard, spy } = await setup();
    const before = await dashboard();
    expect(before.todayByStatus.booked).toBe(0);
    const reads = spy.reads();
    expect(await admin.call('staff/list', {})).toMatchObject({ ok: true });
    const after = await dashboard();
    expect(spy.reads()).toBeGreaterThan(reads);
    expect(after.todayByStatus.booked).toBe(1);
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
