import { Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import type { ValidatedForm } from '../../lib/useValidatedForm';
import type { TreatmentValues } from './treatmentForm';

/** Diagnosis, notes, prescription and next visit: shared by "complete visit" and "amend". */
export function TreatmentFields({
  form,
  minNextVisit,
}: {
  form: ValidatedForm<TreatmentValues>;
  minNextVisit?: string;
}) {
  return (
    <>
      <TextInput
        label="Diagnosis"
        data-autofocus
        maxLength={500}
        value={form.values.diagnosis}
        onChange={(e) => form.setValue('diagnosis', e.currentTarget.value)}
        error={form.errors.diagnosis}
      />
      <Textarea
        label="Treatment notes"
        autosize
        minRows={3}
        maxLength={5000}
        value={form.values.treatmentNotes}
        onChange={(e) => form.setValue('treatmentNotes', e.currentTarget.value)}
        error={form.errors.treatmentNotes}
      />
      <Textarea
        label="Prescription"
        autosize
        minRows={2}
        maxLength={2000}
        value={form.values.prescription}
        onChange={(e) => form.setValue('prescription', e.currentTarget.value)}
        error={form.errors.prescription}
      />
      <DateInput
        label="Suggested next visit"
        placeholder="YYYY-MM-DD (optional)"
        valueFormat="YYYY-MM-DD"
        clearable
        minDate={minNextVisit}
        value={form.values.nextVisitDate || null}
        onChange={(value) => form.setValue('nextVisitDate', value ?? '')}
        error={form.errors.nextVisitDate}
      />
    </>
  );
}
