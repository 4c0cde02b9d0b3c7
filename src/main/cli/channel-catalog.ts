import { z } from 'zod';
import { channels, CHANNEL_NAMES, describeAccess, type ChannelName } from '../../shared/contract';
import { ROLES, type Role } from '../../shared/roles';

export interface ChannelEntry {
  name: ChannelName;
  summary: string;
  /** Roles allowed to call it; 'public' channels need no sign-in. */
  roles: Role[] | 'public';
  mutates: boolean;
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
      mutates: spec.mutates,
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
