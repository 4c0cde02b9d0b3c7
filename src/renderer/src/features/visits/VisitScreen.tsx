import { Alert, Anchor, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { HistoryEntry } from '../../../../shared/dto/clinic';
import { errorMessage, useChannelMutation, useChannelQuery } from '../../lib/api';
import { useValidatedForm } from '../../lib/useValidatedForm';
import { StatusBadge } from '../../components/StatusBadge';
import { HistoryTable } from '../patients/HistoryTable';
import { AmendTreatmentDialog } from '../treatments/AmendTreatmentDialog';
import { TreatmentFields } from '../treatments/TreatmentFields';
import {
  emptyTreatment,
  treatmentRequest,
  validateTreatment,
  type TreatmentValues,
} from '../treatments/treatmentForm';

/** The doctor's visit: who, the history, and the treatment form that completes the visit. */
export function VisitScreen({ appointmentId }: { appointmentId: number }) {
  const visit = useChannelQuery('appointments/get', { id: appointmentId });
  const [amending, setAmending] = useState<HistoryEntry | null>(null);
  const a = visit.data;
  if (visit.isError) {
    return (
      <Alert color="red" role="alert" title="Could not open the visit">
        {errorMessage(visit.error)}
      </Alert>
    );
  }
  if (!a) return <Skeleton height={200} aria-label="Loading visit" />;
  return (
    <Stack gap="lg">
      <Anchor href="#/my-day" size="sm">
        ← My day
      </Anchor>
      <Group justify="space-between">
        <div>
          <Title order={1} size="h2">
            Visit: {a.patientName}
          </Title>
          <Text c="dimmed">
            {a.patientNumber} · {a.date} {a.time}–{a.endTime} · {a.reason || 'no reason given'}
          </Text>
        </div>
        <StatusBadge status={a.status} />
      </Group>
      {a.status === 'arrived' ? (
        <CompleteVisit appointmentId={a.id} visitDate={a.date} />
      ) : a.status === 'booked' ? (
        <Alert color="blue">
          The patient has not been checked in yet. The front desk checks patients in when they arrive.
        </Alert>
      ) : null}
      {a.treatment ? (
        <Paper withBorder p="md" component="section" aria-label="Recorded treatment">
          <Title order={2} size="h4" mb="xs">
            Recorded treatment
          </Title>
          <Text>
            <strong>Diagnosis:</strong> {a.treatment.diagnosis}
          </Text>
          <Text>
            <strong>Treatment:</strong> {a.treatment.treatmentNotes || '—'}
          </Text>
          <Text>
            <strong>Prescription:</strong> {a.treatment.prescription || '—'}
          </Text>
          <Text>
            <strong>Next visit:</strong> {a.treatment.nextVisitDate ?? '—'}
          </Text>
        </Paper>
      ) : null}
      <HistoryTable
        patientId={a.patientId}
        onAmend={setAmending}
        canAmend={(entry) => entry.doctorId === a.doctorId}
      />
      <AmendTreatmentDialog entry={amending} onClose={() => setAmending(null)} />
    </Stack>
  );
}

function CompleteVisit({ appointmentId, visitDate }: { appointmentId: number; visitDate: string }) {
  const form = useValidatedForm<TreatmentValues>({ initial: emptyTreatment, validate: validateTreatment });
  const complete = useChannelMutation('appointments/complete');
  return (
    <Paper withBorder p="md" component="section" aria-label="Record treatment">
      <form
        noValidate
        aria-label="Record treatment"
        onSubmit={form.onSubmit((values) =>
          complete.mutate(
            { id: appointmentId, ...treatmentRequest(values) },
            { onError: form.showServerError },
          ),
        )}
      >
        <Stack>
          <Title order={2} size="h4">
            Record treatment
          </Title>
          {form.formError ? (
            <Alert color="red" role="alert">
              {form.formError}
            </Alert>
          ) : null}
          <TreatmentFields form={form} minNextVisit={visitDate} />
          <Group justify="flex-end">
            <Button type="submit" loading={complete.isPending}>
              Complete visit
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
