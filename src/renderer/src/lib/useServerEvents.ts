import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { EventMap } from '../../../shared/contract';
import { forgetSession } from './session';
import { noteSessionEnded } from './sessionEnded';
import { transport } from './transport';

/**
 * Keeps the screens in step with main: refetch what is shown when data changes elsewhere (another
 * window, a job), and return to sign-in when this window's session ends.
 */
export function useServerEvents(): void {
  const queryClient = useQueryClient();

  useEffect(
    () =>
      transport().onEvent((event, payload) => {
        if (event === 'data/changed') {
          // Only active queries refetch, so invalidating every data query is cheap and never stale;
          // auth queries are not data and are driven by sign-in/out instead.
          void queryClient.invalidateQueries({
            predicate: (query) => !String(query.queryKey[0]).startsWith('auth/'),
          });
        } else if (event === 'session/ended') {
          noteSessionEnded((payload as EventMap['session/ended']).reason);
          forgetSession(queryClient);
        }
      }),
    [queryClient],
  );
}
