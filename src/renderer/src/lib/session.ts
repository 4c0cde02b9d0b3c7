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

/** Forget everything the previous person could see, then show the sign-in screen. */
export function forgetSession(queryClient: QueryClient): void {
  queryClient.removeQueries({
    predicate: (query) => query.queryKey[0] !== 'auth/session' && query.queryKey[0] !== 'auth/setupStatus',
  });
  queryClient.setQueryData(sessionKey, null);
}
