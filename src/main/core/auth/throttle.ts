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
 * Failures for usernames that do not exist are kept in memory so that an unknown username is
 * throttled exactly like a real one (otherwise the difference would reveal which usernames exist).
 * Bounded, oldest forgotten first.
 */
export class UnknownUsernameFailures {
  private readonly entries = new Map<string, { failures: number; lastFailedAt: number }>();

  constructor(private readonly capacity = 1000) {}

  get(username: string): { failures: number; lastFailedAt: number | null } {
    return this.entries.get(username) ?? { failures: 0, lastFailedAt: null };
  }

  fail(username: string, now: number): void {
    const previous = this.entries.get(username);
    this.entries.delete(username);
    this.entries.set(username, { failures: (previous?.failures ?? 0) + 1, lastFailedAt: now });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
