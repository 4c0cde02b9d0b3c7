import { z } from 'zod';
import type { TreatmentRecord } from '../dto/clinic';
import { define } from './define';
import { isoDate, recordId, requiredText, text } from './fields';

/** What a doctor records for a visit: completing it (appointments/complete) and amending it later. */
export const clinicalFields = {
  diagnosis: requiredText(500, 'The diagnosis', 'Enter the diagnosis.'),
  treatmentNotes: text(5000, 'Treatment notes').default(''),
  prescription: text(2000, 'The prescription').default(''),
  nextVisitDate: z
    .union([isoDate('Enter the next visit date as YYYY-MM-DD, or leave it empty.'), z.null()])
    .default(null),
};

export const amendTreatmentInput = z.strictObject({ treatmentId: recordId('treatment'), ...clinicalFields });

export const treatmentChannels = {
  'treatments/amend': define<TreatmentRecord>()({
    input: amendTreatmentInput,
    access: ['admin', 'doctor'],
    summary: 'Amend a recorded treatment (the doctor who recorded it, or an administrator); audited.',
    mutates: true,
  }),
} as const;
