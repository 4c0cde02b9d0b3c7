import type { ExportItem } from '../../../../shared/dto/jobs';

/**
 * "jane.doe@example.org" → "j•••@example.org": enough for staff to recognise the address on a
 * shared screen, not enough to read it off. The domain stays whole (it says which provider).
 */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${address[0] ?? ''}•••${address.slice(at)}`;
}

type EmailFacts = Pick<ExportItem, 'kind' | 'status' | 'emailTo' | 'emailStatus' | 'emailAt' | 'emailNote'>;

/**
 * The Exports e-mail column in one sentence: when and to whom (masked) the file went or will go,
 * or why it does not; a waiting request shows the address in full to whoever decides on it. `when` formats an ISO instant for the reader.
 */
export function exportEmailLine(item: EmailFacts, when: (iso: string) => string): string | null {
  if (item.kind !== 'patient_history' || item.status === 'refused') return null;
  const to = item.emailTo ? maskEmail(item.emailTo) : null;
  // Whoever approves a request checks the address with the patient: it is shown in full.
  if (item.status === 'requested') {
    return item.emailTo ? `To ${item.emailTo}` : 'No email address on file: the file will not be emailed';
  }
  if (item.status === 'queued' || item.status === 'running') {
    return to ? `Will be emailed to ${to} once written` : 'Will not be emailed: no email address on file';
  }
  if (item.status === 'failed') return 'Not emailed: the export failed';
  const at = item.emailAt ? when(item.emailAt) : null;
  const toWhom = to ? ` to ${to}` : '';
  switch (item.emailStatus) {
    case 'sent':
      return `Sent${at ? ` ${at}` : ''}${toWhom}`;
    case 'queued':
    case 'sending':
      return `Queued${at ? ` ${at}` : ''}${toWhom}, not sent yet`;
    case 'failed':
      return `Could not be sent${toWhom}: the administrator sees why under Jobs › Outbox`;
    default:
      return item.emailNote ?? 'Not emailed: no email address on file';
  }
}
