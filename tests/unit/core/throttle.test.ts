import { describe, expect, it } from 'vitest';
import {
  MAX_DELAY_MS,
  throttleDelayMs,
  throttleMessage,
  throttleRemainingMs,
  UnknownUsernameFailures,
  OneCheckAtATime,
} from '../../../src/main/core/auth/throttle';

describe('sign-in throttle arithmetic', () => {
  it('lets three failures pass, then doubles from one second up to five minutes', () => {
    expect([0, 1, 2].map(throttleDelayMs)).toEqual([0, 0, 0]);
    expect([3, 4, 5, 6, 10].map(throttleDelayMs)).toEqual([1000, 2000, 4000, 8000, 128_000]);
    expect(throttleDelayMs(11)).toBe(256_000);
    expect(throttleDelayMs(12)).toBe(MAX_DELAY_MS);
    expect(throttleDelayMs(1000)).toBe(MAX_DELAY_MS);
  });

  it('counts the wait from the last failure', () => {
    expect(throttleRemainingMs(5, 10_000, 10_000)).toBe(4000);
    expect(throttleRemainingMs(5, 10_000, 13_999)).toBe(1);
    expect(throttleRemainingMs(5, 10_000, 14_000)).toBe(0);
    expect(throttleRemainingMs(5, null, 0)).toBe(0);
  });

  it('says when to try again, rounded up', () => {
    expect(throttleMessage(1)).toBe('Too many failed sign-ins for this username. Try again in 1 second.');
    expect(throttleMessage(3_200)).toBe(
      'Too many failed sign-ins for this username. Try again in 4 seconds.',
    );
    expect(throttleMessage(61_000)).toBe(
      'Too many failed sign-ins for this username. Try again in 2 minutes.',
    );
    expect(throttleMessage(60_000)).toBe(
      'Too many failed sign-ins for this username. Try again in 1 minute.',
    );
  });

  it('remembers unknown usernames in a fixed table that inventing names cannot flush', () => {
    const failures = new UnknownUsernameFailures(64);
    failures.fail('ghost', 1);
    failures.fail('ghost', 2);
    failures.fail('ghost', 3);
    for (let i = 0; i < 5_000; i++) failures.fail(`invented.${i}`, 4);
    const ghost = failures.get('ghost');
    expect(ghost.failures).toBeGreaterThanOrEqual(3);
    expect(failures.get('never.tried').failures).toBeGreaterThanOrEqual(0);
    expect(new UnknownUsernameFailures(64).get('x')).toEqual({ failures: 0, lastFailedAt: null });
  });

  it('runs one check at a time per username, in order, and forgets idle names', async () => {
    const lock = new OneCheckAtATime();
    const order: string[] = [];
    let inFlight = 0;
    let most = 0;
    const task = (label: string) => async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      order.push(label);
      inFlight -= 1;
    };
    await Promise.all([lock.run('a', task('a1')), lock.run('a', task('a2')), lock.run('a', task('a3'))]);
    expect(most).toBe(1);
    expect(order).toEqual(['a1', 'a2', 'a3']);
    await expect(lock.run('b', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await lock.run('b', task('b1'));
    expect(lock.size).toBe(0);
  });
});
