import { describe, expect, it } from 'vitest';
import {
  MAX_DELAY_MS,
  throttleDelayMs,
  throttleMessage,
  throttleRemainingMs,
  UnknownUsernameFailures,
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

  it('remembers unknown usernames within a bound, forgetting the oldest', () => {
    const failures = new UnknownUsernameFailures(2);
    failures.fail('a', 1);
    failures.fail('a', 2);
    failures.fail('b', 3);
    expect(failures.get('a')).toEqual({ failures: 2, lastFailedAt: 2 });
    failures.fail('c', 4);
    expect(failures.get('a')).toEqual({ failures: 0, lastFailedAt: null });
    expect(failures.get('c')).toEqual({ failures: 1, lastFailedAt: 4 });
  });
});
