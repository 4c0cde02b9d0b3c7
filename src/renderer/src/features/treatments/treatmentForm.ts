import { completeInput } from '../../../../shared/contract';
import type { FieldIssue } from '../../../../shared/result';
import { schemaIssues } from '../../lib/formErrors';

export interface TreatmentValues extends Record<string, string> {
  diagnosis: string;
  treatmentNotes: string;
  prescription: string;
  nextVisitDate: string;
}

export const emptyTreatment: TreatmentValues = {
  diagnosis: '',
  treatmentNotes: '',
  prescription: '',
  nextVisitDate: '',
};

export const treatmentRequest = (values: TreatmentValues) => ({
  diagnosis: values.diagnosis,
  treatmentNotes: values.treatmentNotes,
  prescription: values.prescription,
  nextVisitDate: values.nextVisitDate === '' ? null : values.nextVisitDate,
});

/** The contract's rules for recording a treatment, as the doctor types. */
export const validateTreatment = (values: TreatmentValues): FieldIssue[] =>
  schemaIssues(completeInput, { id: 1, ...treatmentRequest(values) });
