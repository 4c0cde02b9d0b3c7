import type { z } from 'zod';
import { auditChannels } from './channels/audit';
import { appointmentChannels } from './channels/appointments';
import type { JobFinished, JobProgress } from './dto/jobs';
import type { ImportProgress } from './dto/imports';
import { authChannels } from './channels/auth';
import { backupChannels } from './channels/backups';
import type { Access, ChangeScope, DataKind } from './channels/define';
import { departmentChannels } from './channels/departments';
import { doctorChannels } from './channels/doctors';
import { patientChannels } from './channels/patients';
import { settingsChannels } from './channels/settings';
import { exportChannels } from './channels/exports';
import { followUpChannels } from './channels/followUps';
import { importChannels } from './channels/imports';
import { jobChannels } from './channels/jobs';
import { mailChannels } from './channels/mail';
import { networkChannels } from './channels/network';
import { outboxChannels } from './channels/outbox';
import { treatmentChannels } from './channels/treatments';
import { reportChannels } from './channels/reports';
import { staffChannels } from './channels/staff';
import { thisPcChannels } from './channels/thisPc';
import { statsChannels } from './channels/stats';

/**
 * The single source of truth for every request the renderer (or the CLI, or the browser
 * preview) can make of main. Each domain declares its channels in `channels/<domain>.ts` as
 * `domain/verb` with its input schema, the roles that may call it and the type of its value;
 * this map merges them.
 */
export const channels = {
  ...authChannels,
  ...patientChannels,
  ...staffChannels,
  ...backupChannels,
  ...departmentChannels,
  ...doctorChannels,
  ...auditChannels,
  ...settingsChannels,
  ...appointmentChannels,
  ...treatmentChannels,
  ...mailChannels,
  ...outboxChannels,
  ...jobChannels,
  ...reportChannels,
  ...exportChannels,
  ...statsChannels,
  ...networkChannels,
  ...importChannels,
  ...followUpChannels,
  ...thisPcChannels,
} as const;

export type {
  Access,
  AppointmentSlice,
  AppointmentSpot,
  ChangeScope,
  ChannelSpec,
  DataEffect,
  DataKind,
} from './channels/define';
export { changesOf, DATA_KINDS, readsOf, writes } from './channels/define';
export { loginInput, setupInput } from './channels/auth';
export {
  patientDeactivateInput,
  patientFields,
  patientRegisterInput,
  patientsListInput,
  patientUpdateInput,
} from './channels/patients';
export { cancelInput, completeInput } from './channels/appointments';
export { amendTreatmentInput } from './channels/treatments';
export { mailSettingsInput, sendTestInput } from './channels/mail';
export { exportRangeInput } from './channels/exports';
export { statsInput } from './channels/stats';

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
  /**
   * Some stored data changed: `tables` names the kinds (sorted, no repeats), so each window
   * refetches only the queries whose channel `reads` one of them. Sent by the Dispatcher after a
   * successful call of a channel that declares `changes`, and by background work that writes.
   * `scope`, when present, narrows some kinds to where they changed (a write channel's `scopeOf`,
   * e.g. the doctor's day of a booking); `changeTouches` (src/shared/changeScope.ts) judges it.
   */
  'data/changed': { tables: DataKind[]; scope?: ChangeScope };
  /** The session of this window ended (sign-out, idle lock, account deactivated). */
  'session/ended': { reason: 'signed-out' | 'idle' | 'revoked' };
  /** A background job made progress (export rows written so far). */
  'jobs/progress': JobProgress;
  /** A background job or export finished or failed; no patient data. */
  'jobs/finished': JobFinished;
  /** A patient import made progress (rows read so far). */
  'imports/progress': ImportProgress;
}
export type EventName = keyof EventMap;
export const EVENT_NAMES: EventName[] = [
  'data/changed',
  'session/ended',
  'jobs/progress',
  'jobs/finished',
  'imports/progress',
];

export function describeAccess(access: Access): string {
  if (access === 'public') return 'anyone, signed in or not';
  if (access === 'signed-in') return 'any signed-in user';
  return access.join(', ');
}
