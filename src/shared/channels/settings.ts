import { z } from 'zod';
import { define, emptyInput as empty } from './define';

/** What an administrator sees and edits on the Settings screen. */
export interface AdminSettings {
  clinicName: string;
  clinicAddress: string;
  clinicPhone: string;
  timeZone: string;
  idleLockMinutes: number;
}

/** What every signed-in screen may need: nothing sensitive. */
export interface PublicSettings {
  clinicName: string;
  timeZone: string;
  idleLockMinutes: number;
}

export const IDLE_LOCK_LIMITS = { min: 1, max: 240, default: 10 } as const;

export const idleLockMinutes = z
  .number({ error: 'Enter the number of minutes.' })
  .int('Enter whole minutes.')
  .min(IDLE_LOCK_LIMITS.min, `Lock after at least ${IDLE_LOCK_LIMITS.min} minute.`)
  .max(IDLE_LOCK_LIMITS.max, `Lock after at most ${IDLE_LOCK_LIMITS.max} minutes.`);

/** The zone is checked against the runtime's IANA database in main (and in the form). */
export const settingsUpdateInput = z.strictObject({
  clinicName: z
    .string()
    .trim()
    .min(1, "Enter the clinic's name.")
    .max(120, 'The name must be at most 120 characters.'),
  clinicAddress: z.string().trim().max(300, 'The address must be at most 300 characters.'),
  clinicPhone: z.string().trim().max(40, 'The phone number must be at most 40 characters.'),
  timeZone: z
    .string()
    .trim()
    .min(1, 'Choose a time zone.')
    .max(64, 'Choose a time zone from the list.')
    .refine(isValidTimeZoneName, 'Choose a time zone from the list, for example Europe/London.'),
  idleLockMinutes,
});

/** Intl knows the runtime's zones; works the same in the renderer and in main. */
export function isValidTimeZoneName(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export const settingsChannels = {
  'settings/get': define<AdminSettings>()({
    input: empty,
    access: ['admin'],
    summary: "The clinic's settings: name, address, phone, time zone, idle lock.",
    reads: ['settings'],
  }),
  'settings/public': define<PublicSettings>()({
    input: empty,
    access: 'signed-in',
    summary: 'Clinic name, time zone and idle lock minutes, for every signed-in screen.',
    reads: ['settings'],
  }),
  'settings/update': define<AdminSettings>()({
    input: settingsUpdateInput,
    access: ['admin'],
    summary: "Change the clinic's name, address, phone, time zone or idle lock.",
    changes: ['settings'],
  }),
} as const;
