import type { MutationOptions, QueryClient, QueryKey } from '@tanstack/react-query';
import {
  changesOf,
  channels,
  type ChannelInput,
  type ChannelName,
  type ChannelResult,
  type EventMap,
} from '../../../shared/contract';
import { changeTouches, scopeOfWrite } from '../../../shared/changeScope';

/** Query keys start with the channel name, so a data change can find the queries that read it. */
export const channelQueryKey = <C extends ChannelName>(channel: C, input: ChannelInput<C>) =>
  [channel, input] as const;

/**
 * Whether a `data/changed` event can have altered a query's answer. Every query's key starts with
 * its channel and input (`channelQueryKey`), each read channel declares in the contract the kinds
 * it `reads` (and, for appointments, the slice it shows), and the event says which kinds changed
 * (and where): `changeTouches` judges it, the same check the bench's simulated PCs make. Writes,
 * and reads that sign-in drives (`auth/*`), read none.
 */
export function touchedBy(queryKey: QueryKey, change: EventMap['data/changed']): boolean {
  return changeTouches(queryKey[0], queryKey[1], change);
}

/**
 * Refetch what a `data/changed` event can have altered: only the queries it touches (active ones
 * at once; the others are marked stale and refetch when next shown).
 */
export function refetchChanged(queryClient: QueryClient, change: EventMap['data/changed']): Promise<void> {
  return queryClient.invalidateQueries({ predicate: (query) => touchedBy(query.queryKey, change) });
}

/**
 * After this window's own successful write: refetch what that channel declares it `changes` (where
 * its answer says, as main's push will), at once, rather than waiting for main's `data/changed` push (which follows for every window).
 * `useChannelMutation` calls it for every write, so no screen can forget it.
 */
export function refetchAfterWrite(
  queryClient: QueryClient,
  channel: ChannelName,
  /** The call's answer, which may narrow where it changed data; without it, changed anywhere. */
  value?: unknown,
): Promise<void> {
  const scope = value === undefined ? undefined : scopeOfWrite(channel, value);
  return refetchChanged(queryClient, {
    tables: [...changesOf(channels[channel])],
    ...(scope ? { scope } : {}),
  });
}

/**
 * The options of every write (`useChannelMutation`): `send` makes the call, and on success the
 * queries reading what the channel changes refetch (`refetchAfterWrite`) before the caller's own
 * `onSuccess` runs, so no screen can forget to show its own change.
 */
export function channelWriteOptions<C extends ChannelName, E>(
  queryClient: QueryClient,
  channel: C,
  send: (channel: C, input: ChannelInput<C>) => Promise<ChannelResult<C>>,
): MutationOptions<ChannelResult<C>, E, ChannelInput<C>> {
  return {
    mutationFn: (input) => send(channel, input),
    onSuccess: (value) => {
      void refetchAfterWrite(queryClient, channel, value);
    },
  };
}
