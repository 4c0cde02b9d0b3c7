import { useEffect, useRef } from 'react';
import { ACTIVITY_EVENTS, createIdleTimer } from './idleTimer';

/**
 * Locks this window after `minutes` without keyboard, mouse or touch input (the idle-lock setting).
 * Main ends an idle session on its own too; this makes the screen follow at the same moment.
 */
export function useIdleLock(minutes: number | undefined, onIdle: () => void): void {
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  });

  useEffect(() => {
    if (!minutes) return;
    const timer = createIdleTimer(minutes * 60_000, () => onIdleRef.current(), {
      now: () => Date.now(),
      setTimer: (fire, ms) => window.setTimeout(fire, ms),
      clearTimer: (id) => window.clearTimeout(id),
    });
    const activity = (): void => timer.activity();
    for (const name of ACTIVITY_EVENTS) {
      window.addEventListener(name, activity, { capture: true, passive: true });
    }
    return () => {
      timer.stop();
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, activity, { capture: true });
    };
  }, [minutes]);
}
