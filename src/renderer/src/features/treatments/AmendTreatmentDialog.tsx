import type { HistoryEntry } from '../../../../shared/dto/clinic';
import { DialogForm, FormDialog } from '../../components/FormDialog';
import { useChannelMutation } from '../../lib/api';
import { useValidatedForm } from '../../lib/useValidatedForm';
import { TreatmentFields } from './TreatmentFields';
import { treatmentRequest, validateTreatment, type TreatmentValues } from './treatmentForm';

export function AmendTreatmentDialog({
  entry,
  onClose,
}: {
  entry: HistoryEntry | null;
  onClose: () => void;
}) {
  return (
    <FormDialog opened={entry?.clinical != null} onClose={onClose} title="Amend treatment" size="lg">
      {entry?.clinical ? <AmendForm entry={entry} onClose={onClose} /> : null}
    </FormDialog>
  );
}

function AmendForm({ entry, onClose }: { entry: HistoryEntry; onClose: () => void }) {
  const clinical = entry.clinical;
  const form = useValidatedForm<TreatmentValues>({
    initial: {
      diagnosis: clinical?.diagnosis ?? '',
      treatmentNotes: clinical?.treatmentNotes ?? '',
      prescription: clinical?.prescription ?? '',
      nextVisitDate: entry.nextVisitDate ?? '',
    },
    validate: validateTreatment,
  });
  const amend = useChannelMutation('treatments/amend');
  if (!clinical) return null;
  return (
    <DialogForm
      label="Amend treatment"
      onSubmit={form.onSubmit((values) =>
        amend.mutate(
          { treatmentId: clinical.treatmentId, ...treatmentRequest(values) },
          { onSuccess: onClose, onError: form.showServerError },
        ),
      )}
      dirty={form.dirty}
      error={form.formError}
      submitLabel="Save amendment"
      pending={amend.isPending}
      closeLabel="Close"
    >
      <TreatmentFields form={form} minNextVisit={entry.date} />
    </DialogForm>
  );
}
