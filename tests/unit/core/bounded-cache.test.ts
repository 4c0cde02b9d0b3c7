import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../../src/main/core/bounded-cache';

describe('a bounded cache', () => {
  it('keeps up to its bound, forgets everything when full, and keeps null as a value', () => {
    const cache = new BoundedCache<number, number | null>(3);
    expect(cache.set(1, 10)).toBe(10);
    expect(cache.set(2, null)).toBeNull();
    cache.set(3, 30);
    expect([cache.get(1), cache.get(2), cache.get(3)]).toEqual([10, null, 30]);
    // A fourth key finds the cache full: the first three are forgotten, the fourth is kept.
    expect(cache.set(4, 40)).toBe(40);
    expect([cache.get(1), cache.get(2), cache.get(3), cache.get(4)]).toEqual([
      undefined,
      undefined,
      undefined,
      40,
    ]);
    // Setting a key again replaces its value.
    cache.set(4, 41);
    expect(cache.get(4)).toBe(41);
  });
});
