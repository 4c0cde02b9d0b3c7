import { useSyncExternalStore } from 'react';

/**
 * The address fragment as React state. Hash routing needs no server rewrites and works from
 * file:// in Electron as well as from the preview server.
 */
function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const read = (): string => window.location.hash;

export function useHashRoute(): string {
  return useSyncExternalStore(subscribe, read);
}
