import { formatLongDate } from './dates';
import { emailDocument, markup } from './html';
import type { RenderedEmail } from './reminder';

export type BookingEvent = 'booked' | 'rescheduled' | 'cancelled';

export interface BookingDetails {
  event: BookingEvent;
  clinicName: string;
  clinicAddress: string;
  clinicPhone: string;
  patientName: string;
  doctorName: string;
  department: string;
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

/** The confirmation a patient receives when the front desk books, moves or cancels a visit. */
export function bookingEmail(d: BookingDetails): RenderedEmail {
  const when = `${formatLongDate(d.date)} at ${d.time}`;
  const subject = `${HEADLINE[d.event]}: ${when} – ${d.clinicName}`;
  const contact = [d.clinicAddress, d.clinicPhone ? `Phone ${d.clinicPhone}` : ''].filter(Boolean);
  const lead =
    d.event === 'cancelled'
      ? 'This confirms that the following appointment is cancelled.'
      : d.event === 'rescheduled'
        ? 'Your appointment has been moved to the time below.'
        : 'This confirms your appointment.';
  const before = d.previous ? `${formatLongDate(d.previous.date)} at ${d.previous.time}` : '';
  const body = markup`<h1>${d.clinicName}</h1>
<p>Dear ${d.patientName},</p>
<p>${lead}</p>
<table>
<tr><th>When</th><td>${when}</td></tr>
<tr><th>Doctor</th><td>${d.doctorName}</td></tr>
<tr><th>Department</th><td>${d.department}</td></tr>
${d.previous ? markup`<tr><th>Was</th><td>${before} (${d.previous.doctorName})</td></tr>` : ''}
</table>
<p>${d.event === 'cancelled' ? 'To book another time, please call us.' : 'If you cannot come, please call us so that someone else can have the time.'}</p>
<p class="muted">${d.clinicName}${contact.map((line) => markup`<br>${line}`)}</p>
<p class="muted">Times are local clinic time (${d.timeZone}).</p>`;
  const text = [
    d.clinicName,
    '',
    `Dear ${d.patientName},`,
    '',
    lead,
    '',
    `When:       ${when}`,
    `Doctor:     ${d.doctorName}`,
    `Department: ${d.department}`,
    ...(d.previous ? [`Was:        ${before} (${d.previous.doctorName})`] : []),
    '',
    d.event === 'cancelled'
      ? 'To book another time, please call us.'
      : 'If you cannot come, please call us so that someone else can have the time.',
    '',
    d.clinicName,
    ...contact,
    '',
    `Times are local clinic time (${d.timeZone}).`,
    '',
  ].join('\n');
  return { subject, html: emailDocument(subject, body), text };
}
