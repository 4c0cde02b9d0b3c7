import type { Clock } from '../host';
import type { EventHub } from '../events';

/** How long a figure may be answered from memory when nothing it reads has been written. */
export const STATS_TTL_MS = 5 * 60 * 1000;

export interface Memoised<T> {
  value: T;
  /** When the value was computed (clock time). */
  computedAt: Date;
}

interface Entry {
  value: unknown;
  computedAt: Date;
  tables: ReadonlySet<string>;
}

/**
 * One cache for every window's dashboard figures. An entry lives for five minutes unless a
 * table it read is written first; then it is dropped, so nobody sees a stale count after their
 * own change.
 *
 * Writers reach it two ways: every successful contract call that reports changed tables
 * (`ctx.changed`) is broadcast as `data/changed`, and the core forwards that broadcast here; code
 * that writes outside the dispatcher (jobs, the outbox relay, exports, backups) must call
 * `services.statsMemo.invalidate([...tables])` after its transaction commits.
 */
export class StatsMemo {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number = STATS_TTL_MS,
  ) {}

  /** The memoised value of `key`, computing it (and remembering which tables it read) when needed. */
  get<T>(
    key: string,
    tables: readonly string[],
    compute: () => T,
    options: { force?: boolean } = {},
  ): Memoised<T> {
    const now = this.clock.now();
    const entry = this.entries.get(key);
    if (!options.force && entry && now.getTime() - entry.computedAt.getTime() < this.ttlMs) {
      return { value: entry.value as T, computedAt: entry.computedAt };
    }
    const value = compute();
    this.sweep(now.getTime());
    this.entries.set(key, { value, computedAt: now, tables: new Set(tables) });
    return { value, computedAt: now };
  }

  /** Forget every figure that read any of `tables`. */
  invalidate(tables: Iterable<string>): void {
    const written = [...tables];
    for (const [key, entry] of this.entries) {
      if (written.some((table) => entry.tables.has(table))) this.entries.delete(key);
    }
  }

  /** Keys carry the clinic date, so yesterday's entries would otherwise linger forever. */
  private sweep(now: number): void {
    for (const [key, entry] of this.entries) {
      if (now - entry.computedAt.getTime() >= this.ttlMs) this.entries.delete(key);
    }
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * Drops memoised figures whenever the hub broadcasts `data/changed` — i.e. after every contract
 * call that reported a write — before any window hears of it and refetches.
 */
export function invalidateOnDataChanged(hub: EventHub, memo: StatsMemo): () => void {
  return hub.onBroadcast((event, payload) => {
    if (event === 'data/changed') memo.invalidate((payload as { tables: string[] }).tables);
  });
}
