import { z } from 'zod';
import type { ExportItem } from '../dto/jobs';
import { define } from './define';
import { requiredText } from './fields';

const isoDate = z.iso.date('Enter the date as YYYY-MM-DD.');
const id = z.strictObject({ id: z.number().int().positive() });
/**
 * The person who authorises sending a history says they checked with the patient that an email
 * address changed in the last 24 hours is really theirs. Without it such an export is refused.
 */
const confirmRecentEmailChange = z.boolean().default(false);

export const exportRangeInput = z
  .strictObject({ from: isoDate, to: isoDate })
  .refine((range) => range.from <= range.to, {
    message: 'The start date must not be after the end date.',
    path: ['to'],
  });

/**
 * Who may export what (docs/security.md, "Exports"): clinical history leaves the app only on a
 * doctor's or the administrator's authority. The front desk requests; a doctor of the patient or
 * the administrator approves or refuses; the file goes only to the address on file.
 */
export const exportChannels = {
  'exports/startHistory': define<{ exportId: number }>()({
    input: z.strictObject({ patientId: z.number().int().positive(), confirmRecentEmailChange }),
    access: ['admin', 'doctor'],
    summary:
      "Start a CSV export of a patient's full history (doctors: their own patients), emailed to the address on file; returns at once with its id.",
    mutates: true,
  }),
  'exports/requestHistory': define<{ exportId: number }>()({
    input: z.strictObject({ patientId: z.number().int().positive() }),
    access: ['reception'],
    summary:
      "Ask for a patient's history export; nothing is written or sent until a doctor or the administrator approves it.",
    mutates: true,
  }),
  'exports/approve': define<{ exportId: number }>()({
    input: z.strictObject({ id: z.number().int().positive(), confirmRecentEmailChange }),
    access: ['admin', 'doctor'],
    summary:
      "Approve a front-desk request (doctors: their own patients'): the history is written and emailed to the address on file.",
    mutates: true,
  }),
  'exports/refuse': define<ExportItem>()({
    input: z.strictObject({
      id: z.number().int().positive(),
      reason: requiredText(500, 'The reason', 'Say why the request is refused.'),
    }),
    access: ['admin', 'doctor'],
    summary: 'Refuse a front-desk export request with a reason; nothing is written or sent.',
    mutates: true,
  }),
  'exports/startRange': define<{ exportId: number }>()({
    input: exportRangeInput,
    access: ['admin'],
    summary: 'Start a CSV export of every appointment and treatment in a date range.',
    mutates: true,
  }),
  'exports/list': define<ExportItem[]>()({
    input: z.strictObject({ limit: z.number().int().min(1).max(200).default(50) }),
    access: ['admin', 'reception', 'doctor'],
    summary:
      'Recent exports this role may see (front desk: its own requests, without files; doctors: theirs and requests for their patients).',
    mutates: false,
  }),
  'exports/retry': define<{ exportId: number }>()({
    input: id,
    access: ['admin', 'doctor'],
    summary: 'Run a failed export again.',
    mutates: true,
  }),
  'exports/resend': define<ExportItem>()({
    input: id,
    access: ['admin', 'doctor'],
    summary: 'Email the file of a finished patient export again, to the same address if it is still on file.',
    mutates: true,
  }),
  'exports/reveal': define<{ shown: boolean; path: string }>()({
    input: id,
    access: ['admin', 'doctor'],
    summary: "Show the export's file in the system's file manager (desktop app), else its path.",
    mutates: false,
  }),
} as const;
