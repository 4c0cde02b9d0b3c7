import { formatLongDate } from './dates';
import { emailDocument, markup } from './html';
import type { RenderedEmail } from './letter';

export function exportEmail(
  clinicName: string,
  patientName: string,
  date: string,
  rows: number,
): RenderedEmail {
  const subject = `Your medical history from ${clinicName}`;
  const body = markup`<h1>${clinicName}</h1>
<p>Dear ${patientName},</p>
<p>As requested, your history with us as of ${formatLongDate(date)} is attached as a CSV file (${rows} ${rows === 1 ? 'entry' : 'entries'}), which opens in any spreadsheet program.</p>
<p class="muted">It contains medical information: keep it somewhere private.</p>`;
  const text = [
    clinicName,
    '',
    `Dear ${patientName},`,
    '',
    `As requested, your history with us as of ${formatLongDate(date)} is attached as a CSV file (${rows} ${rows === 1 ? 'entry' : 'entries'}), which opens in any spreadsheet program.`,
    '',
    'It contains medical information: keep it somewhere private.',
    '',
  ].join('\n');
  return { subject, html: emailDocument(subject, body), text };
}

export function testEmail(clinicName: string, delivery: string): RenderedEmail {
  const subject = `Test email from ${clinicName}`;
  const body = markup`<h1>${clinicName}</h1>
<p>This test message shows that Clinic Desk can send email (${delivery}).</p>`;
  const text = `${clinicName}\n\nThis test message shows that Clinic Desk can send email (${delivery}).\n`;
  return { subject, html: emailDocument(subject, body), text };
}
