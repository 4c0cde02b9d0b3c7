import { z } from 'zod';
import {
  changesOf,
  channels,
  CHANNEL_NAMES,
  describeAccess,
  writes,
  type ChannelName,
  type DataKind,
} from '../../shared/contract';
import { ROLES, type Role } from '../../shared/roles';

export interface ChannelEntry {
  name: ChannelName;
  summary: string;
  /** Roles allowed to call it; 'public' channels need no sign-in. */
  roles: Role[] | 'public';
  /** Whether it writes stored data (it declares `changes` in the contract). */
  mutates: boolean;
  /** The kinds of data a successful call changes, broadcast as `data/changed`. */
  changes: DataKind[];
  input: unknown;
}

/** Every contract channel with its JSON schema and roles, derived from the zod schemas. */
export function channelCatalog(): ChannelEntry[] {
  return CHANNEL_NAMES.map((name) => {
    const spec = channels[name];
    const access = spec.access;
    return {
      name,
      summary: spec.summary,
      roles: access === 'public' ? 'public' : access === 'signed-in' ? [...ROLES] : [...access],
      mutates: writes(spec),
      changes: [...changesOf(spec)],
      input: z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }),
    };
  });
}

export function formatCatalog(entries: ChannelEntry[]): string {
  const width = Math.max(...entries.map((e) => e.name.length));
  return entries
    .map(
      (e) =>
        `${e.name.padEnd(width)}  ${describeAccess(e.roles === 'public' ? 'public' : e.roles).padEnd(28)}  ${e.summary}`,
    )
    .join('\n');
}
