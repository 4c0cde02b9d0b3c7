import { z } from 'zod';
import type { MailSettingsView, OutboxItem } from '../dto/jobs';
import { define, emptyInput as empty } from './define';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time as HH:MM, e.g. 08:00.');

export const mailSettingsInput = z.strictObject({
  host: z
    .string()
    .trim()
    .max(255, 'The server name must be at most 255 characters.')
    .regex(/^[A-Za-z0-9.:[\]-]*$/, 'Enter a server name such as smtp.example.org, without spaces.'),
  port: z
    .number({ error: 'Enter the port as a number.' })
    .int('Enter the port as a whole number.')
    .min(1, 'The port is a number from 1 to 65535.')
    .max(65535, 'The port is a number from 1 to 65535.'),
  security: z.enum(['starttls', 'tls', 'none'], { error: 'Choose how the connection is secured.' }),
  username: z.string().trim().max(255, 'The user name must be at most 255 characters.'),
  fromAddress: z.union([
    z.literal(''),
    z.email('Enter the sender address as name@example.org.').max(254, 'That address is too long.'),
  ]),
  /** Omitted: keep the stored password. Empty string: remove it. */
  password: z.string().max(1024, 'The password is too long.').optional(),
  reminderTime: time,
  reportDay: z
    .number({ error: 'Enter the day of the month as a number.' })
    .int('Enter a whole day of the month.')
    .min(1, 'Choose a day from 1 to 28 (every month has those).')
    .max(28, 'Choose a day from 1 to 28 (every month has those).'),
  reportTime: time,
});

export const sendTestInput = z.strictObject({
  to: z.email('Enter the address to send the test to, as name@example.org.').max(254),
});

export const mailChannels = {
  'mail/getSettings': define<MailSettingsView>()({
    input: empty,
    access: ['admin'],
    summary: 'SMTP server, sender and job times; whether a password is stored (never the password).',
    mutates: false,
  }),
  'mail/saveSettings': define<MailSettingsView>()({
    input: mailSettingsInput,
    access: ['admin'],
    summary: 'Save SMTP settings and job times; the password only into the secure store.',
    mutates: true,
  }),
  'mail/sendTest': define<OutboxItem>()({
    input: sendTestInput,
    access: ['admin'],
    summary: 'Queue a test email through the outbox and try to send it at once.',
    mutates: true,
  }),
} as const;
