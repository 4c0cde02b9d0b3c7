import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ChannelInput } from '../../../../shared/contract';
import { call, channelQueryKey, useChannelQuery } from '../../lib/api';

/** Main memoises the figures for five minutes; holding them longer or shorter here buys nothing. */
export const STATS_STALE_MS = 5 * 60 * 1000;

type StatsChannel = 'stats/dashboard' | 'stats/doctor';

/**
 * The figures of one stats channel: cached like main caches them, refetched when main reports a
 * change of a kind the channel reads (useServerEvents), and a refresh that makes main
 * count again instead of answering from its memo.
 */
export function useStats<C extends StatsChannel>(channel: C) {
  const queryClient = useQueryClient();
  // Both stats channels take the same input; TypeScript cannot see that through the generic.
  const cached = {} as ChannelInput<C>;
  const forced = { force: true } as ChannelInput<C>;
  const query = useChannelQuery(channel, cached, { staleTime: STATS_STALE_MS });
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<unknown>(null);

  const refresh = async (): Promise<void> => {
    setRefreshing(true);
    setRefreshError(null);
    try {
      const fresh = await call(channel, forced);
      queryClient.setQueryData(channelQueryKey(channel, cached), fresh);
    } catch (error) {
      setRefreshError(error);
    } finally {
      setRefreshing(false);
    }
  };
  return { query, refresh, refreshing, refreshError };
}

/**
 * Main's clock now, for ages such as "updated N s ago" and "last backup 3 h ago": the instant main
 * served the figures plus the time this screen has held them. Only differences of the screen's own
 * clock are used, so a PC whose clock is off (or a preview run on a fixed clock) shows true ages.
 */
export function useServerNow(
  servedAt: string | undefined,
  receivedAt: number,
  intervalMs = 1000,
): number | undefined {
  const now = useNow(intervalMs);
  if (servedAt === undefined) return undefined;
  return Date.parse(servedAt) + Math.max(0, now - receivedAt);
}

/** The current time, re-read every `intervalMs`. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
