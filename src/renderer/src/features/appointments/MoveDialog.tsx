import { Text } from '@mantine/core';
import { useState } from 'react';
import type { AppointmentRef } from '../../../../shared/dto/clinic';
import { DialogForm, FormDialog } from '../../components/FormDialog';
import { ApiError, errorMessage, useChannelMutation, useChannelQuery } from '../../lib/api';
import { DoctorAndDay, FreeTimeSelect, useFreeTimes } from './SlotFields';

/**
 * Moves a booked appointment to another free time, with the same or another doctor: the patient
 * keeps one appointment (and gets one "moved" email) instead of a cancellation and a new booking.
 */
export function MoveDialog({
  appointment,
  onClose,
}: {
  appointment: AppointmentRef | null;
  onClose: () => void;
}) {
  return (
    <FormDialog opened={appointment !== null} onClose={onClose} title="Move appointment" size="lg">
      {appointment ? <MoveForm key={appointment.id} appointment={appointment} onDone={onClose} /> : null}
    </FormDialog>
  );
}

function MoveForm({ appointment, onDone }: { appointment: AppointmentRef; onDone: () => void }) {
  const options = useChannelQuery('appointments/options', {});
  const [doctorId, setDoctorId] = useState<string | null>(String(appointment.doctorId));
  const [date, setDate] = useState<string | null>(null);
  const [startsAt, setStartsAt] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const move = useChannelMutation('appointments/reschedule');
  const today = options.data?.today;
  // Its own day first; but a booked visit whose day has passed (the patient missed it and phones)
  // has no free time left that day, so the dialog starts from today.
  const from = date ?? (today === undefined ? '' : appointment.date < today ? today : appointment.date);
  const { free, slots, loading } = useFreeTimes(doctorId, from);
  const missingSlot = tried && !startsAt ? 'Choose a free time.' : undefined;

  return (
    <DialogForm
      label="Move appointment"
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (!doctorId || !startsAt) return;
        move.mutate(
          { id: appointment.id, doctorId: Number(doctorId), startsAt: Number(startsAt) },
          {
            onSuccess: onDone,
            // Someone took that time meanwhile: ask again so the list holds only free times.
            onError: (error) => {
              if (error instanceof ApiError && error.code === 'conflict') {
                setStartsAt(null);
                void free.refetch();
              }
            },
          },
        );
      }}
      dirty={startsAt !== null}
      error={move.isError ? errorMessage(move.error) : undefined}
      errorTitle="Not moved"
      submitLabel="Move"
      pending={move.isPending}
      closeLabel="Close"
    >
      <Text>
        {appointment.patientName} ({appointment.patientNumber}), now with{' '}
        <strong>{appointment.doctorName}</strong> on {appointment.date} at {appointment.time}.
      </Text>
      <DoctorAndDay
        doctors={options.data?.doctors ?? []}
        doctorId={doctorId}
        onDoctor={(v) => {
          move.reset();
          setDoctorId(v);
          setStartsAt(null);
        }}
        date={from}
        minDate={today}
        onDate={(v) => {
          move.reset();
          setDate(v);
          setStartsAt(null);
        }}
        dateLabel="New date"
      />
      <FreeTimeSelect
        label="New time"
        autoFocus
        doctorChosen={doctorId !== null}
        loading={loading}
        failed={free.isError}
        slots={slots}
        value={startsAt}
        onChange={(v) => {
          move.reset();
          setStartsAt(v);
        }}
        error={missingSlot}
      />
    </DialogForm>
  );
}
