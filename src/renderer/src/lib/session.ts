import type { QueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '../../../shared/dto';
import { channelQueryKey, useChannelQuery } from './api';

const sessionKey = channelQueryKey('auth/session', {});
const setupStatusKey = channelQueryKey('auth/setupStatus', {});

/** The signed-in person, or null; undefined while the first answer is on its way. */
export const useSession = () => useChannelQuery('auth/session', {});

export function rememberSignIn(queryClient: QueryClient, session: SessionInfo): void {
  queryClient.setQueryData(sessionKey, session);
  // After first-run setup the answer changed; refetch rather than guess.
  void queryClient.invalidateQueries({ queryKey: setupStatusKey });
}

/**
 * Forget everything the previous person could see, then show the sign-in screen: every cached
 * answer goes, and so does the screen in the address, so the next person starts on their own
 * role's home screen. Every way a session ends comes here (Sign out, the idle lock, the server's
 * "session ended" event, an unauthenticated answer), whichever of them arrives first.
 */
export function forgetSession(queryClient: QueryClient): void {
  if (typeof window !== 'undefined' && window.location.hash !== '') {
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  // The session answer is set to "nobody", never removed: Root watches that very query, and an
  // observer of a removed query keeps its old answer, so the app would stay on the last screen.
  queryClient.setQueryData(sessionKey, null);
  // Everything else goes; only the clinic's public sign-in facts (name, whether setup is needed)
  // and the now-empty session answer stay: no personal data.
  queryClient.removeQueries({
    predicate: (query) => query.queryKey[0] !== 'auth/setupStatus' && query.queryKey[0] !== 'auth/session',
  });
  queryClient.getMutationCache().clear();
}
