import { describe, expect, it, vi } from 'vitest';
import { EventHub } from '../../../src/main/core/events';
import { invalidateOnDataChanged, StatsMemo, STATS_TTL_MS } from '../../../src/main/core/stats/memo';
import { fixedClock } from '../../support/temp-core';

function setup() {
  const clock = fixedClock('2026-03-10T09:00:00Z');
  const memo = new StatsMemo(clock);
  let n = 0;
  const compute = vi.fn(() => ++n);
  const load = (options: { force?: boolean } = {}) =>
    memo.get('dashboard', ['appointments', 'patients'], compute, options);
  return { clock, memo, compute, load };
}

describe('stats memo', () => {
  it('answers a second load within five minutes from memory, with the first computedAt', () => {
    const { clock, compute, load } = setup();
    const first = load();
    clock.advance(STATS_TTL_MS - 1);
    const second = load();
    expect(compute).toHaveBeenCalledTimes(1);
    expect(second).toEqual(first);
    expect(second.computedAt.toISOString()).toBe('2026-03-10T09:00:00.000Z');
  });

  it('computes again once five minutes have passed', () => {
    const { clock, compute, load } = setup();
    load();
    clock.advance(STATS_TTL_MS);
    const again = load();
    expect(compute).toHaveBeenCalledTimes(2);
    expect(again.value).toBe(2);
    expect(again.computedAt.toISOString()).toBe('2026-03-10T09:05:00.000Z');
  });

  it('computes again after a write to a table it read, not after one to another table', () => {
    const { memo, compute, load } = setup();
    load();
    memo.invalidate(['staff_users']);
    load();
    expect(compute).toHaveBeenCalledTimes(1);
    memo.invalidate(['audit_log', 'appointments']);
    expect(load().value).toBe(2);
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('computes again when forced (the refresh button) and keeps the fresh value', () => {
    const { compute, load } = setup();
    load();
    expect(load({ force: true }).value).toBe(2);
    expect(load().value).toBe(2);
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('forgets entries of other keys once they expire', () => {
    const { clock, memo, load } = setup();
    memo.get('doctor:1:2026-03-10', ['appointments'], () => 1);
    clock.advance(STATS_TTL_MS);
    load();
    expect(memo.size).toBe(1);
  });

  it('is cleared by a data/changed broadcast on the hub, before any window hears of it', () => {
    const { memo, compute, load } = setup();
    const hub = new EventHub();
    invalidateOnDataChanged(hub, memo);
    const seenByWindow: number[] = [];
    hub.subscribe('window-1', () => seenByWindow.push(memo.size));
    load();
    hub.broadcast('session/ended', { reason: 'idle' });
    expect(memo.size).toBe(1);
    hub.broadcast('data/changed', { tables: ['patients'] });
    expect(seenByWindow).toEqual([1, 0]);
    load();
    expect(compute).toHaveBeenCalledTimes(2);
  });
});
