import { z } from 'zod';
import type { Page } from '../dto';
import { calendarDate } from '../time-of-day';
import { define, DATA_KINDS } from './define';

export interface AuditEntry {
  id: number;
  /** ISO instant (UTC). */
  at: string;
  userId: number | null;
  username: string;
  action: string;
  entity: string;
  entityId: string | null;
  summary: string;
}

export interface AuditPage extends Page<AuditEntry> {
  /** Every entity name the log holds, for the filter. */
  entities: string[];
}

export const auditListInput = z
  .strictObject({
    userId: z.number().int().positive().nullable().default(null),
    entity: z.string().trim().max(40, 'Unknown entity.').nullable().default(null),
    /** Calendar dates in the clinic time zone, both included. */
    from: calendarDate.nullable().default(null),
    to: calendarDate.nullable().default(null),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .refine((value) => value.from === null || value.to === null || value.from <= value.to, {
    path: ['to'],
    message: 'The end date must not be before the start date.',
  });

export const auditChannels = {
  'audit/list': define<AuditPage>()({
    input: auditListInput,
    access: ['admin'],
    summary: 'The audit log, newest first, by person, entity and date range (clinic time zone), paged.',
    reads: DATA_KINDS,
  }),
} as const;
