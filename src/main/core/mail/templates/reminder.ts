import { formatLongDate } from './dates';
import { emailDocument, markup } from './html';
import { clinicSignature, visitDetails, type PatientLetter, type RenderedEmail } from './letter';

export interface ReminderDetails extends PatientLetter {
  /** Local date 'YYYY-MM-DD' and time 'HH:MM' in the clinic's zone. */
  date: string;
  time: string;
  timeZone: string;
  /** False when the job is run by hand for another day: the email then names the day. */
  isToday: boolean;
}

export function reminderEmail(d: ReminderDetails): RenderedEmail {
  const when = `${formatLongDate(d.date)} at ${d.time}`;
  const day = d.isToday ? 'today' : `on ${formatLongDate(d.date)}`;
  const subject = `Reminder: your appointment ${day} at ${d.time} – ${d.clinicName}`;
  const visit = visitDetails(when, d);
  const signature = clinicSignature(d);
  const body = markup`<h1>${d.clinicName}</h1>
<p>Dear ${d.patientName},</p>
<p>This is a reminder of your appointment ${day}.</p>
${visit.html}
<p>If you cannot come, please call us so that someone else can have the time.</p>
${signature.html}
<p class="muted">Times are local clinic time (${d.timeZone}). The attached calendar file adds the appointment to your calendar.</p>`;
  const text = [
    d.clinicName,
    '',
    `Dear ${d.patientName},`,
    '',
    `This is a reminder of your appointment ${day}.`,
    '',
    ...visit.text,
    '',
    'If you cannot come, please call us so that someone else can have the time.',
    '',
    ...signature.text,
    '',
    `Times are local clinic time (${d.timeZone}).`,
    '',
  ].join('\n');
  return { subject, html: emailDocument(subject, body), text };
}
