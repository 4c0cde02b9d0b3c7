import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { EventMap } from '../../../shared/contract';
import { refetchChanged } from './dataChanged';
import { forgetSession } from './session';
import { noteSessionEnded } from './sessionEnded';
import { transport } from './transport';

/**
 * Keeps the screens in step with main: refetch what is shown when data it reads changes (in this
 * or another window, or in a job), and return to sign-in when this window's session ends.
 */
export function useServerEvents(): void {
  const queryClient = useQueryClient();

  useEffect(
    () =>
      transport().onEvent((event, payload) => {
        if (event === 'data/changed') {
          // Only the queries the change can touch: their channel reads a changed kind where it
          // changed (auth queries read none: sign-in and sign-out drive them instead).
          void refetchChanged(queryClient, payload as EventMap['data/changed']);
        } else if (event === 'session/ended') {
          noteSessionEnded((payload as EventMap['session/ended']).reason);
          forgetSession(queryClient);
        }
      }),
    [queryClient],
  );
}
