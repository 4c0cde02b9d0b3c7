import { z } from 'zod';
import type { SessionInfo, SetupStatus } from '../dto';
import { define, emptyInput as empty } from './define';

export const username = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'Username must be at least 3 characters.')
  .max(40, 'Username must be at most 40 characters.')
  .regex(/^[a-z0-9._-]+$/, 'Username may contain only letters, digits, dots, dashes and underscores.');

export const password = z
  .string()
  .min(10, 'Password must be at least 10 characters.')
  .max(200, 'Password must be at most 200 characters.');

export const fullName = z
  .string()
  .trim()
  .min(1, 'Enter a name.')
  .max(120, 'A name must be at most 120 characters.');

export const setupInput = z.strictObject({
  fullName,
  username,
  password,
});

export const loginInput = z.strictObject({
  username: z.string().trim().toLowerCase().min(1, 'Enter your username.').max(40, 'Unknown username.'),
  password: z.string().min(1, 'Enter your password.').max(200, 'Password is too long.'),
});

export const changePasswordInput = z
  .strictObject({
    currentPassword: z.string().min(1, 'Enter your current password.').max(200, 'Password is too long.'),
    newPassword: password,
  })
  .refine((value) => value.currentPassword !== value.newPassword, {
    path: ['newPassword'],
    message: 'Choose a password different from the current one.',
  });

/** Why this window signs out: the person asked, or the idle lock did it for them. */
export const logoutInput = z.strictObject({
  reason: z.enum(['signed-out', 'idle']).default('signed-out'),
});

export const authChannels = {
  'auth/setupStatus': define<SetupStatus>()({
    input: empty,
    access: 'public',
    summary: 'Whether the first administrator still has to be created, and demo logins in demo mode.',
    reads: [],
  }),
  'auth/setup': define<SessionInfo>()({
    input: setupInput,
    access: 'public',
    summary: 'Create the first administrator on an empty database and sign them in.',
    changes: ['staff_users'],
  }),
  'auth/login': define<SessionInfo>()({
    input: loginInput,
    access: 'public',
    summary: 'Sign in with username and password.',
    // The account's last sign-in (shown on Staff) and its failed-attempt count.
    changes: ['staff_users'],
  }),
  'auth/logout': define<null>()({
    input: logoutInput,
    access: 'signed-in',
    summary: 'Sign out of this window.',
    reads: [],
  }),
  'auth/session': define<SessionInfo | null>()({
    input: empty,
    access: 'public',
    summary: 'The person signed in to this window, or null.',
    reads: [],
  }),
  'auth/changePassword': define<null>()({
    input: changePasswordInput,
    access: 'signed-in',
    summary: 'Change your own password (the current one is asked for again).',
    changes: ['staff_users'],
  }),
} as const;
