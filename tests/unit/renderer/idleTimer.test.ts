import { describe, expect, it } from 'vitest';
import { createIdleTimer } from '../../../src/renderer/src/lib/idleTimer';

/** Hand-driven timers: `run(ms)` moves time on and fires what is due, in order. */
function fakeTimers() {
  let now = 0;
  let nextId = 1;
  const pending = new Map<number, { at: number; fire: () => void }>();
  return {
    deps: {
      now: () => now,
      setTimer: (fire: () => void, ms: number) => {
        pending.set(nextId, { at: now + ms, fire });
        return nextId++;
      },
      clearTimer: (id: number) => void pending.delete(id),
    },
    run(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...pending.entries()]
          .filter(([, t]) => t.at <= until)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].fire();
      }
      now = until;
    },
    pendingCount: () => pending.size,
  };
}

describe('idle timer', () => {
  it('fires once after the idle time without activity', () => {
    const timers = fakeTimers();
    let fired = 0;
    createIdleTimer(10 * 60_000, () => fired++, timers.deps);
    timers.run(10 * 60_000 - 1);
    expect(fired).toBe(0);
    timers.run(1);
    expect(fired).toBe(1);
    timers.run(60 * 60_000);
    expect(fired).toBe(1);
  });

  it('activity pushes the deadline back', () => {
    const timers = fakeTimers();
    let fired = 0;
    const timer = createIdleTimer(10 * 60_000, () => fired++, timers.deps);
    timers.run(9 * 60_000);
    timer.activity();
    timers.run(9 * 60_000);
    expect(fired).toBe(0);
    timers.run(60_000);
    expect(fired).toBe(1);
  });

  it('stops for good when the window unmounts', () => {
    const timers = fakeTimers();
    let fired = 0;
    const timer = createIdleTimer(60_000, () => fired++, timers.deps);
    timer.stop();
    timers.run(10 * 60_000);
    expect(fired).toBe(0);
    expect(timers.pendingCount()).toBe(0);
  });
});
