import { describe, expect, it } from 'vitest';
import { exportEmailLine, maskEmail } from '../../../src/renderer/src/features/exports/exportEmail';
import type { ExportItem } from '../../../src/shared/dto/jobs';

const when = (iso: string): string => `at ${iso.slice(11, 16)}`;
const done: Parameters<typeof exportEmailLine>[0] = {
  kind: 'patient_history',
  status: 'done',
  emailTo: 'jane.doe@example.org',
  emailStatus: 'sent',
  emailAt: '2026-03-11T10:05:00.000Z',
  emailNote: null,
};
const line = (changes: Partial<ExportItem>): string | null => exportEmailLine({ ...done, ...changes }, when);

describe('maskEmail', () => {
  it('keeps the first letter and the domain only', () => {
    expect(maskEmail('jane.doe@example.org')).toBe('j•••@example.org');
    expect(maskEmail('x@clinic.test')).toBe('x•••@clinic.test');
    expect(maskEmail('not-an-address')).toBe('•••');
  });
});

describe('the Exports e-mail column (issue 11, defect 6)', () => {
  it('says when and to whom, masked, instead of a bare status word', () => {
    expect(line({})).toBe('Sent at 10:05 to j•••@example.org');
    expect(line({ emailStatus: 'queued' })).toBe('Queued at 10:05 to j•••@example.org, not sent yet');
    expect(line({ emailStatus: 'failed' })).toMatch(/^Could not be sent to j•••@example\.org: /);
  });

  it('says why not when nothing was emailed', () => {
    expect(
      line({
        emailTo: null,
        emailStatus: null,
        emailAt: null,
        emailNote: 'Not emailed: the patient had no email address on file.',
      }),
    ).toBe('Not emailed: the patient had no email address on file.');
    expect(line({ status: 'failed', emailStatus: null })).toBe('Not emailed: the export failed');
  });

  it('shows a waiting request’s address in full to whoever decides, and nothing for range exports', () => {
    expect(line({ status: 'requested', emailStatus: null })).toBe('To jane.doe@example.org');
    expect(line({ status: 'requested', emailTo: null, emailStatus: null })).toMatch(
      /^No email address on file/,
    );
    expect(line({ status: 'running', emailStatus: null })).toBe(
      'Will be emailed to j•••@example.org once written',
    );
    expect(line({ kind: 'range', emailTo: null, emailStatus: null })).toBeNull();
    expect(line({ status: 'refused' })).toBeNull();
  });
});
