/** Input that counts as someone being at the keyboard. */
export const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/** Timers are not reset more often than this: pointer moves arrive by the hundred. */
const RESET_EVERY_MS = 1000;

export interface IdleTimerDeps {
  now: () => number;
  setTimer: (fire: () => void, ms: number) => number;
  clearTimer: (id: number) => void;
}

/**
 * Calls `onIdle` once `idleMs` pass without `activity()`. The deadline is re-checked when the
 * timer fires, because a sleeping PC delays timers and pointer moves are only counted once a second.
 */
export function createIdleTimer(idleMs: number, onIdle: () => void, deps: IdleTimerDeps) {
  let last = deps.now();
  let timer = deps.setTimer(check, idleMs);
  let stopped = false;

  function check(): void {
    if (stopped) return;
    const left = last + idleMs - deps.now();
    if (left <= 0) {
      stopped = true;
      onIdle();
    } else {
      timer = deps.setTimer(check, left);
    }
  }

  return {
    activity(): void {
      const now = deps.now();
      if (now - last < RESET_EVERY_MS) return;
      last = now;
    },
    stop(): void {
      stopped = true;
      deps.clearTimer(timer);
    },
  };
}
