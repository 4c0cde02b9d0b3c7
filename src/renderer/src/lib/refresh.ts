import type { QueryClient } from '@tanstack/react-query';

/**
 * Refetch the data this window shows after it changed something itself. Main also broadcasts
 * `data/changed`, but this window should not wait for the push to see its own change.
 */
export function refreshData(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({
    predicate: (query) => !String(query.queryKey[0]).startsWith('auth/'),
  });
}
