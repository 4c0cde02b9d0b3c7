import { MutationObserver, QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import {
  channelQueryKey,
  channelWriteOptions,
  refetchChanged,
  touchedBy,
} from '../../../src/renderer/src/lib/dataChanged';
import {
  channels,
  CHANNEL_NAMES,
  readsOf,
  writes,
  type ChannelResult,
  type DataKind,
} from '../../../src/shared/contract';

/** The queries three screens keep open, with the same keys the screens build. */
const SCREENS = {
  today: [
    channelQueryKey('appointments/options', {}),
    channelQueryKey('appointments/list', { from: '2026-03-10', days: 1 }),
  ],
  calendar: [
    channelQueryKey('appointments/list', { from: '2026-03-09', days: 7 }),
    channelQueryKey('appointments/freeSlots', { from: '2026-03-09', days: 7 }),
  ],
  staff: [channelQueryKey('staff/list', {}), channelQueryKey('doctors/list', { includeInactive: true })],
  session: [channelQueryKey('auth/session', {})],
};

/** Fetches per screen since `before`: Today, calendar, Staff, session. */
const fetchesSince = (
  now: Record<keyof typeof SCREENS, number>,
  before: Record<keyof typeof SCREENS, number>,
) => [
  now.today - before.today,
  now.calendar - before.calendar,
  now.staff - before.staff,
  now.session - before.session,
];

describe('refetching on data/changed', () => {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  const stops: (() => void)[] = [];
  afterEach(() => {
    stops.splice(0).forEach((stop) => stop());
    client.clear();
  });

  /** Mounts each screen's queries as active observers and counts every fetch per screen. */
  async function mount(): Promise<Record<keyof typeof SCREENS, number>> {
    const fetches = { today: 0, calendar: 0, staff: 0, session: 0 };
    const observers: QueryObserver<null, Error, null, null, readonly unknown[]>[] = [];
    for (const [screen, keys] of Object.entries(SCREENS) as [
      keyof typeof SCREENS,
      readonly (readonly unknown[])[],
    ][]) {
      for (const queryKey of keys) {
        const observer = new QueryObserver(client, {
          queryKey,
          queryFn: () => {
            fetches[screen] += 1;
            return Promise.resolve(null);
          },
        });
        stops.push(observer.subscribe(() => undefined));
        observers.push(observer);
      }
    }
    // The fetch each subscription started: `fetch()` joins it rather than starting another.
    await Promise.all(observers.map((observer) => observer.getCurrentQuery().fetch()));
    return fetches;
  }

  it('an appointments change refetches Today and the calendar, not Staff nor the session', async () => {
    const fetches = await mount();
    const first = { ...fetches };
    await refetchChanged(client, { tables: ['appointments', 'email_outbox'] });
    expect(fetches.today - first.today).toBe(1); // appointments/list; the options read no appointments
    expect(fetches.calendar - first.calendar).toBe(2);
    expect(fetches.staff - first.staff).toBe(0);
    expect(fetches.session - first.session).toBe(0);
  });

  it('a staff change refetches Staff only; a doctors change reaches every screen showing doctors', async () => {
    const fetches = await mount();
    let before = { ...fetches };
    await refetchChanged(client, { tables: ['staff_users'] });
    expect([
      fetches.today - before.today,
      fetches.calendar - before.calendar,
      fetches.staff - before.staff,
    ]).toEqual([0, 0, 1]);
    before = { ...fetches };
    await refetchChanged(client, { tables: ['doctors'] });
    expect([
      fetches.today - before.today,
      fetches.calendar - before.calendar,
      fetches.staff - before.staff,
    ]).toEqual([2, 2, 2]);
    expect(fetches.session - before.session).toBe(0);
  });

  it("a window's own write refetches what its channel changes, without waiting for the push", async () => {
    const fetches = await mount();
    const before = { ...fetches };
    const sent: unknown[] = [];
    const setActive = new MutationObserver(
      client,
      channelWriteOptions(client, 'staff/setActive', (_channel, input) => {
        sent.push(input);
        // The answer's content does not matter here: only that the call succeeded.
        return Promise.resolve({} as ChannelResult<'staff/setActive'>);
      }),
    );
    await setActive.mutate({ id: 7, active: false });
    await client.getQueryCache().findAll({ fetchStatus: 'fetching' })[0]?.promise;
    expect(sent).toEqual([{ id: 7, active: false }]);
    expect(fetchesSince(fetches, before)).toEqual([0, 0, 1, 0]);
  });

  it("a window's own booking refetches only the views showing that doctor's day", async () => {
    const fetches = await mount();
    const before = { ...fetches };
    const book = new MutationObserver(
      client,
      channelWriteOptions(client, 'appointments/book', () =>
        // The answer is the booked appointment: Thursday 2026-03-12, in the calendar's week only.
        Promise.resolve({
          doctorId: 3,
          departmentId: 2,
          date: '2026-03-12',
        } as ChannelResult<'appointments/book'>),
      ),
    );
    await book.mutate({ patientId: 1, doctorId: 3, startsAt: Date.parse('2026-03-12T09:00:00Z') });
    await Promise.all(
      client
        .getQueryCache()
        .findAll({ fetchStatus: 'fetching' })
        .map((q) => q.fetch()),
    );
    expect(fetchesSince(fetches, before)).toEqual([0, 2, 0, 0]);
  });

  it('a refused write refetches nothing', async () => {
    const fetches = await mount();
    const before = { ...fetches };
    const book = new MutationObserver(
      client,
      channelWriteOptions(client, 'appointments/book', () => Promise.reject(new Error('Slot taken'))),
    );
    await expect(
      book.mutate({ patientId: 1, doctorId: 1, startsAt: Date.parse('2026-03-10T09:00:00Z') }),
    ).rejects.toThrow('Slot taken');
    expect(fetches).toEqual(before);
  });

  it('matches a query by its channel: keys outside the contract and writes read nothing', () => {
    const changed = { tables: ['patients'] satisfies DataKind[] };
    expect(touchedBy(channelQueryKey('patients/list', { query: 'ann' }), changed)).toBe(true);
    expect(touchedBy(channelQueryKey('staff/list', {}), changed)).toBe(false);
    expect(touchedBy(['patients/drop', {}], changed)).toBe(false);
    expect(touchedBy(['patients/register', {}], changed)).toBe(false);
  });

  it("a booking's push touches the views of its doctor's day, and every view it cannot judge", () => {
    const booking = {
      tables: ['appointments', 'email_outbox'] satisfies DataKind[],
      scope: { appointments: [{ doctorId: 3, departmentId: 2, date: '2026-03-12' }] },
    };
    const touched = (channel: string, input: unknown) => touchedBy([channel, input], booking);
    // Doctor A (3) tomorrow: yes. Doctor B (4) today, or A's today: no.
    expect(touched('appointments/list', { doctorId: 3, from: '2026-03-12', days: 1 })).toBe(true);
    expect(touched('appointments/list', { doctorId: 4, from: '2026-03-11', days: 1 })).toBe(false);
    expect(touched('appointments/list', { doctorId: 3, from: '2026-03-11', days: 1 })).toBe(false);
    expect(touched('appointments/list', { doctorId: 4, from: '2026-03-12', days: 1 })).toBe(false);
    // Whole clinic, the doctor's department, or a week that holds the day: yes; another department: no.
    expect(touched('appointments/list', { from: '2026-03-09', days: 7 })).toBe(true);
    expect(touched('appointments/list', { departmentId: 2, from: '2026-03-12' })).toBe(true);
    expect(touched('appointments/list', { departmentId: 5, from: '2026-03-12' })).toBe(false);
    // `days` left to its default (1 for the list, 7 for free slots), as the host reads it.
    expect(touched('appointments/list', { doctorId: 3, from: '2026-03-11' })).toBe(false);
    expect(touched('appointments/freeSlots', { doctorId: 3, from: '2026-03-11' })).toBe(true);
    expect(touched('appointments/freeSlots', { doctorId: 3, from: '2026-03-02' })).toBe(false);
    // Across a month's end.
    expect(touched('appointments/freeSlots', { doctorId: 3, from: '2026-02-27', days: 14 })).toBe(true);
    // Reads without a declared slice, or with input that does not parse: refetched, never stale.
    expect(touched('appointments/get', { id: 9 })).toBe(true);
    expect(touched('appointments/list', { doctorId: 'three', from: '2026-03-12' })).toBe(true);
    // A kind the event does not scope (treatments) changed anywhere: every reader refetches.
    expect(
      touchedBy(channelQueryKey('appointments/list', { doctorId: 4, from: '2026-03-11', days: 1 }), {
        ...booking,
        tables: ['appointments', 'treatments'],
      }),
    ).toBe(true);
    // And without a scope, as before: every reader of appointments.
    expect(
      touchedBy(['appointments/list', { doctorId: 4, from: '2026-03-11', days: 1 }], {
        tables: ['appointments'],
      }),
    ).toBe(true);
  });

  it('every read channel a screen could query is refetched by some kind, except those sign-in drives', () => {
    const silent = CHANNEL_NAMES.filter(
      (name) => !writes(channels[name]) && readsOf(channels[name]).length === 0,
    );
    expect(silent).toEqual([
      'auth/setupStatus',
      'auth/logout',
      'auth/session',
      'reports/savePdf',
      'exports/reveal',
      'network/probe',
      'imports/stage',
      'imports/inspect',
      'thisPc/dataFolder', // this PC's folder: changed only by a restart
    ]);
  });
});
