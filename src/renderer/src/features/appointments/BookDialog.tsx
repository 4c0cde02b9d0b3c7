import { Alert, Button, Group, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { PatientSummary } from '../../../../shared/dto';
import type { Slot } from '../../../../shared/dto/clinic';
import { DialogForm, FormDialog } from '../../components/FormDialog';
import { ApiError, errorMessage, useChannelMutation, useChannelQuery } from '../../lib/api';
import { DoctorAndDay, FreeTimeSelect, useFreeTimes } from './SlotFields';
import { nearestSlots } from './nearestSlots';
import { PatientPicker } from './PatientPicker';

export interface BookingTarget {
  /** Fixed when booking from a patient's profile; chosen in the dialog otherwise. */
  patient?: PatientSummary;
  /** Fixed when booking from a free slot in the calendar. */
  doctorId?: number;
  doctorName?: string;
  slot?: Slot;
}

/** Books a patient into a free slot: from the calendar (slot fixed) or a profile (patient fixed). */
export function BookDialog({ target, onClose }: { target: BookingTarget | null; onClose: () => void }) {
  return (
    <FormDialog opened={target !== null} onClose={onClose} title="Book appointment" size="lg">
      {target ? <BookForm target={target} onClose={onClose} /> : null}
    </FormDialog>
  );
}

function BookForm({ target, onClose }: { target: BookingTarget; onClose: () => void }) {
  const options = useChannelQuery('appointments/options', {});
  const [patient, setPatient] = useState<PatientSummary | null>(target.patient ?? null);
  const [doctorId, setDoctorId] = useState<string | null>(target.doctorId ? String(target.doctorId) : null);
  const [date, setDate] = useState<string | null>(target.slot?.date ?? null);
  // The calendar fixes a slot; after "just taken" another one of the same doctor replaces it.
  const [fixedSlot, setFixedSlot] = useState<Slot | null>(target.slot ?? null);
  const [startsAt, setStartsAt] = useState<string | null>(target.slot ? String(target.slot.startsAt) : null);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const book = useChannelMutation('appointments/book');
  const from = date ?? options.data?.today ?? '';
  const { free, slots, loading: slotsLoading } = useFreeTimes(doctorId, from, !fixedSlot || book.isError);
  const missingPatient = tried && !patient ? 'Choose the patient to book.' : undefined;
  const missingSlot = tried && !startsAt ? 'Choose a free time.' : undefined;
  const taken = book.error instanceof ApiError && book.error.code === 'conflict' && startsAt !== null;
  const alternatives = taken ? nearestSlots(slots, Number(startsAt)) : [];
  const doctorName =
    target.doctorName ??
    options.data?.doctors.find((d) => String(d.id) === doctorId)?.fullName ??
    'the doctor';

  const choose = (slot: Slot): void => {
    book.reset();
    setStartsAt(String(slot.startsAt));
    if (fixedSlot) setFixedSlot(slot);
  };

  return (
    <DialogForm
      label="Book appointment"
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (!patient || !doctorId || !startsAt) return;
        book.mutate(
          { patientId: patient.id, doctorId: Number(doctorId), startsAt: Number(startsAt), reason },
          {
            onSuccess: onClose,
            // The other booking changed the day: ask again so the alternatives are really free.
            onError: (error) => {
              if (error instanceof ApiError && error.code === 'conflict') void free.refetch();
            },
          },
        );
      }}
      dirty={(!target.patient && patient !== null) || reason !== ''}
      submitLabel="Book"
      pending={book.isPending}
      closeLabel="Close"
    >
      {book.isError ? (
        <Alert color="red" role="alert" title="Not booked">
          {errorMessage(book.error)}
          {taken ? (
            <NearestTimes
              doctorName={doctorName}
              loading={free.isPending}
              slots={alternatives}
              onChoose={choose}
            />
          ) : null}
        </Alert>
      ) : null}
      {target.patient ? (
        <Text>
          Patient: <strong>{target.patient.fullName}</strong> ({target.patient.patientNumber})
        </Text>
      ) : (
        <PatientPicker value={patient} onChange={setPatient} error={missingPatient} />
      )}
      {fixedSlot ? (
        <Text>
          With <strong>{target.doctorName}</strong> on {fixedSlot.date} at {fixedSlot.time}
        </Text>
      ) : (
        <>
          <DoctorAndDay
            doctors={options.data?.doctors ?? []}
            // From a profile (patient fixed, "B"), typing goes straight to the doctor; not when the
            // doctor is chosen already (a follow-up): focus opens the list over the free times.
            doctorAutoFocus={target.patient !== undefined && target.doctorId === undefined}
            doctorId={doctorId}
            onDoctor={(v) => {
              setDoctorId(v);
              setStartsAt(null);
            }}
            date={from}
            minDate={options.data?.today}
            onDate={(v) => {
              setDate(v);
              setStartsAt(null);
            }}
            dateLabel="Date"
          />
          <FreeTimeSelect
            label="Free time"
            doctorChosen={doctorId !== null}
            loading={slotsLoading}
            failed={free.isError}
            slots={slots}
            value={startsAt}
            onChange={(v) => {
              book.reset();
              setStartsAt(v);
            }}
            error={missingSlot}
          />
        </>
      )}
      <TextInput
        label="Reason for the visit"
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        maxLength={300}
      />
    </DialogForm>
  );
}

function NearestTimes({
  doctorName,
  loading,
  slots,
  onChoose,
}: {
  doctorName: string;
  loading: boolean;
  slots: Slot[];
  onChoose: (slot: Slot) => void;
}) {
  if (loading) return <Text size="sm">Looking for the nearest free times…</Text>;
  if (slots.length === 0) return <Text size="sm">{doctorName} has no other free time that day.</Text>;
  return (
    <Group gap="xs" mt="xs" role="group" aria-label={`Nearest free times with ${doctorName}`}>
      <Text size="sm">Nearest free times:</Text>
      {slots.map((slot) => (
        <Button
          key={slot.startsAt}
          size="compact-sm"
          variant="white"
          onClick={() => onChoose(slot)}
          aria-label={`Choose ${slot.time} on ${slot.date}`}
        >
          {slot.time}
        </Button>
      ))}
    </Group>
  );
}
