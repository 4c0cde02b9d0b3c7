import { z } from 'zod';
import { bookingEmail, bookingSubject, type BookingDetails } from './booking';
import type { RenderedEmail } from './letter';

/**
 * What a queued message says, stored instead of its rendered HTML and text (the outbox's `facts`
 * column): taken when the message was queued, so the email tells what was true then, and rendered
 * by the relay when it is sent. A booking confirmation's facts are a few hundred bytes where its
 * rendering was about 1.4 KB, which is what the booking's commit writes.
 */
export type MessageFacts = { template: 'booking'; details: BookingDetails };

const text = z.string();
const factsSchema = z.object({
  template: z.literal('booking'),
  details: z.object({
    event: z.enum(['booked', 'rescheduled', 'cancelled']),
    clinicName: text,
    clinicAddress: text,
    clinicPhone: text,
    patientName: text,
    doctorName: text,
    department: text,
    date: text,
    time: text,
    timeZone: text,
    previous: z.object({ date: text, time: text, doctorName: text }).optional(),
  }),
});

/** The subject shown in the outbox list before (and after) the message is rendered. */
export function subjectOf(facts: MessageFacts): string {
  return bookingSubject(facts.details);
}

/**
 * The message the facts describe, exactly as it would have been rendered when queued. Facts that
 * cannot be read fail the message for good (`EMESSAGE`, as nodemailer marks a message it cannot
 * build): retrying would read the same bytes again.
 */
export function renderFacts(stored: string): RenderedEmail {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    parsed = null;
  }
  const facts = factsSchema.safeParse(parsed);
  if (!facts.success) {
    throw Object.assign(
      new Error('The stored message cannot be rendered: its facts are not a known template.'),
      { code: 'EMESSAGE' },
    );
  }
  return bookingEmail(facts.data.details);
}
