import { z } from 'zod';
import type { FollowUpItem } from '../dto/follow-ups';
import { define } from './define';
import { recordId } from './fields';

export const followUpListInput = z.strictObject({
  /** Open follow-ups due in the next 7 days, already overdue, or every open one. */
  view: z
    .enum(['week', 'overdue', 'open'], { error: 'Choose this week, overdue or all open.' })
    .default('week'),
  doctorId: recordId('doctor').optional(),
  /** One patient's follow-ups only (the patient's profile). */
  patientId: recordId('patient').optional(),
  limit: z.number().int().min(1).max(500).default(200),
});

export const followUpChannels = {
  'followUps/list': define<FollowUpItem[]>()({
    input: followUpListInput,
    access: ['admin', 'reception', 'doctor'],
    summary: "Open follow-ups (a doctor's next-visit dates) due this week, overdue, or all; by doctor.",
    mutates: false,
  }),
  'followUps/markNotNeeded': define<FollowUpItem>()({
    input: z.strictObject({ id: recordId('follow-up') }),
    access: ['admin', 'doctor'],
    summary: 'Close an open follow-up as not needed (the doctor of the visit, or an administrator).',
    mutates: true,
  }),
} as const;
