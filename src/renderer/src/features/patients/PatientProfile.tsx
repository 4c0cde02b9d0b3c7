import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Kbd,
  Modal,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import type { SessionInfo } from '../../../../shared/dto';
import type { AppointmentRef, HistoryEntry } from '../../../../shared/dto/clinic';
import { errorMessage, useChannelMutation, useChannelQuery } from '../../lib/api';
import { BookDialog } from '../appointments/BookDialog';
import { CancelDialog } from '../appointments/CancelDialog';
import { MoveDialog } from '../appointments/MoveDialog';
import { AmendTreatmentDialog } from '../treatments/AmendTreatmentDialog';
import { HistoryTable } from './HistoryTable';
import { PatientFormDialog } from './PatientFormDialog';
import { formatDateOfBirth, sexLabel } from './patientFormat';
import { ExportHistoryButton } from '../exports/ExportHistoryButton';

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text>{children || '—'}</Text>
    </div>
  );
}

/** One patient: details, edit, deactivate/reactivate, book, and the visit history. */
export function PatientProfile({ patientId, session }: { patientId: number; session: SessionInfo }) {
  const patient = useChannelQuery('patients/get', { id: patientId });
  const [editing, setEditing] = useState(false);
  const [booking, setBooking] = useState(false);
  const [deactivating, setDeactivating] = useState(false);
  const [reason, setReason] = useState('');
  const [amending, setAmending] = useState<HistoryEntry | null>(null);
  const [moving, setMoving] = useState<AppointmentRef | null>(null);
  const [cancelling, setCancelling] = useState<AppointmentRef | null>(null);
  const deactivate = useChannelMutation('patients/deactivate');
  const reactivate = useChannelMutation('patients/reactivate');
  const desk = session.role !== 'doctor';
  const p = patient.data;
  const canBook = desk && p?.active === true;
  /** A visit of this patient as the move and cancel dialogs take it. */
  const refOf = (entry: HistoryEntry): AppointmentRef => ({
    id: entry.appointmentId,
    patientName: p?.fullName ?? '',
    patientNumber: p?.patientNumber ?? '',
    doctorId: entry.doctorId,
    doctorName: entry.doctorName,
    date: entry.date,
    time: entry.time,
  });
  // "B" books from the profile (not while typing, and not over another open dialog).
  useHotkeys([
    [
      'b',
      () => {
        if (canBook && !editing && !deactivating && amending === null) setBooking(true);
      },
    ],
  ]);

  if (patient.isError) {
    return (
      <Alert color="red" role="alert" title="Could not open the patient">
        {errorMessage(patient.error)}
      </Alert>
    );
  }
  if (!p) return <Skeleton height={200} aria-label="Loading patient" />;

  return (
    <Stack gap="lg">
      <Anchor href="#/patients" size="sm">
        ← All patients
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2">
            {p.fullName}
          </Title>
          <Group gap="xs">
            <Text c="dimmed">{p.patientNumber}</Text>
            <Badge color={p.active ? 'teal' : 'gray'} variant="light">
              {p.active ? 'Active' : 'Inactive'}
            </Badge>
          </Group>
        </div>
        <Group>
          {/* Reception requests; a doctor (own patients, main checks) or the administrator exports. */}
          <ExportHistoryButton patientId={p.id} />
          {canBook ? (
            <Button
              onClick={() => setBooking(true)}
              aria-keyshortcuts="B"
              rightSection={
                <Kbd size="xs" aria-hidden="true">
                  B
                </Kbd>
              }
            >
              Book appointment
            </Button>
          ) : null}
          {desk ? (
            <Button variant="default" onClick={() => setEditing(true)}>
              Edit details
            </Button>
          ) : null}
          {desk && p.active ? (
            <Button variant="subtle" color="red" onClick={() => setDeactivating(true)}>
              Deactivate
            </Button>
          ) : null}
          {desk && !p.active ? (
            <Button
              variant="light"
              loading={reactivate.isPending}
              onClick={() => reactivate.mutate({ id: p.id })}
            >
              Reactivate
            </Button>
          ) : null}
        </Group>
      </Group>
      {!p.active ? (
        <Alert color="gray" title="Inactive patient">
          Deactivated: {p.deactivatedReason ?? 'no reason recorded'}. The history stays; new bookings are not
          possible.
        </Alert>
      ) : null}
      {reactivate.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(reactivate.error)}
        </Alert>
      ) : null}
      <Paper withBorder p="md" component="section" aria-label="Patient details">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Detail label="Date of birth">{formatDateOfBirth(p.dateOfBirth)}</Detail>
          <Detail label="Sex">{sexLabel(p.sex)}</Detail>
          <Detail label="Phone">{p.phone}</Detail>
          <Detail label="Email">{p.email}</Detail>
          <Detail label="Email reminders">{p.emailReminders ? 'Yes' : 'No'}</Detail>
          <Detail label="Emergency contact">{p.emergencyContact}</Detail>
          <Detail label="Address">{p.address}</Detail>
          <Detail label="Notes">{p.notes}</Detail>
        </SimpleGrid>
      </Paper>
      <HistoryTable
        patientId={p.id}
        onAmend={session.role === 'doctor' || session.role === 'admin' ? setAmending : undefined}
        canAmend={(entry) => session.role === 'admin' || entry.doctorId === session.doctorId}
        onMove={desk ? (entry) => setMoving(refOf(entry)) : undefined}
        onCancel={desk ? (entry) => setCancelling(refOf(entry)) : undefined}
      />
      <MoveDialog appointment={moving} onClose={() => setMoving(null)} />
      <CancelDialog appointment={cancelling} onClose={() => setCancelling(null)} />
      <PatientFormDialog
        opened={editing}
        patient={p}
        onClose={() => setEditing(false)}
        onSaved={() => setEditing(false)}
      />
      <BookDialog target={booking ? { patient: p } : null} onClose={() => setBooking(false)} />
      <AmendTreatmentDialog entry={amending} onClose={() => setAmending(null)} />
      <Modal opened={deactivating} onClose={() => setDeactivating(false)} title="Deactivate patient">
        <form
          noValidate
          aria-label="Deactivate patient"
          onSubmit={(event) => {
            event.preventDefault();
            deactivate.mutate({ id: p.id, reason }, { onSuccess: () => setDeactivating(false) });
          }}
        >
          <Stack>
            {deactivate.isError ? (
              <Alert color="red" role="alert">
                {errorMessage(deactivate.error)}
              </Alert>
            ) : null}
            <Textarea
              label="Reason"
              data-autofocus
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              maxLength={300}
            />
            <Group justify="flex-end">
              <Button type="submit" color="red" loading={deactivate.isPending}>
                Deactivate
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
