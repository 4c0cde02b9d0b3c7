import { QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './apiError';
import { forgetSession } from './session';

/** Codes that will not change by asking again: retrying only delays the message. */
const FINAL_CODES = new Set(['invalid_input', 'unauthenticated', 'forbidden', 'not_found', 'setup_required']);

export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        // A session can end behind our back (idle lock, server restart): go back to sign-in.
        if (error instanceof ApiError && error.code === 'unauthenticated') forgetSession(queryClient);
      },
    }),
    defaultOptions: {
      queries: {
        retry: (failureCount, error) =>
          !(error instanceof ApiError && FINAL_CODES.has(error.code)) && failureCount < 2,
        refetchOnWindowFocus: false,
        staleTime: 15_000,
      },
    },
  });
  return queryClient;
}
