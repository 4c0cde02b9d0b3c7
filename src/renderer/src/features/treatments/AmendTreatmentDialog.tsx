import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import type { HistoryEntry } from '../../../../shared/dto/clinic';
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
    <Modal opened={entry?.clinical != null} onClose={onClose} title="Amend treatment" size="lg">
      {entry?.clinical ? <AmendForm entry={entry} onClose={onClose} /> : null}
    </Modal>
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
    <form
      noValidate
      aria-label="Amend treatment"
      onSubmit={form.onSubmit((values) =>
        amend.mutate(
          { treatmentId: clinical.treatmentId, ...treatmentRequest(values) },
          { onSuccess: onClose, onError: form.showServerError },
        ),
      )}
    >
      <Stack>
        {form.formError ? (
          <Alert color="red" role="alert">
            {form.formError}
          </Alert>
        ) : null}
        <TreatmentFields form={form} minNextVisit={entry.date} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          <Button type="submit" loading={amend.isPending}>
            Save amendment
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
