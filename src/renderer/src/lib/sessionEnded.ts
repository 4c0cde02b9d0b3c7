import { useSyncExternalStore } from 'react';
import type { EventMap } from '../../../shared/contract';

type Reason = EventMap['session/ended']['reason'];

/**
 * Why this window's last session ended, so the sign-in screen can say "locked after N minutes"
 * rather than appear out of nowhere. One value per window, like the transport.
 */
let reason: Reason | null = null;
const listeners = new Set<() => void>();

export function noteSessionEnded(next: Reason | null): void {
  reason = next;
  for (const listener of listeners) listener();
}

export function useSessionEndedReason(): Reason | null {
  return useSyncExternalStore(
    (onChange) => {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    () => reason,
  );
}
