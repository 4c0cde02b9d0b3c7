import { formatLongDate } from './dates';
import { emailDocument, markup } from './html';

export interface ReminderDetails {
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
  /** False when the job is run by hand for another day: the email then names the day. */
  isToday: boolean;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export function reminderEmail(d: ReminderDetails): RenderedEmail {
  const when = `${formatLongDate(d.date)} at ${d.time}`;
  const day = d.isToday ? 'today' : `on ${formatLongDate(d.date)}`;
  const subject = `Reminder: your appointment ${day} at ${d.time} – ${d.clinicName}`;
  const contact = [d.clinicAddress, d.clinicPhone ? `Phone ${d.clinicPhone}` : ''].filter(Boolean);
  const body = markup`<h1>${d.clinicName}</h1>
<p>Dear ${d.patientName},</p>
<p>This is a reminder of your appointment ${day}.</p>
<table>
<tr><th>When</th><td>${when}</td></tr>
<tr><th>Doctor</th><td>${d.doctorName}</td></tr>
<tr><th>Department</th><td>${d.department}</td></tr>
</table>
<p>If you cannot come, please call us so that someone else can have the time.</p>
<p class="muted">${d.clinicName}${contact.map((line) => markup`<br>${line}`)}</p>
<p class="muted">Times are local clinic time (${d.timeZone}). The attached calendar file adds the appointment to your calendar.</p>`;
  const text = [
    d.clinicName,
    '',
    `Dear ${d.patientName},`,
    '',
    `This is a reminder of your appointment ${day}.`,
    '',
    `When:       ${when}`,
    `Doctor:     ${d.doctorName}`,
    `Department: ${d.department}`,
    '',
    'If you cannot come, please call us so that someone else can have the time.',
    '',
    d.clinicName,
    ...contact,
    '',
    `Times are local clinic time (${d.timeZone}).`,
    '',
  ].join('\n');
  return { subject, html: emailDocument(subject, body), text };
}
