import { useState } from 'react';
import type { ChannelInput } from '../../../shared/contract';
import { useChannelQuery } from './api';
import { pageCount } from './paging';

/** The lists that answer a page (`offset`, `limit` in; `items`, `total` out). */
export type PagedChannel = 'audit/list' | 'patients/list';

type Filters<C extends PagedChannel> = Omit<ChannelInput<C>, 'offset' | 'limit'>;

/**
 * One page of a list at a time: the page number, the query for it (the previous page stays on
 * screen while the next loads), and the last page. Changing a filter goes back to page 1
 * (`firstPage`); rows removed elsewhere never strand the view past the end.
 */
export function usePagedList<C extends PagedChannel>(
  channel: C,
  filters: Filters<C>,
  options: { pageSize: number; enabled?: boolean },
) {
  const [page, setPage] = useState(1);
  const input = {
    ...filters,
    offset: (page - 1) * options.pageSize,
    limit: options.pageSize,
  } as ChannelInput<C>;
  const query = useChannelQuery(channel, input, { enabled: options.enabled ?? true, keepPrevious: true });
  const total = query.data?.total ?? 0;
  const lastPage = pageCount(total, options.pageSize);
  // Adjusting state while rendering (not in an effect) avoids a wasted render with an empty page.
  if (query.data && page > lastPage) setPage(lastPage);
  return { query, page, setPage, lastPage, total, firstPage: () => setPage(1) };
}
