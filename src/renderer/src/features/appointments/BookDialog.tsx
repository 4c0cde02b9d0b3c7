import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useState } from 'react';
import type { PatientSummary } from '../../../../shared/dto';
import type { Slot } from '../../../../shared/dto/clinic';
import { errorMessage, useChannelMutation, useChannelQuery } from '../../lib/api';
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
    <Modal opened={target !== null} onClose={onClose} title="Book appointment" size="lg">
      {target ? <BookForm target={target} onClose={onClose} /> : null}
    </Modal>
  );
}

function BookForm({ target, onClose }: { target: BookingTarget; onClose: () => void }) {
  const options = useChannelQuery('appointments/options', {});
  const [patient, setPatient] = useState<PatientSummary | null>(target.patient ?? null);
  const [doctorId, setDoctorId] = useState<string | null>(target.doctorId ? String(target.doctorId) : null);
  const [date, setDate] = useState<string | null>(target.slot?.date ?? null);
  const [startsAt, setStartsAt] = useState<string | null>(target.slot ? String(target.slot.startsAt) : null);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const book = useChannelMutation('appointments/book');
  const from = date ?? options.data?.today ?? '';
  const free = useChannelQuery(
    'appointments/freeSlots',
    { doctorId: Number(doctorId), from, days: 1 },
    { enabled: !target.slot && doctorId !== null && from !== '' },
  );
  const slots = free.data?.doctors[0]?.slots ?? [];
  const missingPatient = tried && !patient ? 'Choose the patient to book.' : undefined;
  const missingSlot = tried && !startsAt ? 'Choose a free time.' : undefined;

  return (
    <form
      noValidate
      aria-label="Book appointment"
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (!patient || !doctorId || !startsAt) return;
        book.mutate(
          { patientId: patient.id, doctorId: Number(doctorId), startsAt: Number(startsAt), reason },
          { onSuccess: onClose },
        );
      }}
    >
      <Stack>
        {book.isError ? (
          <Alert color="red" role="alert" title="Not booked">
            {errorMessage(book.error)}
          </Alert>
        ) : null}
        {target.patient ? (
          <Text>
            Patient: <strong>{target.patient.fullName}</strong> ({target.patient.patientNumber})
          </Text>
        ) : (
          <PatientPicker value={patient} onChange={setPatient} error={missingPatient} />
        )}
        {target.slot ? (
          <Text>
            With <strong>{target.doctorName}</strong> on {target.slot.date} at {target.slot.time}
          </Text>
        ) : (
          <>
            <Select
              label="Doctor"
              placeholder="Choose a doctor"
              searchable
              data={(options.data?.doctors ?? []).map((d) => ({
                value: String(d.id),
                label: `${d.fullName} · ${d.departmentName}`,
              }))}
              value={doctorId}
              onChange={(v) => {
                setDoctorId(v);
                setStartsAt(null);
              }}
            />
            <DatePickerInput
              label="Date"
              valueFormat="ddd D MMM YYYY"
              value={from || null}
              minDate={options.data?.today}
              onChange={(v) => {
                setDate(v);
                setStartsAt(null);
              }}
            />
            <Select
              label="Free time"
              placeholder={
                doctorId
                  ? slots.length
                    ? 'Choose a time'
                    : 'No free times that day'
                  : 'Choose a doctor first'
              }
              data={slots.map((s) => ({ value: String(s.startsAt), label: s.time }))}
              value={startsAt}
              onChange={setStartsAt}
              error={missingSlot}
              disabled={!doctorId}
            />
          </>
        )}
        <TextInput
          label="Reason for the visit"
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          maxLength={300}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          <Button type="submit" loading={book.isPending}>
            Book
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
