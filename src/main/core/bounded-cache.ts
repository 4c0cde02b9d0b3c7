/**
 * A map that forgets everything once it holds `max` entries: a cache of values that are cheap to
 * work out again (an offset, a formatted date) whose keys could otherwise grow without end, kept
 * without the bookkeeping of least-recently-used order.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** Keeps `value` under `key` (first emptying a full cache) and returns it. */
  set(key: K, value: V): V {
    if (this.entries.size >= this.max) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }
}
