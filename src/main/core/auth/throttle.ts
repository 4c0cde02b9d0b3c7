import { createHmac, randomBytes } from 'node:crypto';

/**
 * Sign-in throttling: after FREE_ATTEMPTS failures in a row for a username, each further attempt
 * must wait 2^(failures - FREE_ATTEMPTS) seconds after the last failure, capped at five minutes.
 * Never a permanent lockout, so a clinic's only administrator can always get back in.
 */
export const FREE_ATTEMPTS = 3;
export const MAX_DELAY_MS = 5 * 60 * 1000;

/** How long after the last failure the next attempt is allowed, in milliseconds. */
export function throttleDelayMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(2 ** (failures - FREE_ATTEMPTS) * 1000, MAX_DELAY_MS);
}

/** Milliseconds still to wait before another attempt, 0 when one is allowed now. */
export function throttleRemainingMs(failures: number, lastFailedAt: number | null, now: number): number {
  if (lastFailedAt === null) return 0;
  return Math.max(0, lastFailedAt + throttleDelayMs(failures) - now);
}

/** "Try again in 4 seconds." — rounded up, so the person never tries a moment too early. */
export function throttleMessage(remainingMs: number): string {
  const seconds = Math.ceil(remainingMs / 1000);
  const wait =
    seconds < 60
      ? `${seconds} second${seconds === 1 ? '' : 's'}`
      : `${Math.ceil(seconds / 60)} minute${Math.ceil(seconds / 60) === 1 ? '' : 's'}`;
  return `Too many failed sign-ins for this username. Try again in ${wait}.`;
}

/**
 * Failures for usernames that do not exist, so that an unknown username is throttled exactly like
 * a real one (otherwise the difference would reveal which usernames exist). Real accounts keep
 * their count in the database. The memory is a fixed table of buckets chosen by a keyed hash (the
 * key is random per run): bounded, and nothing is ever evicted, so inventing thousands of names
 * cannot flush a throttled one. Two names that share a bucket share a count, which only ever
 * makes the throttle stricter.
 */
export class UnknownUsernameFailures {
  private readonly failures: Uint32Array;
  private readonly lastFailedAt: Float64Array;
  private readonly key = randomBytes(32);

  constructor(private readonly buckets = 65_536) {
    this.failures = new Uint32Array(buckets);
    this.lastFailedAt = new Float64Array(buckets);
  }

  private bucket(username: string): number {
    return createHmac('sha256', this.key).update(username).digest().readUInt32BE(0) % this.buckets;
  }

  get(username: string): { failures: number; lastFailedAt: number | null } {
    const i = this.bucket(username);
    const failures = this.failures[i] ?? 0;
    return { failures, lastFailedAt: failures === 0 ? null : (this.lastFailedAt[i] ?? null) };
  }

  fail(username: string, now: number): void {
    const i = this.bucket(username);
    this.failures[i] = (this.failures[i] ?? 0) + 1;
    this.lastFailedAt[i] = now;
  }
}

/**
 * At most one password check in flight per username: each attempt waits for the one before it to
 * finish and record its failure, so the throttle is read after the last result is written and
 * holds under any number of parallel guesses. Entries leave the map when their queue empties.
 */
export class OneCheckAtATime {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => done);
    this.tails.set(key, tail);
    await previous;
    try {
      return await task();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Usernames with an attempt queued or running (for tests: the map does not grow). */
  get size(): number {
    return this.tails.size;
  }
}
