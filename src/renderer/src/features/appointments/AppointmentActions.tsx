import { Alert, Button, Group } from '@mantine/core';
import type { AppointmentView } from '../../../../shared/dto/clinic';
import { errorMessage, useChannelMutation } from '../../lib/api';
import { canCancel, canMove } from './changes';

/** Check in, no-show, move and cancel buttons for one appointment, offered only where the status allows. */
export function AppointmentActions({
  appointment,
  now,
  onMove,
  onCancel,
}: {
  appointment: AppointmentView;
  now: number;
  onMove: (appointment: AppointmentView) => void;
  onCancel: (appointment: AppointmentView) => void;
}) {
  const checkIn = useChannelMutation('appointments/checkIn');
  const noShow = useChannelMutation('appointments/noShow');
  const who = `${appointment.patientName} at ${appointment.time}`;
  const error = checkIn.error ?? noShow.error;
  return (
    <Group gap="xs" wrap="nowrap">
      {appointment.status === 'booked' ? (
        <>
          <Button
            size="xs"
            aria-label={`Check in ${who}`}
            loading={checkIn.isPending}
            onClick={() => checkIn.mutate({ id: appointment.id })}
          >
            Check in
          </Button>
          {appointment.startsAt <= now ? (
            <Button
              size="xs"
              variant="light"
              color="orange"
              aria-label={`No-show ${who}`}
              loading={noShow.isPending}
              onClick={() => noShow.mutate({ id: appointment.id })}
            >
              No-show
            </Button>
          ) : null}
        </>
      ) : null}
      {canMove(appointment.status) ? (
        <Button size="xs" variant="subtle" aria-label={`Move ${who}`} onClick={() => onMove(appointment)}>
          Move…
        </Button>
      ) : null}
      {canCancel(appointment.status) ? (
        <Button
          size="xs"
          variant="subtle"
          color="red"
          aria-label={`Cancel ${who}`}
          onClick={() => onCancel(appointment)}
        >
          Cancel
        </Button>
      ) : null}
      {error ? (
        <Alert color="red" role="alert" p={4}>
          {errorMessage(error)}
        </Alert>
      ) : null}
    </Group>
  );
}
