import { Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { cancelInput } from '../../../../shared/contract';
import type { AppointmentRef } from '../../../../shared/dto/clinic';
import { DialogForm, FormDialog } from '../../components/FormDialog';
import { errorMessage, useChannelMutation } from '../../lib/api';
import { schemaIssues } from '../../lib/formErrors';

export function CancelDialog({
  appointment,
  onClose,
}: {
  appointment: AppointmentRef | null;
  onClose: () => void;
}) {
  return (
    <FormDialog opened={appointment !== null} onClose={onClose} title="Cancel appointment">
      {appointment ? <CancelForm key={appointment.id} appointment={appointment} onDone={onClose} /> : null}
    </FormDialog>
  );
}

function CancelForm({ appointment, onDone }: { appointment: AppointmentRef; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const cancel = useChannelMutation('appointments/cancel');
  const problem = schemaIssues(cancelInput, { id: appointment.id, reason })[0]?.message;
  return (
    <DialogForm
      label="Cancel appointment"
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (!problem) cancel.mutate({ id: appointment.id, reason }, { onSuccess: onDone });
      }}
      dirty={reason !== ''}
      error={cancel.isError ? errorMessage(cancel.error) : undefined}
      errorTitle="Not cancelled"
      submitLabel="Cancel appointment"
      submitColor="red"
      pending={cancel.isPending}
      closeLabel="Keep appointment"
    >
      <Text>
        {appointment.patientName} with {appointment.doctorName}, {appointment.date} at {appointment.time}.
      </Text>
      <Textarea
        label="Reason for cancelling"
        data-autofocus
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={tried || reason ? problem : undefined}
        autosize
        minRows={2}
      />
    </DialogForm>
  );
}
