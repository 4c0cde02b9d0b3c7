import type { MutationOptions, QueryClient, QueryKey } from '@tanstack/react-query';
import {
  changesOf,
  channels,
  isChannelName,
  readsOf,
  type ChannelInput,
  type ChannelName,
  type ChannelResult,
  type DataKind,
} from '../../../shared/contract';

/** Query keys start with the channel name, so a data change can find the queries that read it. */
export const channelQueryKey = <C extends ChannelName>(channel: C, input: ChannelInput<C>) =>
  [channel, input] as const;

/**
 * Whether a query shows any of the changed kinds. Every query's key starts with its channel
 * (`channelQueryKey`), and each read channel declares in the contract the kinds it `reads`, so
 * no screen keeps a list of its own. Writes, and reads that sign-in drives (`auth/*`), read none.
 */
export function readsAnyOf(queryKey: QueryKey, changed: readonly DataKind[]): boolean {
  const channel = queryKey[0];
  if (!isChannelName(channel)) return false;
  return readsOf(channels[channel]).some((kind) => changed.includes(kind));
}

/**
 * Refetch what a `data/changed` event can have altered: only the queries reading one of its kinds
 * (active ones at once; the others are marked stale and refetch when next shown).
 */
export function refetchChanged(queryClient: QueryClient, changed: readonly DataKind[]): Promise<void> {
  return queryClient.invalidateQueries({ predicate: (query) => readsAnyOf(query.queryKey, changed) });
}

/**
 * After this window's own successful write: refetch what that channel declares it `changes`, at
 * once, rather than waiting for main's `data/changed` push (which follows for every window).
 * `useChannelMutation` calls it for every write, so no screen can forget it.
 */
export function refetchAfterWrite(queryClient: QueryClient, channel: ChannelName): Promise<void> {
  return refetchChanged(queryClient, changesOf(channels[channel]));
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
    onSuccess: () => {
      void refetchAfterWrite(queryClient, channel);
    },
  };
}
