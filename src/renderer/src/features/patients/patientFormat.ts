import dayjs from 'dayjs';
import type { PatientSummary } from '../../../../shared/dto';

const SEX_LABELS: Record<PatientSummary['sex'], string> = {
  female: 'Female',
  male: 'Male',
  other: 'Other',
  unknown: 'Not recorded',
};

export const sexLabel = (sex: PatientSummary['sex']): string => SEX_LABELS[sex];

/** Dates of birth are calendar dates (YYYY-MM-DD), so no time zone applies; shown unambiguously. */
export function formatDateOfBirth(value: string): string {
  const date = dayjs(value, 'YYYY-MM-DD');
  return date.isValid() ? date.format('D MMM YYYY') : value;
}

/**
 * "Showing 26–50 of 132 patients", or the empty-state sentence. A capped total (a search with
 * more matches than main counts) reads "of 500+ patients".
 */
export function describeRange(offset: number, shown: number, total: number, capped = false): string {
  if (total === 0) return 'No patients';
  const noun = total === 1 && !capped ? 'patient' : 'patients';
  const count = capped ? `${total}+` : String(total);
  if (shown === 0) return `${count} ${noun}`;
  return `Showing ${offset + 1}–${offset + shown} of ${count} ${noun}`;
}

export { pageCount } from '../../lib/paging';
