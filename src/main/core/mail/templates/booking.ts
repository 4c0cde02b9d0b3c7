import { formatLongDate } from './dates';
import { emailDocument, markup } from './html';
import { clinicSignature, visitDetails, type PatientLetter, type RenderedEmail } from './letter';

export type BookingEvent = 'booked' | 'rescheduled' | 'cancelled';

export interface BookingDetails extends PatientLetter {
  event: BookingEvent;
  /** Local date 'YYYY-MM-DD' and time 'HH:MM' in the clinic's zone. */
  date: string;
  time: string;
  timeZone: string;
  /** For a reschedule: where the appointment was before, already formatted in the clinic's zone. */
  previous?: { date: string; time: string; doctorName: string } | undefined;
}

const HEADLINE: Record<BookingEvent, string> = {
  booked: 'Your appointment is booked',
  rescheduled: 'Your appointment has moved',
  cancelled: 'Your appointment is cancelled',
};

const whenOf = (d: BookingDetails) => `${formatLongDate(d.date)} at ${d.time}`;

/** The confirmation's subject alone: what the outbox shows before the message is rendered. */
export function bookingSubject(d: BookingDetails): string {
  return `${HEADLINE[d.event]}: ${whenOf(d)} – ${d.clinicName}`;
}

/** The confirmation a patient receives when the front desk books, moves or cancels a visit. */
export function bookingEmail(d: BookingDetails): RenderedEmail {
  const when = whenOf(d);
  const subject = bookingSubject(d);
  const lead =
    d.event === 'cancelled'
      ? 'This confirms that the following appointment is cancelled.'
      : d.event === 'rescheduled'
        ? 'Your appointment has been moved to the time below.'
        : 'This confirms your appointment.';
  const was = d.previous
    ? `${formatLongDate(d.previous.date)} at ${d.previous.time} (${d.previous.doctorName})`
    : undefined;
  const visit = visitDetails(when, d, was);
  const signature = clinicSignature(d);
  const body = markup`<h1>${d.clinicName}</h1>
<p>Dear ${d.patientName},</p>
<p>${lead}</p>
${visit.html}
<p>${d.event === 'cancelled' ? 'To book another time, please call us.' : 'If you cannot come, please call us so that someone else can have the time.'}</p>
${signature.html}
<p class="muted">Times are local clinic time (${d.timeZone}).</p>`;
  const text = [
    d.clinicName,
    '',
    `Dear ${d.patientName},`,
    '',
    lead,
    '',
    ...visit.text,
    '',
    d.event === 'cancelled'
      ? 'To book another time, please call us.'
      : 'If you cannot come, please call us so that someone else can have the time.',
    '',
    ...signature.text,
    '',
    `Times are local clinic time (${d.timeZone}).`,
    '',
  ].join('\n');
  return { subject, html: emailDocument(subject, body), text };
}
