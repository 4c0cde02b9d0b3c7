import { formatLongDate } from './dates';
import { emailDocument, markup } from './html';
import { clinicSignature, type PatientLetter, type RenderedEmail } from './letter';

export interface RecallDetails extends PatientLetter {
  /** The follow-up's due date 'YYYY-MM-DD'. */
  dueDate: string;
}

/** "Time to book your follow-up": sent once per follow-up, a few days before it is due. */
export function recallEmail(d: RecallDetails): RenderedEmail {
  const when = formatLongDate(d.dueDate);
  const subject = `Time to book your follow-up visit – ${d.clinicName}`;
  const signature = clinicSignature(d);
  const call = d.clinicPhone ? `call us on ${d.clinicPhone}` : 'call us';
  const body = markup`<h1>${d.clinicName}</h1>
<p>Dear ${d.patientName},</p>
<p>${d.doctorName} (${d.department}) would like to see you again around ${when}.</p>
<p>You do not have an appointment yet. Please ${call} or reply to this email to book one.</p>
${signature.html}`;
  const text = [
    d.clinicName,
    '',
    `Dear ${d.patientName},`,
    '',
    `${d.doctorName} (${d.department}) would like to see you again around ${when}.`,
    '',
    `You do not have an appointment yet. Please ${call} or reply to this email to book one.`,
    '',
    ...signature.text,
    '',
  ].join('\n');
  return { subject, html: emailDocument(subject, body), text };
}
