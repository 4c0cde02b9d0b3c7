import { Alert, Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { cancelInput } from '../../../../shared/contract';
import type { AppointmentView } from '../../../../shared/dto/clinic';
import { errorMessage, useChannelMutation } from '../../lib/api';
import { schemaIssues } from '../../lib/formErrors';

export function CancelDialog({
  appointment,
  onClose,
}: {
  appointment: AppointmentView | null;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const cancel = useChannelMutation('appointments/cancel');
  const problem = appointment
    ? schemaIssues(cancelInput, { id: appointment.id, reason })[0]?.message
    : undefined;
  const close = () => {
    setReason('');
    setTried(false);
    cancel.reset();
    onClose();
  };
  return (
    <Modal opened={appointment !== null} onClose={close} title="Cancel appointment">
      {appointment ? (
        <form
          noValidate
          aria-label="Cancel appointment"
          onSubmit={(event) => {
            event.preventDefault();
            setTried(true);
            if (!problem) cancel.mutate({ id: appointment.id, reason }, { onSuccess: close });
          }}
        >
          <Stack>
            <div>
              {appointment.patientName} with {appointment.doctorName}, {appointment.date} at{' '}
              {appointment.time}.
            </div>
            {cancel.isError ? (
              <Alert color="red" role="alert">
                {errorMessage(cancel.error)}
              </Alert>
            ) : null}
            <Textarea
              label="Reason for cancelling"
              data-autofocus
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={tried || reason ? problem : undefined}
              autosize
              minRows={2}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Keep appointment
              </Button>
              <Button type="submit" color="red" loading={cancel.isPending}>
                Cancel appointment
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Modal>
  );
}
