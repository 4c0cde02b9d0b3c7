import { z } from 'zod';
import type { Role } from '../roles';

/** Who may call a channel: anyone, any signed-in user, or the listed roles. */
export type Access = 'public' | 'signed-in' | readonly Role[];

/**
 * The kinds of stored data a window can show, one per table. A channel that writes names the kinds
 * it changes; one that reads names the kinds its answer is drawn from. `data/changed` events carry
 * these kinds, so a window refetches only what a change can have altered.
 */
export const DATA_KINDS = [
  'appointments',
  'audit_log',
  'departments',
  'doctor_availability',
  'doctor_exceptions',
  'doctors',
  'email_outbox',
  'exports',
  'follow_ups',
  'job_runs',
  'monthly_reports',
  'network_devices',
  'network_pairing_codes',
  'patients',
  'settings',
  'staff_users',
  'treatments',
] as const;
export type DataKind = (typeof DATA_KINDS)[number];

/**
 * What a call does to stored data; every channel declares exactly one of the two (a channel with
 * neither, or with both, does not compile):
 * - `changes`: it writes. After each successful call the Dispatcher broadcasts `data/changed` with
 *   these kinds; handlers never announce changes themselves. `[]` only for a write that no window
 *   shows (its effect is on this PC's files or after a restart); `tests/integration/core/data-events
 *   .test.ts` fails when a call writes the database and declares no kinds.
 * - `reads`: it only reads. A window refetches this channel's queries when one of these kinds
 *   changes (`[]`: data changes never alter the answer, or sign-in drives it instead).
 */
export type DataEffect =
  { changes: readonly DataKind[]; reads?: never } | { reads: readonly DataKind[]; changes?: never };

interface ChannelBase<I extends z.ZodType> {
  input: I;
  access: Access;
  summary: string;
}

/** One doctor's local day (YYYY-MM-DD, the clinic's time zone) that a write changed appointments on. */
export interface AppointmentSpot {
  doctorId: number;
  departmentId: number;
  date: string;
}

/** The appointments a read's answer is drawn from: the local days `from` … `from + days - 1` of one
 * doctor, one department, or (neither) the whole clinic. */
export interface AppointmentSlice {
  doctorId?: number | undefined;
  departmentId?: number | undefined;
  from: string;
  days: number;
}

/**
 * Where a write changed data, narrower than its kinds, carried by `data/changed` as `scope`. A kind
 * the scope does not name changed anywhere (every query reading it refetches), so a write that
 * cannot name its scope, or names too much, only ever costs a refetch, never a stale screen.
 */
export interface ChangeScope {
  /** Every doctor-day the write touched (before and after, for a move); the whole list or nothing. */
  appointments?: AppointmentSpot[];
}

/**
 * Optional narrowing of a channel's data effect, checked by `src/shared/changeScope.ts`:
 * - `scopeOf` (writes): where a successful call changed data, from its answer.
 * - `appointmentsSlice` (reads): which appointments the answer is drawn from, from its parsed
 *   input; a read without it is refetched on any change to appointments.
 */
interface Narrowing<I extends z.ZodType, R> {
  scopeOf?: (value: R) => ChangeScope;
  appointmentsSlice?: (input: z.output<I>) => AppointmentSlice;
}

export type ChannelSpec<I extends z.ZodType, R> = ChannelBase<I> &
  DataEffect &
  Narrowing<I, R> & {
    /** Type-level only: never read at run time. */
    result?: R;
  };

/** `define<Result>()({ input, access, summary, changes | reads })`: a channel whose value type is Result. */
export const define =
  <R>() =>
  <I extends z.ZodType, const E extends DataEffect>(
    spec: ChannelBase<I> & E & Narrowing<I, R>,
  ): ChannelBase<I> & E & Narrowing<I, R> & { result?: R } =>
    spec as ChannelBase<I> & E & Narrowing<I, R> & { result?: R };

/** The kinds a successful call of this channel changes ([] for a read). */
export const changesOf = (spec: DataEffect): readonly DataKind[] => spec.changes ?? [];

/** The kinds a read's answer is drawn from ([] for a write). */
export const readsOf = (spec: DataEffect): readonly DataKind[] => spec.reads ?? [];

/** Whether the channel writes stored data (the CLI catalogue shows it). */
export const writes = (spec: DataEffect): boolean => spec.changes !== undefined;

/** Input of a channel that takes no arguments: `{}` and nothing else. */
export const emptyInput = z.strictObject({});
