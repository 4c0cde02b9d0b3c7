import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { ChannelInput, ChannelName, ChannelResult } from '../../../shared/contract';
import { ApiError } from './apiError';
import { channelQueryKey, channelWriteOptions } from './dataChanged';
import { transport } from './transport';

export { ApiError, errorMessage } from './apiError';

/** Calls one contract channel; the value on success, an ApiError otherwise. */
export async function call<C extends ChannelName>(
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelResult<C>> {
  const result = await transport().invoke(channel, input);
  if (!result.ok) throw new ApiError(result.error);
  // The transport is untyped by nature; the contract guarantees this channel's value type.
  return result.value as ChannelResult<C>;
}

export { channelQueryKey };

interface ChannelQueryOptions {
  enabled?: boolean;
  /** Keep showing the previous page while the next one loads (search as you type, paging). */
  keepPrevious?: boolean;
  /** How long an answer counts as fresh (ms); the client's default otherwise. */
  staleTime?: number;
}

export function useChannelQuery<C extends ChannelName>(
  channel: C,
  input: ChannelInput<C>,
  options: ChannelQueryOptions = {},
): UseQueryResult<ChannelResult<C>, ApiError> {
  return useQuery<ChannelResult<C>, ApiError>({
    queryKey: channelQueryKey(channel, input),
    queryFn: () => call(channel, input),
    enabled: options.enabled ?? true,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
    ...(options.staleTime === undefined ? {} : { staleTime: options.staleTime }),
  });
}

/**
 * A write through one channel; on success what it changes refetches (`channelWriteOptions`)
 * before the caller's own `onSuccess` runs.
 */
export function useChannelMutation<C extends ChannelName>(
  channel: C,
): UseMutationResult<ChannelResult<C>, ApiError, ChannelInput<C>> {
  return useMutation(channelWriteOptions(useQueryClient(), channel, call));
}
