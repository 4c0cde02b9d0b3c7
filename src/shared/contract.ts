import { z } from 'zod';
import type { PatientSummary, Page, SessionInfo, SetupStatus, StaffSummary } from './dto';
import type { Role } from './roles';

/**
 * The single source of truth for every request the renderer (or the CLI, or the browser
 * preview) can make of main. Each channel is `domain/verb` with its input schema, the roles that
 * may call it and, through the phantom `result` field, the type of its value.
 */
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

const define =
  <R>() =>
  <I extends z.ZodType>(spec: Omit<ChannelSpec<I, R>, 'result'>): ChannelSpec<I, R> =>
    spec;

const username = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'Username must be at least 3 characters.')
  .max(40, 'Username must be at most 40 characters.')
  .regex(/^[a-z0-9._-]+$/, 'Username may contain only letters, digits, dots, dashes and underscores.');

const password = z
  .string()
  .min(10, 'Password must be at least 10 characters.')
  .max(200, 'Password must be at most 200 characters.');

const fullName = z.string().trim().min(1, 'Enter a name.').max(120, 'A name must be at most 120 characters.');

export const setupInput = z.strictObject({
  fullName,
  username,
  password,
});

export const loginInput = z.strictObject({
  username: z.string().trim().toLowerCase().min(1, 'Enter your username.').max(40, 'Unknown username.'),
  password: z.string().min(1, 'Enter your password.').max(200, 'Password is too long.'),
});

export const patientsListInput = z.strictObject({
  query: z.string().trim().max(100, 'Search text must be at most 100 characters.').default(''),
  includeInactive: z.boolean().default(false),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(200).default(50),
});

const empty = z.strictObject({});

export const channels = {
  'auth/setupStatus': define<SetupStatus>()({
    input: empty,
    access: 'public',
    summary: 'Whether the first administrator still has to be created, and demo logins in demo mode.',
    mutates: false,
  }),
  'auth/setup': define<SessionInfo>()({
    input: setupInput,
    access: 'public',
    summary: 'Create the first administrator on an empty database and sign them in.',
    mutates: true,
  }),
  'auth/login': define<SessionInfo>()({
    input: loginInput,
    access: 'public',
    summary: 'Sign in with username and password.',
    mutates: false,
  }),
  'auth/logout': define<null>()({
    input: empty,
    access: 'signed-in',
    summary: 'Sign out of this window.',
    mutates: false,
  }),
  'auth/session': define<SessionInfo | null>()({
    input: empty,
    access: 'public',
    summary: 'The person signed in to this window, or null.',
    mutates: false,
  }),
  'patients/list': define<Page<PatientSummary>>()({
    input: patientsListInput,
    access: ['admin', 'reception', 'doctor'],
    summary: 'Patients by name, phone or patient number, paged.',
    mutates: false,
  }),
  'staff/list': define<StaffSummary[]>()({
    input: empty,
    access: ['admin'],
    summary: 'Every staff account with its role and whether it is active.',
    mutates: false,
  }),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];

/** What a caller passes (defaults may be omitted). */
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
/** What a handler receives after validation. */
export type ChannelParsed<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelResult<C extends ChannelName> = Exclude<Channels[C]['result'], undefined>;

export const isChannelName = (name: unknown): name is ChannelName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);

/** Push events from main to every window: their names and payloads. */
export interface EventMap {
  /** Some stored data changed; `tables` lets screens refetch only what they show. */
  'data/changed': { tables: string[] };
  /** The session of this window ended (sign-out, idle lock, account deactivated). */
  'session/ended': { reason: 'signed-out' | 'idle' | 'revoked' };
}
export type EventName = keyof EventMap;
export const EVENT_NAMES: EventName[] = ['data/changed', 'session/ended'];

export function describeAccess(access: Access): string {
  if (access === 'public') return 'anyone, signed in or not';
  if (access === 'signed-in') return 'any signed-in user';
  return access.join(', ');
}
