import { z } from 'zod';
import type { Role } from '../roles';

/** Who may call a channel: anyone, any signed-in user, or the listed roles. */
export type Access = 'public' | 'signed-in' | readonly Role[];

export interface ChannelSpec<I extends z.ZodType, R> {
  input: I;
  access: Access;
  summary: string;
  /** Type-level only: never read at run time. */
  result?: R;
  /** True when the call changes stored data (drives data-changed events and audit). */
  mutates: boolean;
}

/** `define<Result>()({ input, access, summary, mutates })`: a channel whose value type is Result. */
export const define =
  <R>() =>
  <I extends z.ZodType>(spec: Omit<ChannelSpec<I, R>, 'result'>): ChannelSpec<I, R> =>
    spec;

/** Input of a channel that takes no arguments: `{}` and nothing else. */
export const emptyInput = z.strictObject({});
