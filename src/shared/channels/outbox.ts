import { z } from 'zod';
import type { OutboxItem, OutboxPage } from '../dto/jobs';
import { define } from './define';

export const outboxListInput = z.strictObject({
  status: z.enum(['queued', 'sending', 'sent', 'failed']).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

export const outboxChannels = {
  'outbox/list': define<OutboxPage>()({
    input: outboxListInput,
    access: ['admin'],
    summary: 'Recent outbox messages with status, attempts and last error.',
    mutates: false,
  }),
  'outbox/retry': define<OutboxItem>()({
    input: z.strictObject({ id: z.number().int().positive() }),
    access: ['admin'],
    summary: 'Queue a failed or waiting message for sending now.',
    mutates: true,
  }),
} as const;
